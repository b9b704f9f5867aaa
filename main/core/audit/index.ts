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
export {
  browseLedger,
  BROWSE_SCAN_BUDGET,
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
  /** Writes a signed bundle (see shared/contracts/bundle.md) and audits the export itself. */
  exportBundle(options: ExportOptions): Promise<ExportResult>;
  /** Flushes, signs a closing checkpoint when there is anything new, and stops accepting appends. */
  close(): void;
}

/** Opens the ledger on a store. Use one per store connection: it is the single serialized appender. */
export function openLedger(store: Store, options: LedgerOptions & { log?: Logger } = {}): AuditLedger {
  const ledger = new Ledger(store, options);
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
    close: () => ledger.close(),
  };
}
