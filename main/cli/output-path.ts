/**
 * Output paths are checked before any work starts, so a typo in --out costs nothing and says exactly what
 * is wrong (exit 5, one line) instead of failing after the work with an ENOENT stack trace.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError } from './environment';

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A file we are about to create or replace: its folder must exist and be writable, and it must not be a folder. */
export function checkOutputFile(path: string, flag = '--out'): string {
  const full = resolve(path);
  const target = statOrNull(full);
  if (target?.isDirectory())
    throw new EnvironmentError(`${flag} ${path} is a folder: give a file name (inside it, for example).`);
  const dir = dirname(full);
  const folder = statOrNull(dir);
  if (!folder)
    throw new EnvironmentError(`The folder ${dir} does not exist: create it or choose another ${flag}.`);
  if (!folder.isDirectory()) throw new EnvironmentError(`${dir} is not a folder: choose another ${flag}.`);
  if (!writable(dir) || (target && !writable(full)))
    throw new EnvironmentError(
      `Cannot write ${target ? full : `into ${dir}`}: permission denied; choose a folder you can write to.`,
    );
  return full;
}

/** A data folder: it may not exist yet (its parent must then be writable), and it must not be a file. */
export function checkDataFolder(dir: string): void {
  const full = resolve(dir);
  const st = statOrNull(full);
  if (st && !st.isDirectory())
    throw new EnvironmentError(`--data-dir ${dir} is a file, not a folder: choose a folder.`);
  if (st) {
    if (!writable(full))
      throw new EnvironmentError(
        `Cannot write into ${full}: permission denied; choose a folder you can write to.`,
      );
    return;
  }
  let parent = dirname(full);
  while (!statOrNull(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (!statOrNull(parent)?.isDirectory() || !writable(parent))
    throw new EnvironmentError(`Cannot create ${full}: ${parent} is not a folder you can write to.`);
}
