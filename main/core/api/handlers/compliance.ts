import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../../shared/errors';
import { AUDIT_ENTRY_TYPES, browseLedger, type BrowseQuery } from '../../audit';
import { verifyBundle } from '../../bundle-verify';
import type { Core } from '../../container';
import { builtinPack, DOMAINS } from '../../policy';
import { actorOf, type HandlerContext } from '../dispatch';

type LedgerQuery = BrowseQuery & { conversationId?: string | undefined };

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function subjectOf(core: Core, conversationId: string): string {
  const row = core.conversations.get(conversationId);
  if (!row) throw new UserError('NOT_FOUND', 'No such conversation: pick one from the list.');
  return row.subject_id;
}

export function complianceHandlers(core: Core) {
  const db = core.store.db;

  function entries(q: LedgerQuery) {
    core.audit.flush();
    const subject = q.conversationId ? subjectOf(core, q.conversationId) : (q.subject ?? null);
    return browseLedger(core.store, { ...q, subject });
  }

  return {
    'audit.list': (q: LedgerQuery) => entries(q),

    'audit.download': async (
      input: { from?: string; to?: string; conversationId?: string; subject?: string },
      ctx: HandlerContext,
    ) => {
      const { id, role } = actorOf(ctx);
      const caseId = input.conversationId ? subjectOf(core, input.conversationId) : input.subject;
      const dir = mkdtempSync(join(tmpdir(), 'confidant-export-'));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `audit-${caseId ? 'case' : 'period'}-${stamp}.tar.gz`;
      try {
        const out = join(dir, name);
        const result = await core.audit.exportBundle({
          out,
          from: input.from,
          to: input.to,
          caseId,
          actor: { kind: 'user', id, role },
          gzip: true,
        });
        const bytes = readFileSync(out);
        return {
          name,
          entries: result.entries,
          treeSize: result.treeSize,
          root: result.root,
          bytes: bytes.length,
          base64: bytes.toString('base64'),
        };
      } finally {
        // The bundle leaves only through the caller's download: no copy stays on this machine.
        rmSync(dir, { recursive: true, force: true });
      }
    },

    'audit.verify_bundle': async ({ base64 }: { base64: string }) => {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length === 0) throw new UserError('VALIDATION', 'The file is empty.');
      // Trusting this desk's key: a bundle from elsewhere (or re-signed) is reported, not accepted.
      const report = await verifyBundle(bytes, { trustedKey: core.audit.deskVerifierKey(), maxProblems: 20 });
      return {
        ok: report.ok,
        entries: report.entries,
        treeSize: report.checkpoint?.size ?? null,
        root: report.checkpoint?.root ?? null,
        problems: report.problems,
      };
    },

    'compliance.get': ({ limit }: { limit: number }) => {
      const subjects = db
        .prepare<
          [number],
          {
            subject_id: string;
            last_seen_at: number | null;
            erased_at: number | null;
            erase_reason: string | null;
          }
        >(
          `SELECT ids.subject_id, s.last_seen_at, s.erased_at, s.erase_reason FROM (
             SELECT subject_id FROM conversations UNION SELECT subject_id FROM retention_subjects
           ) ids LEFT JOIN retention_subjects s USING (subject_id)
           ORDER BY coalesce(s.last_seen_at, 0) DESC LIMIT ?`,
        )
        .all(limit);
      const convs = db.prepare<[string], { id: string; domain: string; created_at: string }>(
        'SELECT id, domain, created_at FROM conversations WHERE subject_id = ? ORDER BY created_at DESC LIMIT 20',
      );
      const consents = db.prepare<[string], { purpose: string; withdrawn_at: number | null }>(
        'SELECT purpose, withdrawn_at FROM consents WHERE subject_id = ?',
      );
      const memory = db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM memory_items WHERE subject_id = ?',
      );
      const lastRun = db
        .prepare<
          [],
          { finished_at: number; trigger: string; deleted_rows: number; shredded_subjects: number }
        >(
          'SELECT finished_at, trigger, deleted_rows, shredded_subjects FROM retention_runs ORDER BY id DESC LIMIT 1',
        )
        .get();
      core.audit.flush();
      return {
        subjects: subjects.map((s) => {
          const c = consents.all(s.subject_id);
          return {
            subjectId: s.subject_id,
            conversations: convs
              .all(s.subject_id)
              .map((r) => ({ id: r.id, domain: r.domain, createdAt: r.created_at })),
            activeConsents: c.filter((x) => x.withdrawn_at === null).map((x) => x.purpose),
            withdrawnConsents: c.filter((x) => x.withdrawn_at !== null).length,
            memoryItems: memory.get(s.subject_id)?.n ?? 0,
            lastSeen: iso(s.last_seen_at),
            erasedAt: iso(s.erased_at),
            eraseReason: s.erase_reason,
          };
        }),
        retention: DOMAINS.map((d) => ({ domain: d, windows: { ...builtinPack(d).retention } })),
        lastPurge: lastRun
          ? {
              at: new Date(lastRun.finished_at).toISOString(),
              trigger: lastRun.trigger,
              deletedRows: lastRun.deleted_rows,
              shredded: lastRun.shredded_subjects,
            }
          : null,
        ledgerSize: core.audit.size(),
        types: [...AUDIT_ENTRY_TYPES].sort(),
      };
    },
  };
}
