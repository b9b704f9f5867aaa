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
      const customer = core.memory.customer;
      const records = new Map(customer.subjects.all().map((r) => [r.subject_id, r]));
      // Subjects with a conversation or a retention record, most recently seen first (never seen: last).
      const ids = [...new Set([...core.conversations.subjectIds(), ...records.keys()])].sort();
      const seen = (id: string) => records.get(id)?.last_seen_at ?? 0;
      const subjects = ids
        .sort((a, b) => seen(b) - seen(a))
        .slice(0, limit)
        .map((id) => ({
          subject_id: id,
          last_seen_at: records.get(id)?.last_seen_at ?? null,
          erased_at: records.get(id)?.erased_at ?? null,
          erase_reason: records.get(id)?.erase_reason ?? null,
        }));
      const lastRun = core.retention.lastRun();
      core.audit.flush();
      return {
        subjects: subjects.map((s) => {
          const c = customer.consents.list(s.subject_id);
          return {
            subjectId: s.subject_id,
            conversations: core.conversations
              .ofSubject(s.subject_id, 20)
              .map((r) => ({ id: r.id, domain: r.domain, createdAt: r.created_at })),
            activeConsents: c.filter((x) => x.withdrawnAt === null).map((x) => x.purpose),
            withdrawnConsents: c.filter((x) => x.withdrawnAt !== null).length,
            memoryItems: customer.storedCount(s.subject_id),
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
