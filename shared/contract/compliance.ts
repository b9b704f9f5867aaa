import { z } from 'zod';
import { OVERSIGHT, type Access } from './access';

/**
 * The compliance workspace: browse the ledger, download signed bundles, check a bundle someone handed
 * over, and see who is stored under which consent before erasing them. Nothing here carries customer text:
 * ledger payloads hold ids, codes and scores only, and subjects are pseudonymous ids.
 */

const IsoSchema = z.iso.datetime({ offset: true });
const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -');

export const LedgerEntrySchema = z.object({
  seq: z.number().int(),
  ts: z.string(),
  type: z.string(),
  actor: z.object({ kind: z.string(), id: z.string(), role: z.string() }),
  subject: z.string().nullable(),
  /** The entry's clear payload (never PII by the ledger's own rule) as compact JSON. */
  payload: z.string(),
  /** Whether sealed PII rides with the entry (shown as a flag only; it is never opened here). */
  sealed: z.boolean(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerPageSchema = z.object({
  entries: z.array(LedgerEntrySchema),
  /** Pass as `before` for the next (older) page; null when the ledger has nothing older that matches. */
  nextBefore: z.number().int().nullable(),
  /** Entries read to fill this page: filters on the actor are applied after reading, within a budget. */
  scanned: z.number().int(),
});

export const LedgerQuerySchema = z.strictObject({
  type: z.string().max(64).optional(),
  actor: z.string().max(128).optional(),
  subject: IdSchema.optional(),
  /** A conversation: its subject's entries (the case). */
  conversationId: IdSchema.optional(),
  from: IsoSchema.optional(),
  to: IsoSchema.optional(),
  /** Keyset cursor: only entries with seq below this. */
  before: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const BundleDownloadSchema = z.object({
  /** File name offered to the browser. */
  name: z.string(),
  entries: z.number().int(),
  treeSize: z.number().int(),
  root: z.string(),
  bytes: z.number().int(),
  /** The gzip'd tar itself, base64: the browser saves it, nothing is left in the data folder. */
  base64: z.string(),
});

export const BundleCheckSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  treeSize: z.number().int().nullable(),
  root: z.string().nullable(),
  /** Plain-language problems, empty when ok. */
  problems: z.array(z.string()),
});

export const SubjectOverviewSchema = z.object({
  subjectId: z.string(),
  conversations: z.array(z.object({ id: z.string(), domain: z.string(), createdAt: z.string() })),
  activeConsents: z.array(z.string()),
  withdrawnConsents: z.number().int(),
  memoryItems: z.number().int(),
  lastSeen: z.string().nullable(),
  erasedAt: z.string().nullable(),
  eraseReason: z.string().nullable(),
});

export const ComplianceOverviewSchema = z.object({
  subjects: z.array(SubjectOverviewSchema),
  /** Days per data class, per domain, from the active policy packs. */
  retention: z.array(z.object({ domain: z.string(), windows: z.record(z.string(), z.number()) })),
  lastPurge: z
    .object({
      at: z.string(),
      trigger: z.string(),
      deletedRows: z.number().int(),
      shredded: z.number().int(),
    })
    .nullable(),
  ledgerSize: z.number().int(),
  /** Every entry type the ledger knows, for the browser's filter. */
  types: z.array(z.string()),
});

export const complianceProcedures = {
  'audit.list': {
    access: OVERSIGHT as Access,
    input: LedgerQuerySchema,
    output: LedgerPageSchema,
  },
  /** Exports a period or a case (one conversation's subject) and hands the bundle to the caller. */
  'audit.download': {
    access: OVERSIGHT as Access,
    input: z
      .strictObject({
        from: IsoSchema.optional(),
        to: IsoSchema.optional(),
        conversationId: IdSchema.optional(),
        subject: IdSchema.optional(),
      })
      .refine((v) => !(v.conversationId && v.subject), 'Pick a conversation or a subject, not both.'),
    output: BundleDownloadSchema,
  },
  /** Checks a bundle the caller uploads, with the offline verifier (nothing is stored). */
  'audit.verify_bundle': {
    access: OVERSIGHT as Access,
    // The bridge caps request bodies at 1 MiB; base64 of a larger bundle is refused there.
    input: z.strictObject({ base64: z.string().min(1).max(1_000_000) }),
    output: BundleCheckSchema,
  },
  'compliance.get': {
    access: OVERSIGHT as Access,
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: ComplianceOverviewSchema,
  },
};
