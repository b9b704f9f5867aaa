import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import type { Database } from '../store';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  MEMORY_CLASSES,
  type ConsentMethod,
  type ConsentPurpose,
  type MemoryClass,
} from './types';

export interface ConsentRecord {
  id: string;
  subjectId: string;
  purpose: ConsentPurpose;
  dataClasses: MemoryClass[];
  /** Version id of the consent wording shown or read out (e.g. 'bank-ltm-2026-01'). */
  textVersion: string;
  /** sha256 of the exact wording, when the caller has it. */
  textSha256: string | null;
  method: ConsentMethod;
  recordedBy: string;
  recordedAt: number;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
}

export const consentInputSchema = z.strictObject({
  subjectId: z.string().min(1).max(200),
  purpose: z.enum(CONSENT_PURPOSES),
  dataClasses: z.array(z.enum(MEMORY_CLASSES)).min(1),
  textVersion: z.string().min(1).max(100),
  text: z.string().max(20_000).optional(),
  method: z.enum(CONSENT_METHODS),
  recordedBy: z.string().min(1).max(200),
});
export type ConsentInput = z.input<typeof consentInputSchema>;

interface Row {
  id: string;
  subject_id: string;
  purpose: string;
  data_classes: string;
  text_version: string;
  text_sha256: string | null;
  method: string;
  recorded_by: string;
  recorded_at: number;
  withdrawn_at: number | null;
  withdrawn_by: string | null;
}

const toRecord = (r: Row): ConsentRecord => ({
  id: r.id,
  subjectId: r.subject_id,
  purpose: r.purpose as ConsentPurpose,
  dataClasses: JSON.parse(r.data_classes) as MemoryClass[],
  textVersion: r.text_version,
  textSha256: r.text_sha256,
  method: r.method as ConsentMethod,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
});

/** Consent rows (table `consents`, migration 004). Pure data; retention adds auditing on top. */
export interface ConsentRegistry {
  record(input: ConsentInput): ConsentRecord;
  /** Marks withdrawn; returns the updated record (idempotent). */
  withdraw(consentId: string, by: string): ConsentRecord;
  get(consentId: string): ConsentRecord | null;
  list(subjectId: string): ConsentRecord[];
  /** The newest active consent covering this class, or null. */
  activeFor(subjectId: string, dataClass: MemoryClass): ConsentRecord | null;
}

export function createConsentRegistry(db: Database, now: () => number = Date.now): ConsentRegistry {
  const insert = db.prepare(
    `INSERT INTO consents (id, subject_id, purpose, data_classes, text_version, text_sha256, method, recorded_by, recorded_at)
     VALUES (@id, @subject_id, @purpose, @data_classes, @text_version, @text_sha256, @method, @recorded_by, @recorded_at)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM consents WHERE id = ?');
  const bySubject = db.prepare<[string], Row>(
    'SELECT * FROM consents WHERE subject_id = ? ORDER BY recorded_at, id',
  );
  const withdrawStmt = db.prepare<[number, string, string]>(
    'UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL',
  );
  const active = db.prepare<[string, string, string], Row>(
    `SELECT c.* FROM consents c
      WHERE c.subject_id = ? AND c.purpose = ? AND c.withdrawn_at IS NULL
        AND EXISTS (SELECT 1 FROM json_each(c.data_classes) j WHERE j.value = ?)
      ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1`,
  );
  return {
    record(input) {
      const parsed = consentInputSchema.safeParse(input);
      if (!parsed.success) throw new UserError('VALIDATION', 'Consent record is incomplete or invalid.');
      const v = parsed.data;
      const dataClasses = [...new Set(v.dataClasses)];
      if (dataClasses.includes('vulnerability') !== (v.purpose === 'vulnerability_support'))
        throw new UserError('VALIDATION', 'Vulnerability data needs its own vulnerability_support consent.');
      const row: Row = {
        id: `consent-${randomUUID()}`,
        subject_id: v.subjectId,
        purpose: v.purpose,
        data_classes: JSON.stringify(dataClasses),
        text_version: v.textVersion,
        text_sha256: v.text === undefined ? null : createHash('sha256').update(v.text, 'utf8').digest('hex'),
        method: v.method,
        recorded_by: v.recordedBy,
        recorded_at: now(),
        withdrawn_at: null,
        withdrawn_by: null,
      };
      const { withdrawn_at: _wa, withdrawn_by: _wb, ...params } = row;
      insert.run(params);
      return toRecord(row);
    },
    withdraw(consentId, by) {
      withdrawStmt.run(now(), by, consentId);
      const row = byId.get(consentId);
      if (!row) throw new UserError('NOT_FOUND', 'No such consent record.');
      return toRecord(row);
    },
    get(consentId) {
      const row = byId.get(consentId);
      return row ? toRecord(row) : null;
    },
    list(subjectId) {
      return bySubject.all(subjectId).map(toRecord);
    },
    activeFor(subjectId, dataClass) {
      const purpose: ConsentPurpose =
        dataClass === 'vulnerability' ? 'vulnerability_support' : 'long_term_memory';
      const row = active.get(subjectId, purpose, dataClass);
      return row ? toRecord(row) : null;
    },
  };
}
