/**
 * Local rollback detection. The ledger's latest signed checkpoint is kept outside the database too
 * (store.ledgerHeads: a sidecar beside it and the key file). A database that comes back behind that
 * checkpoint, or disagreeing with it, lost acknowledged writes or was replaced: a deleted WAL, an old
 * copy restored, a filesystem snapshot rolled back. Opening it is refused (CORRUPT, exit 4) until an
 * admin acknowledges the loss, which is itself audited.
 */
import { UserError } from '../../../shared/errors';
import { formatCheckpointBody, parseCheckpointBody, parseNote, verifyNote } from '../bundle-verify';
import type { Ledger } from './ledger';
import { signNote } from './signer';

export interface RollbackFinding {
  /** Where the newest disagreeing copy was kept. */
  where: 'sidecar' | 'key file';
  problem: 'behind' | 'inconsistent' | 'unreadable';
  /** Tree size the outside copy records (0 when unreadable). */
  recordedSize: number;
  ledgerSize: number;
  /** The outside copy's root (base64), so an acknowledgement can record what was lost. */
  recordedRoot: string | null;
}

/** Compares every outside copy with the ledger; null when they all agree (or none exists yet). */
export function findRollback(ledger: Ledger): RollbackFinding | null {
  // Heads first, then the database: a desk writes its database before its head, so read in this order a
  // concurrent writer can only make the database look newer than the head, never older.
  const heads = ledger.store.ledgerHeads();
  if (heads.length === 0) return null;
  const n = ledger.storedSize();
  const desk = ledger.deskVerifier();
  const findings: RollbackFinding[] = [];
  for (const { where, note } of heads) {
    const check = desk ? verifyNote(note, [desk]) : null;
    const body = check && check.verified.length > 0 ? parseCheckpointBody(check.body) : null;
    if (!desk) {
      // The desk key row went with the lost writes: the note cannot be checked, only read.
      const size = parseCheckpointBody(parseNote(note)?.body ?? '')?.size ?? 0;
      findings.push({ where, problem: 'behind', recordedSize: size, ledgerSize: n, recordedRoot: null });
      continue;
    }
    if (!body || body.origin !== desk.name) {
      // Signed by another key, garbled, or a database without the key that signed it.
      findings.push({ where, problem: 'unreadable', recordedSize: 0, ledgerSize: n, recordedRoot: null });
      continue;
    }
    const root = body.root.toString('base64');
    if (body.size > n)
      findings.push({ where, problem: 'behind', recordedSize: body.size, ledgerSize: n, recordedRoot: root });
    else if (!rootMatches(ledger, body.size, body.root))
      findings.push({
        where,
        problem: 'inconsistent',
        recordedSize: body.size,
        ledgerSize: n,
        recordedRoot: root,
      });
  }
  return findings.sort((a, b) => b.recordedSize - a.recordedSize)[0] ?? null;
}

/** A tree too damaged to give a root (missing nodes) cannot match; verify reports that damage itself. */
function rootMatches(ledger: Ledger, size: number, root: Buffer): boolean {
  try {
    return ledger.reader().root(size).equals(root);
  } catch {
    return false;
  }
}

export function describeRollback(f: RollbackFinding): string {
  const what =
    f.problem === 'behind'
      ? `the audit ledger has ${f.ledgerSize} entries but its last signed checkpoint (kept in the ${f.where}) covers ${f.recordedSize}: the database lost acknowledged writes or was rolled back`
      : f.problem === 'inconsistent'
        ? `the audit ledger no longer matches its signed checkpoint at size ${f.recordedSize} (kept in the ${f.where}): the database was replaced or rewritten`
        : `the ledger checkpoint kept in the ${f.where} does not verify under this database's desk key`;
  return `Refusing to open: ${what}. Run confidant audit verify; an admin can accept the loss with confidant audit acknowledge-rollback.`;
}

export function assertNotRolledBack(ledger: Ledger): void {
  const finding = findRollback(ledger);
  if (finding) throw new UserError('CORRUPT', describeRollback(finding));
}

/**
 * Signs the committed tree and writes it to the sidecar (and with `keyFile`, to the key file, fsynced).
 * Only outside a transaction: a head must never get ahead of what is committed. The per-turn call has no
 * fsync of its own (it follows the turn's FULL commit; a process crash keeps the page cache).
 */
export function publishHead(
  ledger: Ledger,
  options: { keyFile?: boolean; note?: string; strict?: boolean } = {},
): boolean {
  if (ledger.store.db.inTransaction) return false;
  const size = ledger.committedSize();
  if (!options.keyFile && size === ledger.publishedSize) return true;
  const signer = ledger.deskSigner();
  const note =
    options.note ?? signNote(formatCheckpointBody(signer.name, size, ledger.committedRoot()), [signer]);
  try {
    ledger.store.recordLedgerHead(note, { keyFile: options.keyFile === true });
  } catch (err) {
    // A head that could not be written (disk full) is only behind, which is safe: what is committed stays
    // committed and the next write catches up. Only an explicit acknowledgement must not pretend.
    if (options.strict) throw err;
    ledger.log?.warn({ code: (err as NodeJS.ErrnoException).code }, 'audit: ledger head not written');
    return false;
  }
  ledger.publishedSize = size;
  return true;
}
