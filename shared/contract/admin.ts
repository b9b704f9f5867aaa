import { z } from 'zod';
import { ADMIN, type Access } from './access';
import { ModelRoleSchema } from './status';

/**
 * The admin workspace: policy packs, models and what the desk is running with. Every change goes through
 * the same audited core services the CLI uses (policy registry, model registry).
 */

const DomainSchema = z.enum(['bank', 'clinic', 'generic']);
const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a pack hash');

export const PolicyPackInfoSchema = z.object({
  hash: z.string(),
  id: z.string(),
  domain: DomainSchema,
  version: z.string(),
  source: z.enum(['builtin', 'registry']),
  active: z.boolean(),
  registeredAt: z.string().nullable(),
  /** Shadow runs of this pack as a candidate against the live one: how often they agreed. */
  shadow: z.object({ runs: z.number().int(), agreed: z.number().int() }),
});

export const PolicyOverviewSchema = z.object({
  domains: z.array(
    z.object({
      domain: DomainSchema,
      active: PolicyPackInfoSchema,
      history: z.array(
        z.object({
          seq: z.number().int(),
          action: z.enum(['activate', 'rollback']),
          packId: z.string(),
          version: z.string(),
          actorRole: z.string(),
          at: z.string(),
        }),
      ),
      canRollBack: z.boolean(),
    }),
  ),
  packs: z.array(PolicyPackInfoSchema),
});

export const DiffLineSchema = z.object({ op: z.enum([' ', '+', '-']), text: z.string() });

export const ModelInfoSchema = z.object({
  id: z.string(),
  role: ModelRoleSchema,
  displayName: z.string(),
  version: z.string(),
  /** Bytes of all files when the manifest knows them, else null. */
  sizeBytes: z.number().int().nullable(),
  minRamMb: z.number().int(),
  /** Whether this machine's memory holds it (the same rule the loader enforces before loading). */
  fits: z.boolean(),
  installed: z.boolean(),
  hashStatus: z.string(),
  active: z.boolean(),
  isDefault: z.boolean(),
  license: z.string(),
});

export const ModelPullSchema = z.object({
  modelId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  /** Bytes received and expected over all files (total null while unknown). */
  received: z.number().int(),
  total: z.number().int().nullable(),
  /** Plain words: what happened, and what to do when it failed. */
  message: z.string(),
});
export type ModelPull = z.infer<typeof ModelPullSchema>;

export const ModelsOverviewSchema = z.object({
  machineRamMb: z.number().int(),
  /** The latest download started from this workspace, if any (progress also arrives as `models.progress` events). */
  pull: ModelPullSchema.nullable(),
  models: z.array(ModelInfoSchema),
  history: z.array(
    z.object({ role: ModelRoleSchema, modelId: z.string(), action: z.string(), at: z.string() }),
  ),
});

export const StageLatencySchema = z.object({
  stage: z.string(),
  count: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  budgetMs: z.number().nullable(),
  overBudget: z.number().int(),
});

export const ObservabilitySchema = z.object({
  /** Turns whose spans the latency table covers (the latest ones). */
  turns: z.number().int(),
  /** Every turn in the ledger: the base of the escalation and fallback rates, counted the same way. */
  turnsRecorded: z.number().int(),
  stages: z.array(StageLatencySchema),
  escalations: z.number().int(),
  degradations: z.number().int(),
  models: z.array(
    z.object({ id: z.string(), role: ModelRoleSchema, installed: z.boolean(), active: z.boolean() }),
  ),
  fallbacks: z.array(z.string()),
});

export const PairedDeskSchema = z.object({
  deviceId: z.string(),
  role: z.enum(['staff', 'supervisor']),
  /** SHA-256 fingerprint of the pinned certificate, to compare with the other desk's screen. */
  fingerprint: z.string(),
  address: z.string().nullable(),
  pairedAt: z.string(),
  lastSeen: z.string().nullable(),
  clockSkewMs: z.number().int().nullable(),
  revoked: z.boolean(),
});

export const adminProcedures = {
  /** Desks paired with this one over the branch LAN (pairing itself happens with `confidant lan`). */
  'pairing.list': {
    access: ADMIN as Access,
    input: z.strictObject({}),
    output: z.object({ role: z.enum(['staff', 'supervisor']).nullable(), peers: z.array(PairedDeskSchema) }),
  },
  'policy.list': { access: ADMIN as Access, input: z.strictObject({}), output: PolicyOverviewSchema },
  /** Line diff of a pack (canonical JSON) against the active pack of its domain. */
  'policy.diff': {
    access: ADMIN as Access,
    input: z.strictObject({ hash: HashSchema }),
    output: z.object({ against: z.string(), lines: z.array(DiffLineSchema) }),
  },
  /** Activates a pack the admin uploads (YAML or JSON text) or one registered before (by hash). */
  'policy.activate': {
    access: ADMIN as Access,
    input: z
      .strictObject({ hash: HashSchema.optional(), text: z.string().min(1).max(500_000).optional() })
      .refine((v) => (v.hash === undefined) !== (v.text === undefined), 'Give a pack file or a pack hash.'),
    output: PolicyPackInfoSchema,
  },
  'policy.rollback': {
    access: ADMIN as Access,
    input: z.strictObject({ domain: DomainSchema }),
    output: PolicyPackInfoSchema,
  },
  'models.list': { access: ADMIN as Access, input: z.strictObject({}), output: ModelsOverviewSchema },
  'models.activate': {
    access: ADMIN as Access,
    input: z.strictObject({ modelId: z.string().min(1).max(96) }),
    output: ModelsOverviewSchema,
  },
  /** Starts a resumable download of a model's files in the background; progress arrives as events. */
  'models.pull': {
    access: ADMIN as Access,
    input: z.strictObject({ modelId: z.string().min(1).max(96) }),
    output: ModelsOverviewSchema,
  },
  'models.rollback': {
    access: ADMIN as Access,
    input: z.strictObject({ role: ModelRoleSchema }),
    output: ModelsOverviewSchema,
  },
  'observability.get': {
    access: ['supervisor', 'admin'] as Access,
    input: z.strictObject({ turns: z.number().int().min(1).max(5000).default(500) }),
    output: ObservabilitySchema,
  },
};
