import { z } from 'zod';
import { OVERSIGHT, type Access } from './access';

/** Compliance: verify the tamper-evident ledger and export signed bundles (format: contracts/bundle.md). */

const IsoSchema = z.iso.datetime({ offset: true });

export const AuditVerifyResultSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  checkpoints: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;

export const AuditCheckpointSchema = z.object({
  size: z.number().int(),
  /** Base64 RFC 6962 root hash. */
  root: z.string(),
  createdAt: z.string(),
  exported: z.boolean(),
  /** Signature lines on the note: the desk's own plus any witness co-signatures. */
  signatures: z.number().int(),
});

export const AuditExportResultSchema = z.object({
  /** Where the bundle was written: the data folder's exports/ directory. */
  file: z.string(),
  entries: z.number().int(),
  treeSize: z.number().int(),
  root: z.string(),
  bytes: z.number().int(),
});

export const auditProcedures = {
  'audit.verify': {
    access: OVERSIGHT as Access,
    input: z.object({}).strict(),
    output: AuditVerifyResultSchema,
  },
  'audit.checkpoints': {
    access: OVERSIGHT as Access,
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(AuditCheckpointSchema),
  },
  'audit.export': {
    access: OVERSIGHT as Access,
    input: z.object({ from: IsoSchema.optional(), to: IsoSchema.optional() }).strict(),
    output: AuditExportResultSchema,
  },
};
