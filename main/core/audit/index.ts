/**
 * Public API of the audit ledger: a hash-chained, RFC 9162 Merkle-tree ledger in SQLite with C2SP signed
 * checkpoints, witness co-signatures, full verification and signed bundle export.
 */
import { UserError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { Store } from '../store';
import { Ledger } from './ledger';
import type { AppendResult, AuditAppend, LedgerOptions, StoredCheckpoint, VerifyReport } from './types';
import { verifyLedger, type VerifyOptions } from './verify';
import { exportBundle, type ExportOptions, type ExportResult } from './export';
import { assertNotRolledBack, findRollback, publishHead, type RollbackFinding } from './head';
import type { AuditActor } from './types';

export {
  AUDIT_ENTRY_TYPES,
  DAMAGE_KINDS,
  isAuditEntryType,
  type AppendResult,
  type AuditActor,
  type AuditAppend,
  type AuditEntryType,
  type DamageKind,
  type JsonValue,
  type LedgerOptions,
  type StoredCheckpoint,
  type VerifyProblem,
  type VerifyReport,
} from './types';
export { decodeLeaf, type LeafEntry } from './entry';
export { canonicalJson } from './canonical';
export {
  cosignNote,
  exportSignerKey,
  generateSigner,
  parseSignerKey,
  signerFromPkcs8,
  signerFromSeed,
  signNote,
  type NoteSigner,
} from './signer';
export type { VerifyOptions } from './verify';
export type { RollbackFinding } from './head';
export {
  browseLedger,
  BROWSE_SCAN_BUDGET,
  entryCounter,
  erasedInLedger,
  ledgerEntries,
  type BrowseQuery,
  type BrowsedEntry,
  type BrowsePage,
} from './browse';
export type { ExportOptions, ExportResult } from './export';

export interface AuditLedger {
  /** Appends one entry; in group-commit mode it is durable after the next flush (at most groupCommitMs). */
  append(e: AuditAppend): AppendResult;
  /** Appends a batch, validated as a whole and (without group commit) written in one transaction. */
  appendMany(es: readonly AuditAppend[]): AppendResult[];
  /** Entries appended so far, including any not yet flushed. */
  size(): number;
  /** Makes every buffered entry durable now. */
  flush(): void;
  /** Recomputes chain and tree and checks every stored (and any given) checkpoint. Flushes first. */
  verify(options?: VerifyOptions): VerifyReport;
  /** Signs (or returns the unchanged latest) checkpoint of everything appended so far. */
  checkpoint(): StoredCheckpoint;
  checkpoints(): StoredCheckpoint[];
  /** The log origin (also the desk key's name). */
  origin(): string;
  /** The desk's verifier key, `<name>+<hex id>+<base64>`. */
  deskVerifierKey(): string;
  /** Base64 RFC 6962 audit path of entry `seq` in the tree of `treeSize` (default: current) entries. */
  inclusionProof(seq: number, treeSize?: number): string[];
  /** Base64 RFC 6962 consistency proof between two tree sizes. */
  consistencyProof(oldSize: number, newSize?: number): string[];
  /** Base64 root hash of the tree of `treeSize` entries (default: current). */
  root(treeSize?: number): string;
  /** Registers a witness verifier key (supervisor desk). */
  addWitnessKey(vkey: string): void;
  /** Merges a witness co-signature into the stored checkpoint after verifying both signatures. */
  addCosignature(checkpointNote: string, witnessVkey: string): StoredCheckpoint;
  /** Writes a signed bundle (see docs/formats/audit-bundle.md) and audits the export itself. */
  exportBundle(options: ExportOptions): Promise<ExportResult>;
  /**
   * Writes the signed head of the committed tree beside the database (no fsync: call it after a durable
   * commit, outside any transaction). The turn pipeline calls it after each turn's FULL commit.
   */
  publishHead(): void;
  /** How the ledger compares with its checkpoint kept outside the database; null when they agree. */
  rollback(): RollbackFinding | null;
  /**
   * An admin accepts a detected loss: audited (`audit.rollback_acknowledged`, sizes and the lost root),
   * then a new checkpoint is signed and both outside copies are replaced. A no-op (null) with nothing to
   * acknowledge.
   */
  acknowledgeRollback(actor: AuditActor): RollbackFinding | null;
  /** Flushes, signs a closing checkpoint when there is anything new, and stops accepting appends. */
  close(): void;
}

/** Opens the ledger on a store. Use one per store connection: it is the single serialized appender. */
export function openLedger(store: Store, options: LedgerOptions & { log?: Logger } = {}): AuditLedger {
  const ledger = new Ledger(store, options);
  if ((options.rollbackCheck ?? 'enforce') === 'enforce') {
    assertNotRolledBack(ledger);
    // A store from before heads were kept outside the database starts being protected now.
    if (store.ledgerHeads().length === 0 && ledger.committedSize() > 0)
      publishHead(ledger, { keyFile: true });
  }
  const checkSize = (n: number, max: number, what: string): void => {
    if (!Number.isSafeInteger(n) || n < 0 || n > max)
      throw new UserError('VALIDATION', `${what} out of range`);
  };
  return {
    append: (e) => ledger.append(e),
    appendMany: (es) => ledger.appendMany(es),
    size: () => ledger.size(),
    flush: () => {
      ledger.flush();
    },
    verify: (opts) => {
      ledger.flush();
      return verifyLedger(ledger, opts);
    },
    checkpoint: () => ledger.checkpoint(),
    checkpoints: () => ledger.checkpoints(),
    origin: () => ledger.origin(),
    deskVerifierKey: () => ledger.deskSigner().vkey,
    inclusionProof: (seq, treeSize) => {
      ledger.flush();
      const size = treeSize ?? ledger.committedSize();
      checkSize(size, ledger.committedSize(), 'tree size');
      checkSize(seq, size - 1, 'seq');
      return ledger
        .reader()
        .inclusionProof(seq, size)
        .map((h) => h.toString('base64'));
    },
    consistencyProof: (oldSize, newSize) => {
      ledger.flush();
      const size = newSize ?? ledger.committedSize();
      checkSize(size, ledger.committedSize(), 'tree size');
      checkSize(oldSize, size, 'old size');
      return ledger
        .reader()
        .consistencyProof(oldSize, size)
        .map((h) => h.toString('base64'));
    },
    root: (treeSize) => {
      ledger.flush();
      const size = treeSize ?? ledger.committedSize();
      checkSize(size, ledger.committedSize(), 'tree size');
      return ledger.reader().root(size).toString('base64');
    },
    addWitnessKey: (vkey) => {
      ledger.addWitnessKey(vkey);
    },
    addCosignature: (note, vkey) => ledger.addCosignature(note, vkey),
    exportBundle: (opts) => exportBundle(ledger, opts),
    publishHead: () => {
      publishHead(ledger);
    },
    rollback: () => {
      ledger.flush();
      return findRollback(ledger);
    },
    acknowledgeRollback: (actor) => {
      ledger.flush();
      const finding = findRollback(ledger);
      if (!finding) return null;
      ledger.append({
        type: 'audit.rollback_acknowledged',
        actor,
        payload: {
          problem: finding.problem,
          where: finding.where,
          recordedSize: finding.recordedSize,
          recordedRoot: finding.recordedRoot,
          ledgerSize: finding.ledgerSize,
        },
      });
      ledger.flush();
      const cp = ledger.checkpoint();
      // checkpoint() returns the stored one unchanged when nothing is new; the copies must move anyway.
      publishHead(ledger, { keyFile: true, note: cp.note, strict: true });
      return finding;
    },
    close: () => ledger.close(),
  };
}
