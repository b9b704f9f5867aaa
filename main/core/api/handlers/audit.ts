import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import { actorFor } from './actor';

const EXPORT_ROLES = new Set(['admin', 'compliance']);

export function auditHandlers(core: Core) {
  return {
    'audit.verify': () => {
      // Buffered appends first, so the report covers everything the desk has decided so far.
      core.audit.flush();
      const { ok, entries, checkpoints, firstBad } = core.audit.verify();
      return { ok, entries, checkpoints, firstBad };
    },
    'audit.checkpoints': ({ limit }: { limit: number }) =>
      core.audit
        .checkpoints()
        .slice(-limit)
        .reverse()
        .map((c) => ({
          size: c.size,
          root: c.root,
          createdAt: c.createdAt,
          exported: c.exported,
          signatures: c.note.split('\n').filter((line) => line.startsWith('\u2014 ')).length,
        })),
    'audit.export': async ({ actorId, from, to }: { actorId: string; from?: string; to?: string }) => {
      const actor = actorFor(core, actorId);
      if (!EXPORT_ROLES.has(actor.role))
        throw new UserError('FORBIDDEN', 'Only an admin or compliance officer can export audit bundles.');
      const dir = join(core.config.dataDir, 'exports');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`);
      // PII is never revealed from the UI: that needs a named case and the CLI's explicit flag.
      const result = await core.audit.exportBundle({ out: file, from, to, actor, gzip: true });
      return {
        file,
        entries: result.entries,
        treeSize: result.treeSize,
        root: result.root,
        bytes: result.bytes,
      };
    },
  };
}
