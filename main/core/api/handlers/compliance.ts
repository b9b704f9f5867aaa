import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../../shared/errors';
import { AUDIT_ENTRY_TYPES, decodeLeaf } from '../../audit';
import { verifyBundle } from '../../bundle-verify';
import type { Core } from '../../container';
import { conversationRepo } from '../../pipeline';
import { builtinPack, DOMAINS } from '../../policy';
import { actorOf, type HandlerContext } from '../dispatch';

/** Entries read per page at most when the actor filter (inside the leaf, not a column) discards rows. */
const SCAN_BUDGET = 5_000;
const BATCH = 500;

interface LedgerQuery {
  type?: string | undefined;
  actor?: string | undefined;
  subject?: string | undefined;
  conversationId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function subjectOf(core: Core, conversationId: string): string {
  const row = conversationRepo(core.store).get(conversationId);
  if (!row) throw new UserError('NOT_FOUND', 'No such conversation: pick one from the list.');
  return row.subject_id;
}

export function complianceHandlers(core: Core) {
  const db = core.store.db;

  /**
   * Keyset pagination, newest first: `seq < before` on the primary key, with type, subject and time
   * answered by indexes (migration 020), so a page costs the same at entry 10 and at entry 1,000,000.
   */
  function entries(q: LedgerQuery) {
    core.audit.flush();
    const subject = q.conversationId ? subjectOf(core, q.conversationId) : (q.subject ?? null);
    const where: string[] = ['seq < @before'];
    if (q.type) where.push('type = @type');
    if (subject) where.push('subject = @subject');
    if (q.from) where.push('ts >= @from');
    if (q.to) where.push('ts < @to');
    const stmt = db.prepare<[Record<string, unknown>], { seq: number; leaf: Buffer }>(
      `SELECT seq, leaf FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @batch`,
    );
    const actor = q.actor?.trim().toLowerCase() || null;
    const out = [];
    let before = q.before ?? Number.MAX_SAFE_INTEGER;
    let scanned = 0;
    let exhausted = false;
    while (out.length < q.limit && scanned < SCAN_BUDGET) {
      const want = actor ? BATCH : q.limit - out.length;
      const rows = stmt.all({
        before,
        type: q.type ?? null,
        subject,
        from: q.from ? new Date(q.from).toISOString() : null,
        to: q.to ? new Date(q.to).toISOString() : null,
        batch: want,
      });
      for (const row of rows) {
        scanned++;
        before = row.seq;
        const e = decodeLeaf(row.leaf);
        if (!e) throw new UserError('CORRUPT', `Audit entry ${row.seq} is damaged: run Verify.`);
        if (actor && e.actor.id.toLowerCase() !== actor && e.actor.role.toLowerCase() !== actor) continue;
        out.push({
          seq: row.seq,
          ts: e.ts,
          type: e.type,
          actor: e.actor,
          subject: e.subject,
          payload: JSON.stringify(e.payload),
          sealed: e.pii !== undefined,
        });
        if (out.length >= q.limit) break;
      }
      if (rows.length < want) {
        exhausted = true;
        break;
      }
    }
    const last = out.at(-1)?.seq ?? null;
    // Without an actor filter every read row is returned, so the last one is the cursor; with one, the
    // scan may have gone further than the last match and the next page resumes from there.
    const nextBefore = exhausted && out.length < q.limit ? null : actor ? before : last;
    return { entries: out, nextBefore: out.length === 0 && exhausted ? null : nextBefore, scanned };
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
