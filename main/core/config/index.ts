import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BugError, UserError } from '../../../shared/errors';
import { DEFAULT_FLAGS, FLAGS_ENV, parseFlags, type Flags } from '../../../shared/flags';

export interface Config {
  dataDir: string;
  flags: Flags;
  /** Threads for local model inference; tests use 1 on these 2-core machines. */
  modelThreads: number;
  modelsDir: string;
  mode: 'browser' | 'desktop' | 'cli';
  appVersion: string;
}

/** The platform's per-user data folder, matching Electron's app.getPath('userData') for our app name. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Confidant');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Confidant');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Confidant');
}

let root: string | undefined;

/**
 * The package root: the nearest folder above this code that holds package.json. The same answer from
 * the sources (main/core/config), the compiled CLI (dist/cli) and the packaged app (app.asar/dist/app),
 * so kb/, models/manifest.json, renderer/dist and the shipped policy packs resolve in all three.
 */
export function projectRoot(): string {
  if (root !== undefined) return root;
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new BugError(`no package.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return (root = dir);
}

/**
 * The version users see comes from package.json, not npm's env: `npx confidant` and `node bin/...` do
 * not set npm_package_version, and a status page that lies about the version is worse than none.
 */
export function readAppVersion(root: string = projectRoot()): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The CONFIDANT_FLAGS override (headless runs: `confidant turn`, `web`). Read here, once per config, so
 * the pipeline, the desk procedures (escalation.reveal honours rehydrateForStaff) and the status page all
 * see the same flags. A bad value is a usage error naming the variable, never silently ignored.
 */
export function flagsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Flags> {
  try {
    return parseFlags(env[FLAGS_ENV]);
  } catch (err) {
    throw new UserError('VALIDATION', `${FLAGS_ENV}: ${(err as Error).message}`);
  }
}

/** Flags: safe defaults, then the caller's (settings), then the CONFIDANT_FLAGS environment override. */
export function loadConfig(partial: Partial<Config> = {}): Config {
  const dataDir = resolve(partial.dataDir ?? defaultDataDir());
  const threadsFromEnv = Number.parseInt(process.env.CONFIDANT_THREADS ?? '', 10);
  return {
    dataDir,
    flags: { ...DEFAULT_FLAGS, ...partial.flags, ...flagsFromEnv() },
    modelThreads:
      partial.modelThreads ?? (Number.isFinite(threadsFromEnv) && threadsFromEnv > 0 ? threadsFromEnv : 2),
    modelsDir: partial.modelsDir ?? process.env.CONFIDANT_MODELS_DIR ?? join(projectRoot(), 'models'),
    mode: partial.mode ?? 'cli',
    appVersion: partial.appVersion ?? readAppVersion(),
  };
}
