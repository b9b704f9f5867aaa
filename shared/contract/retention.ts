import { z } from 'zod';
import { OVERSIGHT, type Access } from './access';

/** Data-protection actions: the right to erasure (GDPR Art. 17) and an on-demand retention purge. */

const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -');

export const ErasureResultSchema = z.object({
  /** The pseudonymous subject id whose key was shredded (never a customer identifier). */
  subjectId: z.string(),
  alreadyErased: z.boolean(),
  deletedRows: z.number().int(),
  auditSeq: z.number().int().nullable(),
});

export const PurgeResultSchema = z.object({
  runId: z.number().int(),
  deletedRows: z.number().int(),
  shreddedSubjects: z.number().int(),
  auditSeq: z.number().int().nullable(),
});

export const retentionProcedures = {
  /** Erases the customer behind a conversation: shreds their key, deletes their rows, writes a tombstone. */
  'subject.erase': {
    access: OVERSIGHT as Access,
    input: z.object({ conversationId: IdSchema }).strict(),
    output: ErasureResultSchema,
  },
  'retention.purge': {
    access: OVERSIGHT as Access,
    input: z.object({}).strict(),
    output: PurgeResultSchema,
  },
};
