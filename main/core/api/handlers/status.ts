import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Status } from '../../../../shared/contract';
import { projectRoot } from '../../config';
import type { Core } from '../../container';
import { FALLBACKS, isInstalled, loadManifest, modelDirs, resolveManifestPath } from '../../models';

type ModelStatus = Status['models'][number];

/**
 * A plain SQLite file starts with this magic; an encrypted one is indistinguishable from noise.
 * Checking the bytes on disk proves encryption rather than assuming it from configuration.
 */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function isFileEncrypted(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && !head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * Without a running model runtime, the manifest says which models exist and the files on disk say which
 * are installed; none is active, so every built-in fallback is in use. A broken manifest must not take
 * the status page down with it: it is reported as "no models" and logged.
 */
export function modelsFromManifest(core: Pick<Core, 'config' | 'log'>): ModelStatus[] {
  const manifestPath = resolveManifestPath(core.config.modelsDir, join(projectRoot(), 'models'));
  if (!existsSync(manifestPath)) return [];
  try {
    const dirs = modelDirs(core.config.modelsDir);
    return loadManifest(manifestPath).models.map((entry) => ({
      id: entry.id,
      role: entry.role,
      installed: isInstalled(dirs, entry),
      active: false,
    }));
  } catch (err) {
    core.log.warn({ err }, 'model manifest unreadable; status lists no models');
    return [];
  }
}

export function statusHandlers(core: Core) {
  return {
    'status.get': (): Status => ({
      appVersion: core.config.appVersion,
      dataDir: core.config.dataDir,
      mode: core.config.mode,
      store: {
        state: 'open',
        encrypted: isFileEncrypted(core.store.dbPath),
        schemaVersion: core.store.schemaVersion(),
      },
      // Once a turn has built the model runtime, its view (verified, active, fallbacks in use) is the truth.
      models:
        core.pipeline
          .peekModels()
          ?.status()
          .map(({ id, role, installed, active }) => ({ id, role, installed, active })) ??
        modelsFromManifest(core),
      fallbacks: core.pipeline.peekModels()?.fallbacks() ?? [...FALLBACKS],
      flags: { ...core.config.flags },
    }),
  };
}
