/**
 * Public API of retention and consent: consent records with audit, the purge job (start-up and
 * schedule), and the right-to-erasure action. Erasure = delete rows + shred the subject key in the
 * keyring + an ids-only tombstone in the audit ledger; the sealed remains (ledger payloads, old
 * backups, other modules' sealed columns) become unreadable while the hash chain still verifies.
 */
import { erasedInLedger, type AuditActor, type AuditAppend } from '../audit';
import type { Logger } from '../log';
import {
  DAY_MS,
  MEMORY_CLASSES,
  type ConsentInput,
  type ConsentRecord,
  type CustomerMemory,
  type MemoryClass,
  type RetentionWindows,
  type SessionMemory,
  tombstonedSubjects,
} from '../memory';
import type { RetentionTarget, Store } from '../store';
import { UserError } from '../../../shared/errors';

export type { RetentionTarget } from '../store';

/**
 * Every subject this store's data records as erased: the ledger's `subject.erased` entries and the
 * retention tombstones. A keyring import skips them, so a key exported before an erasure stays gone.
 */
export function erasedSubjects(store: Pick<Store, 'db'>): Set<string> {
  return new Set([...erasedInLedger(store), ...tombstonedSubjects(store)]);
}

/** The one ledger method retention needs; `AuditLedger` satisfies it. */
export interface AuditSink {
  append(e: AuditAppend): { seq: number };
}

export type PurgeTrigger = 'startup' | 'schedule' | 'manual';
export type ErasureReason = 'request' | 'retention' | 'consent';

export interface PurgeReport {
  runId: number;
  trigger: PurgeTrigger;
  deletedMemory: Record<MemoryClass, number>;
  deletedTargets: Record<string, number>;
  /** Subjects whose key was shredded by this run (retention lapse or a reconciled erasure). */
  shreddedSubjects: string[];
  auditSeq: number | null;
}

export interface ErasureReport {
  subjectId: string;
  alreadyErased: boolean;
  deletedRows: number;
  auditSeq: number | null;
}

export interface RetentionOptions {
  store: Store;
  memory: CustomerMemory;
  audit: AuditSink;
  windows: RetentionWindows;
  /** Days after a subject's last activity before its key is shredded. Default: the longest window. */
  subjectDays?: number;
  targets?: readonly RetentionTarget[];
  /** RAM session memory to clear on erasure. */
  sessions?: SessionMemory;
  now?: () => number;
  log?: Logger;
}

export interface Retention {
  recordConsent(input: ConsentInput, actor: AuditActor): ConsentRecord;
  /** Withdraws and deletes the memory stored under that consent at once. */
  withdrawConsent(consentId: string, actor: AuditActor): { consent: ConsentRecord; deletedItems: number };
  purge(trigger?: PurgeTrigger): PurgeReport;
  /** Right to erasure. Idempotent: a second call reports alreadyErased and writes nothing. */
  erase(subjectId: string, actor: AuditActor, reason?: ErasureReason): ErasureReport;
  /** Runs a purge now ('startup') and then every intervalMs (timer unref'd). Returns stop(). */
  start(options?: { intervalMs?: number }): () => void;
  /** The newest purge run, or null before the first (the compliance view). */
  lastRun(): RetentionRunRow | null;
}

export interface RetentionRunRow {
  finished_at: number;
  trigger: PurgeTrigger;
  deleted_rows: number;
  shredded_subjects: number;
}

const SYSTEM: AuditActor = { kind: 'system', id: 'retention', role: 'system' };

