/** The ledger's public types. Other modules code against these through ../audit. */

/** The closed set of things the ledger records. Adding one is additive; never rename or remove. */
export const AUDIT_ENTRY_TYPES = [
  'turn.received',
  'pii.detected',
  'sentiment.scored',
  'retrieval.done',
  'model.called',
  'policy.checked',
  'facts.verified',
  'reply.delivered',
  'reply.blocked',
  'reply.rewritten',
  'escalation.opened',
  'escalation.claimed',
  'escalation.noted',
  'escalation.responded',
  'escalation.resolved',
  'escalation.takeover',
  'admin.policy_activated',
  'admin.policy_rolled_back',
  'admin.model_activated',
  'admin.model_rolled_back',
  'admin.role_changed',
  'admin.user_created',
  'consent.recorded',
  'consent.withdrawn',
  'retention.purged',
  'subject.erased',
  'export.created',
  'export.pii_revealed',
  'degradation',
  'circuit.changed',
  'shadow.run',
  'audit.witness_cosigned',
  'escalation.pii_revealed',
  'keyring.exported',
  'keyring.imported',
  'escalation.updated',
  'admin.user_disabled',
  'admin.password_set',
  'admin.settings_changed',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.unlocked',
  'auth.denied',
  'auth.signed_out',
  'auth.session_locked',
  'auth.session_unlocked',
  'conversation.read',
  'escalation.read',
  'audit.rollback_acknowledged',
  'turn.interrupted',
  'lan.paired',
  'lan.unpaired',
  'lan.event_received',
  'lan.alert',
  'escalation.released',
  'lan.reveal',
  'desk.reply_sent',
  'desk.reply_overridden',
  'desk.draft_discarded',
  'escalation.whispered',
] as const;
export type AuditEntryType = (typeof AUDIT_ENTRY_TYPES)[number];

export function isAuditEntryType(value: string): value is AuditEntryType {
  return (AUDIT_ENTRY_TYPES as readonly string[]).includes(value);
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditActor {
  kind: 'user' | 'agent' | 'system';
  id: string;
  role: string;
}

export interface AuditAppend {
  type: AuditEntryType;
  actor: AuditActor;
  /** Pseudonymous subject id (never a name); required when `pii` is given. */
  subject?: string | null;
  /** Never PII: ids, codes, scores, hashes. Stored in clear inside the hashed entry. */
  payload: Record<string, JsonValue>;
  /** Sealed under the subject's key before hashing, so erasing the subject never breaks the chain. */
  pii?: Record<string, JsonValue>;
}

export interface AppendResult {
  seq: number;
  /** Hex of the RFC 6962 leaf hash of the entry, which is also the chain link the next entry commits to. */
  entryHash: string;
}

/** The damage kinds `verify()` reports; the first six are the contract's, the rest are finer detail. */
export const DAMAGE_KINDS = [
  'edited_payload',
  'deleted_entry',
  'reordered_entries',
  'truncated_tail',
  'forged_checkpoint',
  'rewritten_from_genesis',
  'tree_mismatch',
  'rolled_back',
] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface VerifyProblem {
  seq: number;
  problem: DamageKind;
  /** Short, PII-free explanation (ids, sizes, hashes). */
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  firstBad: { seq: number; problem: DamageKind } | null;
  /** Every problem found, in the order checked; firstBad is chosen from these. */
  problems: VerifyProblem[];
}

export interface StoredCheckpoint {
  id: number;
  size: number;
  /** Base64 root hash. */
  root: string;
  /** The full signed note text (body, blank line, signature lines). */
  note: string;
  createdAt: string;
  exported: boolean;
}

export interface LedgerOptions {
  /**
   * 0 (default): every append is its own durable transaction. > 0: appends are buffered and committed
   * together within this many milliseconds (or sooner when the buffer fills, or on flush/close).
   */
  groupCommitMs?: number;
  /** Upper bound on buffered entries in group-commit mode before a synchronous flush. */
  groupCommitMax?: number;
  /** Checkpoint origin line and desk key name; generated and stored on first use when absent. */
  origin?: string;
  /** Sign a checkpoint automatically every this many new entries (0 disables; default 1000). */
  checkpointEvery?: number;
  /** Clock for timestamps (tests). */
  now?: () => Date;
  /**
   * 'enforce' (default): opening a ledger that is behind or inconsistent with its checkpoint kept outside
   * the database is refused (CORRUPT). 'report': open anyway, for `audit verify` and the acknowledgement.
   */
  rollbackCheck?: 'enforce' | 'report';
}
