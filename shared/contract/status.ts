import { z } from 'zod';
import { FLAG_NAMES } from '../flags';
import { ANY_ROLE, type Access } from './access';

export const ModelRoleSchema = z.enum(['llm', 'embedding', 'sentiment', 'emotion', 'ner', 'guard']);

export const StatusSchema = z.object({
  appVersion: z.string(),
  dataDir: z.string(),
  mode: z.enum(['browser', 'desktop', 'cli']),
  store: z.object({
    state: z.enum(['missing', 'locked', 'open', 'corrupt']),
    encrypted: z.boolean(),
    schemaVersion: z.number().int(),
  }),
  models: z.array(
    z.object({
      id: z.string(),
      role: ModelRoleSchema,
      installed: z.boolean(),
      active: z.boolean(),
    }),
  ),
  fallbacks: z.array(z.string()),
  /** The feature flags in force (config plus CONFIDANT_FLAGS), so the UI offers only what main allows. */
  flags: z.strictObject(
    Object.fromEntries(FLAG_NAMES.map((f) => [f, z.boolean()])) as Record<
      (typeof FLAG_NAMES)[number],
      z.ZodBoolean
    >,
  ),
});
export type Status = z.infer<typeof StatusSchema>;

export const statusProcedures = {
  'status.get': { access: ANY_ROLE as Access, input: z.object({}).strict(), output: StatusSchema },
};