export function createRetention(options: RetentionOptions): Retention {
  const { store, memory, audit } = options;
  const db = store.db;
  const now = options.now ?? Date.now;
  const targets = options.targets ?? [];
  const subjectDays = options.subjectDays ?? Math.max(...MEMORY_CLASSES.map((c) => options.windows[c]));
  if (!Number.isFinite(subjectDays) || subjectDays <= 0)
    throw new UserError('VALIDATION', 'Subject retention window must be positive.');

  const lastRun = db.prepare<[], RetentionRunRow>(
    'SELECT finished_at, trigger, deleted_rows, shredded_subjects FROM retention_runs ORDER BY id DESC LIMIT 1',
  );
  const insertRun = db.prepare<[string, number, number, number, number, string]>(
    `INSERT INTO retention_runs (trigger, started_at, finished_at, deleted_rows, shredded_subjects, detail)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  /** Rows first (one transaction), then the key, then the tombstone. A crash between is reconciled by purge. */
  const eraseRows = (subjectId: string, actor: AuditActor, reason: ErasureReason): number =>
    db.transaction(() => {
      let deleted = memory.forgetSubject(subjectId);
      for (const t of targets) deleted += t.eraseSubject?.(subjectId) ?? 0;
      for (const c of memory.consents.list(subjectId))
        if (c.withdrawnAt === null) memory.consents.withdraw(c.id, actor.id);
      memory.subjects.markErased(subjectId, now(), reason);
      return deleted;
    })();

  const shred = (subjectId: string, reason: ErasureReason): void => {
    store.cipher.shred(subjectId, reason);
    options.sessions?.forgetSubject(subjectId);
  };

  const retention: Retention = {
    recordConsent(input, actor) {
      const consent = memory.consents.record(input);
      audit.append({
        type: 'consent.recorded',
        actor,
        subject: consent.subjectId,
        payload: {
          consentId: consent.id,
          purpose: consent.purpose,
          dataClasses: consent.dataClasses,
          textVersion: consent.textVersion,
          textSha256: consent.textSha256,
          method: consent.method,
        },
      });
      return consent;
    },
    withdrawConsent(consentId, actor) {
      const existing = memory.consents.get(consentId);
      if (!existing) throw new UserError('NOT_FOUND', 'No such consent record.');
      const { consent, deletedItems } = db.transaction(() => ({
        consent: memory.consents.withdraw(consentId, actor.id),
        deletedItems: memory.forgetConsent(consentId),
      }))();
      if (existing.withdrawnAt === null)
        audit.append({
          type: 'consent.withdrawn',
          actor,
          subject: consent.subjectId,
          payload: { consentId, purpose: consent.purpose, deletedItems },
        });
      return { consent, deletedItems };
    },
    purge(trigger = 'manual') {
      const started = now();
      const deletedMemory = memory.purgeExpired(started);
      const deletedTargets: Record<string, number> = {};
      for (const t of targets) deletedTargets[t.name] = t.purgeExpired(started);
      const shredded: string[] = [];
      // Subject-level lapse: no activity for subjectDays and no active consent -> shred the key.
      for (const subject_id of memory.subjects.lapsed(started - subjectDays * DAY_MS)) {
        const deletedRows = eraseRows(subject_id, SYSTEM, 'retention');
        shred(subject_id, 'retention');
        shredded.push(subject_id);
        audit.append({
          type: 'subject.erased',
          actor: SYSTEM,
          subject: subject_id,
          payload: { reason: 'retention', deletedRows },
        });
      }
      // Reconcile: an erasure interrupted after its rows were deleted but before the key was shredded.
      for (const subject_id of memory.subjects.erased())
        if (!store.cipher.isShredded(subject_id)) {
          shred(subject_id, 'request');
          shredded.push(subject_id);
        }
      const deletedRows =
        Object.values(deletedMemory).reduce((a, b) => a + b, 0) +
        Object.values(deletedTargets).reduce((a, b) => a + b, 0);
      const detail = { memory: deletedMemory, targets: deletedTargets };
      const runId = Number(
        insertRun.run(trigger, started, now(), deletedRows, shredded.length, JSON.stringify(detail))
          .lastInsertRowid,
      );
      let auditSeq: number | null = null;
      // Runs that changed nothing leave only their retention_runs row, so an hourly job does not flood the ledger.
      if (deletedRows > 0 || shredded.length > 0)
        auditSeq = audit.append({
          type: 'retention.purged',
          actor: SYSTEM,
          subject: null,
          payload: { runId, trigger, deletedRows, shreddedSubjects: shredded.length, ...detail },
        }).seq;
      return { runId, trigger, deletedMemory, deletedTargets, shreddedSubjects: shredded, auditSeq };
    },
    erase(subjectId, actor, reason = 'request') {
      if (typeof subjectId !== 'string' || subjectId.length === 0 || subjectId.length > 200)
        throw new UserError('VALIDATION', 'A subject id is required.');
      if (memory.subjects.erasedAt(subjectId) !== null && store.cipher.isShredded(subjectId))
        return { subjectId, alreadyErased: true, deletedRows: 0, auditSeq: null };
      const deletedRows = eraseRows(subjectId, actor, reason);
      shred(subjectId, reason);
      const { seq } = audit.append({
        type: 'subject.erased',
        actor,
        subject: subjectId,
        payload: { reason, deletedRows },
      });
      return { subjectId, alreadyErased: false, deletedRows, auditSeq: seq };
    },
    start(opts = {}) {
      const intervalMs = opts.intervalMs ?? 3_600_000;
      const run = (trigger: PurgeTrigger): void => {
        try {
          const r = retention.purge(trigger);
          options.log?.info(
            { runId: r.runId, trigger, shredded: r.shreddedSubjects.length },
            'retention purge finished',
          );
        } catch (err) {
          options.log?.error({ err }, 'retention purge failed');
          if (trigger === 'startup') throw err;
        }
      };
      run('startup');
      const timer = setInterval(() => run('schedule'), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    lastRun: () => lastRun.get() ?? null,
  };
  return retention;
}
