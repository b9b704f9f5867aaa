import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../container';
import { actorOf, type HandlerContext } from '../dispatch';

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
    // Who may export is the contract's access list (compliance, admin), checked by the dispatcher.
    'audit.export': async ({ from, to }: { from?: string; to?: string }, ctx: HandlerContext) => {
      const { id, role } = actorOf(ctx);
      const actor = { kind: 'user' as const, id, role };
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
