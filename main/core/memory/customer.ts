import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { createConsentRegistry, type ConsentRegistry } from './consent';
import {
  DAY_MS,
  MEMORY_CLASSES,
  type MemoryClass,
  type MemoryRedactor,
  type RetentionWindows,
} from './types';

export interface MemoryItem {
  id: string;
  subjectId: string;
  dataClass: MemoryClass;
  kind: string;
  text: string;
  sourceRef: string | null;
  consentId: string;
  createdAt: number;
  expiresAt: number;
}

const rememberSchema = z.strictObject({
  subjectId: z.string().min(1).max(200),
  dataClass: z.enum(MEMORY_CLASSES),
  /** Short code, never customer text: 'language', 'channel', 'case', 'driver.health', ... */
  kind: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
  text: z.string().min(1).max(4000),
  /** An id (conversation, case) this came from; never customer text. */
  sourceRef: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/)
    .optional(),
});
export type RememberInput = z.input<typeof rememberSchema>;

export interface CustomerMemoryOptions {
  windows: RetentionWindows;
  /** Privacy boundary. Applied to every class except 'contact', whose purpose is the identifier itself. */
  redact: MemoryRedactor;
  now?: () => number;
}

export interface CustomerMemory {
  readonly consents: ConsentRegistry;
  /** Stores one item, sealed under the subject key. FORBIDDEN without an active consent for the class. */
  remember(input: RememberInput): MemoryItem;
  /** Unexpired items of one subject, newest first. Empty for an erased subject. */
  recall(subjectId: string, options?: { dataClass?: MemoryClass; limit?: number }): MemoryItem[];
  forget(subjectId: string, itemId: string): boolean;
  /** Deletes every item of the subject; returns the count. */
  forgetSubject(subjectId: string): number;
  /** Deletes items stored under a consent (on withdrawal); returns the count. */
  forgetConsent(consentId: string): number;
  /** How many items the subject has stored, expired but not yet purged included (the compliance view). */
  storedCount(subjectId: string): number;
  /** Deletes items past their window; returns counts by class. */
  purgeExpired(at?: number): Record<MemoryClass, number>;
  /** Records that the subject was active (drives subject-level retention). */
  touch(subjectId: string): void;
  /**
   * The subjects' activity and erasure tombstones (`retention_subjects`, owned here): what retention reads
   * to decide a lapse and writes when it erases.
   */
  readonly subjects: SubjectLedger;
}

export interface SubjectLedger {
  /** The tombstone: the first erasure's time and reason win. */
  markErased(subjectId: string, at: number, reason: string): void;
  /** When the subject was erased, or null. */
  erasedAt(subjectId: string): number | null;
  /** Subjects not erased, inactive since `before`, with no active consent (a lapse), in id order. */
  lapsed(before: number): string[];
  /** Every erased subject, in id order. */
  erased(): string[];
  /** Every subject's activity and tombstone, in id order (the compliance view). */
  all(): SubjectRecord[];
}

export interface SubjectRecord {
  subject_id: string;
  last_seen_at: number;
  erased_at: number | null;
  erase_reason: string | null;
}

interface ItemRow {
  id: string;
  subject_id: string;
  data_class: MemoryClass;
  kind: string;
  body_sealed: string;
  source_ref: string | null;
  consent_id: string;
  created_at: number;
  expires_at: number;
}

/** Every subject with an erasure tombstone, without building customer memory (a keyring import needs no windows). */
export function tombstonedSubjects(store: Pick<Store, 'db'>): string[] {
  return store.db
    .prepare<[], string>('SELECT subject_id FROM retention_subjects WHERE erased_at IS NOT NULL')
    .pluck()
    .all();
}

