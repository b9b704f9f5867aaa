import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { decodeLeaf, type LeafEntry } from './entry';
import type { AuditActor } from './types';

/** Entries read per page at most when the actor filter (inside the leaf, not a column) discards rows. */
export const BROWSE_SCAN_BUDGET = 5_000;
const BATCH = 500;

export interface BrowseQuery {
  type?: string | undefined;
  /** Matches the actor's id or role, case-insensitively. */
  actor?: string | undefined;
  subject?: string | null | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset cursor: only entries with seq below this. */
  before?: number | undefined;
  limit: number;
}

export interface BrowsedEntry {
  seq: number;
  ts: string;
  type: string;
  actor: AuditActor;
  subject: string | null;
  /** The clear payload (never PII by the ledger's rule) as compact JSON. */
  payload: string;
  sealed: boolean;
}

export interface BrowsePage {
  entries: BrowsedEntry[];
  /** Pass as `before` for the next (older) page; null when nothing older matches. */
  nextBefore: number | null;
  scanned: number;
}

/**
 * One page of the ledger, newest first, by keyset: `seq < before` on the primary key, with type, subject
 * and period answered by indexes (migrations 002 and 020), so a page costs the same at entry 10 and at
 * entry 1,000,000 (bench/ledger-browse.ts). Reads committed entries only: flush the ledger first.
 */
export function browseLedger(store: Store, q: BrowseQuery): BrowsePage {
  const where: string[] = ['seq < @before'];
  if (q.type) where.push('type = @type');
  if (q.subject) where.push('subject = @subject');
  if (q.from) where.push('ts >= @from');
  if (q.to) where.push('ts < @to');
  const stmt = store.db.prepare<[Record<string, unknown>], { seq: number; leaf: Buffer }>(
    `SELECT seq, leaf FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @batch`,
  );
  const actor = q.actor?.trim().toLowerCase() || null;
  const out: BrowsedEntry[] = [];
  let before = q.before ?? Number.MAX_SAFE_INTEGER;
  let scanned = 0;
  let exhausted = false;
  while (out.length < q.limit && scanned < BROWSE_SCAN_BUDGET) {
    const want = actor ? BATCH : q.limit - out.length;
    const rows = stmt.all({
      before,
      type: q.type ?? null,
      subject: q.subject ?? null,
      // ts is always written by toISOString(), so ISO strings order like the instants they name.
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
  if (exhausted && out.length < q.limit) return { entries: out, nextBefore: null, scanned };
  // With an actor filter the scan may have gone past the last match: the next page resumes from there.
  return { entries: out, nextBefore: actor ? before : (out.at(-1)?.seq ?? null), scanned };
}

/** How many ledger entries of one type there are (the admin's observability view); flush the ledger first. */
export function entryCounter(store: Pick<Store, 'db'>): (type: string) => number {
  const count = store.db
    .prepare<[string], number>('SELECT count(*) FROM audit_entries WHERE type = ?')
    .pluck();
  return (type) => count.get(type) ?? 0;
}

/** Every subject the ledger records as erased (`subject.erased`); flush the ledger first. */
export function erasedInLedger(store: Pick<Store, 'db'>): string[] {
  return store.db
    .prepare<[], string>(
      "SELECT DISTINCT subject FROM audit_entries WHERE type = 'subject.erased' AND subject IS NOT NULL",
    )
    .pluck()
    .all();
}

/** The whole ledger decoded, in order (tests and tools that check what was recorded); flush first. */
export function ledgerEntries(store: Pick<Store, 'db'>): LeafEntry[] {
  return store.db
    .prepare<[], Buffer>('SELECT leaf FROM audit_entries ORDER BY seq')
    .pluck()
    .all()
    .map((leaf) => decodeLeaf(leaf))
    .filter((e): e is LeafEntry => e !== null);
}
