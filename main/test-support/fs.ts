import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UserError } from '../../shared/errors';
import { openStore, type Store } from '../core/store';

/** A temp data folder per test, and file listings that prove what a run wrote (or did not). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

/** sha256 of every file under root, keyed by relative path: proves "nothing written". */
export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of listFiles(root))
    out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  return out;
}

export function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A real encrypted store in a temp folder. */
export function tempStore(): { store: Store; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const store = openStore({ dataDir: dir, passphrase: 'test passphrase', create: true });
  return {
    store,
    dir,
    cleanup: () => {
      store.close();
      cleanup();
    },
  };
}

/** The code of the UserError `fn` throws, or 'NO_ERROR'; anything else is rethrown. */
export function userErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.code;
    throw err;
  }
  return 'NO_ERROR';
}