export function createCustomerMemory(store: Store, options: CustomerMemoryOptions): CustomerMemory {
  const now = options.now ?? Date.now;
  for (const c of MEMORY_CLASSES) {
    const days = options.windows[c];
    if (!Number.isFinite(days) || days <= 0)
      throw new UserError('VALIDATION', `Retention window for ${c} must be positive.`);
  }
  const db = store.db;
  const consents = createConsentRegistry(db, now);
  const insert = db.prepare(
    `INSERT INTO memory_items (id, subject_id, data_class, kind, body_sealed, source_ref, consent_id, created_at, expires_at)
     VALUES (@id, @subject_id, @data_class, @kind, @body_sealed, @source_ref, @consent_id, @created_at, @expires_at)`,
  );
  const touchStmt = db.prepare<[string, number, number]>(
    `INSERT INTO retention_subjects (subject_id, first_seen_at, last_seen_at) VALUES (?, ?, ?)
     ON CONFLICT (subject_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
  );
  const markErased = db.prepare<[{ id: string; at: number; reason: string }]>(
    `INSERT INTO retention_subjects (subject_id, first_seen_at, last_seen_at, erased_at, erase_reason)
     VALUES (@id, @at, @at, @at, @reason)
     ON CONFLICT (subject_id) DO UPDATE
       SET erased_at = coalesce(erased_at, @at), erase_reason = coalesce(erase_reason, @reason)`,
  );
  const erasedAt = db
    .prepare<[string], number | null>('SELECT erased_at FROM retention_subjects WHERE subject_id = ?')
    .pluck();
  const lapsed = db
    .prepare<[number], string>(
      `SELECT s.subject_id FROM retention_subjects s
        WHERE s.erased_at IS NULL AND s.last_seen_at <= ?
          AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.subject_id = s.subject_id AND c.withdrawn_at IS NULL)
        ORDER BY s.subject_id`,
    )
    .pluck();
  const erasedSubjects = db
    .prepare<[], string>(
      'SELECT subject_id FROM retention_subjects WHERE erased_at IS NOT NULL ORDER BY subject_id',
    )
    .pluck();
  const allSubjects = db.prepare<[], SubjectRecord>(
    'SELECT subject_id, last_seen_at, erased_at, erase_reason FROM retention_subjects ORDER BY subject_id',
  );
  const countItems = db
    .prepare<[string], number>('SELECT count(*) FROM memory_items WHERE subject_id = ?')
    .pluck();
  const selectAll = db.prepare<[string, number, number], ItemRow>(
    `SELECT * FROM memory_items WHERE subject_id = ? AND expires_at > ?
      ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const selectClass = db.prepare<[string, string, number, number], ItemRow>(
    `SELECT * FROM memory_items WHERE subject_id = ? AND data_class = ? AND expires_at > ?
      ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const deleteOne = db.prepare<[string, string]>('DELETE FROM memory_items WHERE id = ? AND subject_id = ?');
  const deleteSubject = db.prepare<[string]>('DELETE FROM memory_items WHERE subject_id = ?');
  const deleteConsent = db.prepare<[string]>('DELETE FROM memory_items WHERE consent_id = ?');
  const deleteExpired = db.prepare<[number], { data_class: MemoryClass }>(
    'DELETE FROM memory_items WHERE expires_at <= ? RETURNING data_class',
  );

  const open = (r: ItemRow): MemoryItem | null => {
    const text = store.cipher.open(r.subject_id, r.body_sealed);
    if (text === null) return null;
    return {
      id: r.id,
      subjectId: r.subject_id,
      dataClass: r.data_class,
      kind: r.kind,
      text,
      sourceRef: r.source_ref,
      consentId: r.consent_id,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    };
  };

  return {
    consents,
    remember(input) {
      const parsed = rememberSchema.safeParse(input);
      if (!parsed.success) throw new UserError('VALIDATION', 'Memory item is invalid (class, kind or size).');
      const v = parsed.data;
      if (store.cipher.isShredded(v.subjectId))
        throw new UserError('CONFLICT', 'This customer has been erased; nothing more can be stored.');
      const consent = consents.activeFor(v.subjectId, v.dataClass);
      if (!consent)
        throw new UserError('FORBIDDEN', `No active consent covers ${v.dataClass} memory for this customer.`);
      const text = v.dataClass === 'contact' ? v.text : options.redact(v.text);
      const t = now();
      const row: ItemRow = {
        id: `mem-${randomUUID()}`,
        subject_id: v.subjectId,
        data_class: v.dataClass,
        kind: v.kind,
        body_sealed: store.cipher.seal(v.subjectId, text),
        source_ref: v.sourceRef ?? null,
        consent_id: consent.id,
        created_at: t,
        expires_at: t + Math.round(options.windows[v.dataClass] * DAY_MS),
      };
      db.transaction(() => {
        insert.run(row);
        touchStmt.run(v.subjectId, t, t);
      })();
      const item = open(row);
      if (!item)
        throw new UserError('CONFLICT', 'This customer has been erased; nothing more can be stored.');
      return item;
    },
    recall(subjectId, opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
      const rows = opts.dataClass
        ? selectClass.all(subjectId, opts.dataClass, now(), limit)
        : selectAll.all(subjectId, now(), limit);
      const out: MemoryItem[] = [];
      for (const r of rows) {
        const item = open(r);
        if (item) out.push(item);
      }
      return out;
    },
    forget: (subjectId, itemId) => deleteOne.run(itemId, subjectId).changes > 0,
    forgetSubject: (subjectId) => deleteSubject.run(subjectId).changes,
    forgetConsent: (consentId) => deleteConsent.run(consentId).changes,
    storedCount: (subjectId) => countItems.get(subjectId) ?? 0,
    purgeExpired(at = now()) {
      const counts = Object.fromEntries(MEMORY_CLASSES.map((c) => [c, 0])) as Record<MemoryClass, number>;
      for (const r of deleteExpired.all(at)) counts[r.data_class] += 1;
      return counts;
    },
    touch(subjectId) {
      const t = now();
      touchStmt.run(subjectId, t, t);
    },
    subjects: {
      markErased: (id, at, reason) => void markErased.run({ id, at, reason }),
      erasedAt: (id) => erasedAt.get(id) ?? null,
      lapsed: (before) => lapsed.all(before),
      erased: () => erasedSubjects.all(),
      all: () => allSubjects.all(),
    },
  };
}
