import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ModelRoleSchema, type Status } from '../../../../shared/contract';
import type { Core } from '../../container';

type ModelStatus = Status['models'][number];

/** Built-in defaults that need no model files; always available, so always listed. */
const BUILTIN_FALLBACKS = ['lexicon-sentiment', 'fts5-retrieval', 'safe-template'];

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
 * Until the model runtime is wired into the container, the manifest is the source of truth for which
 * models Confidant knows about; a model counts as installed only when every file it lists is present.
 */
export function modelsFromManifest(modelsDir: string): ModelStatus[] {
  const path = join(modelsDir, 'manifest.json');
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
  const entries = Array.isArray(parsed)
    ? parsed
    : ((parsed as { models?: unknown } | null)?.models ?? []);
  if (!Array.isArray(entries)) return [];
  const out: ModelStatus[] = [];
  for (const entry of entries as Array<Record<string, unknown>>) {
    const role = ModelRoleSchema.safeParse(entry?.role);
    if (typeof entry?.id !== 'string' || !role.success) continue;
    const files = Array.isArray(entry.files) ? entry.files : [];
    const names = files
      .map((f: unknown) => (typeof f === 'string' ? f : (f as { path?: unknown; name?: unknown })?.path ?? (f as { name?: unknown })?.name))
      .filter((f): f is string => typeof f === 'string');
    const installed = names.length > 0 && names.every((name) => existsSync(join(modelsDir, entry.id as string, name)) || existsSync(join(modelsDir, name)));
    out.push({ id: entry.id, role: role.data, installed, active: false });
  }
  return out;
}

export function statusHandlers(core: Core) {
  return {
    'status.get': (): Status => {
      const models = modelsFromManifest(core.config.modelsDir);
      const activeRoles = new Set(models.filter((m) => m.active).map((m) => m.role));
      return {
        appVersion: core.config.appVersion,
        dataDir: core.config.dataDir,
        mode: core.config.mode,
        store: {
          state: 'open',
          encrypted: isFileEncrypted(core.store.dbPath),
          schemaVersion: core.store.schemaVersion(),
        },
        models,
        fallbacks: BUILTIN_FALLBACKS.filter(
          (f) => !(f === 'lexicon-sentiment' && activeRoles.has('sentiment')),
        ),
      };
    },
  };
}
