import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_FLAGS, type Flags } from '../../../shared/flags';

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

/** The source checkout. Only valid when running from source (CLI, bridge); the packaged app passes paths. */
export function projectRoot(): string {
  return resolve(import.meta.dirname, '..', '..', '..');
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

export function loadConfig(partial: Partial<Config> = {}): Config {
  const dataDir = resolve(partial.dataDir ?? defaultDataDir());
  const threadsFromEnv = Number.parseInt(process.env.CONFIDANT_THREADS ?? '', 10);
  return {
    dataDir,
    flags: { ...DEFAULT_FLAGS, ...partial.flags },
    modelThreads:
      partial.modelThreads ?? (Number.isFinite(threadsFromEnv) && threadsFromEnv > 0 ? threadsFromEnv : 2),
    modelsDir: partial.modelsDir ?? process.env.CONFIDANT_MODELS_DIR ?? join(projectRoot(), 'models'),
    mode: partial.mode ?? 'cli',
    appVersion: partial.appVersion ?? readAppVersion(),
  };
}
