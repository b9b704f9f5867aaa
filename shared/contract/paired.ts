import { z } from 'zod';
import { QUEUE, type Access } from './access';

/** The LAN desks this desk is paired with, for the supervisor queue's panel: link and witness status. */
export const PairedDesksSchema = z.object({
  /** False until this desk has ever taken part in pairing (no device identity yet). */
  enabled: z.boolean(),
  role: z.enum(['staff', 'supervisor']).nullable(),
  peers: z.array(
    z.object({
      deviceId: z.string(),
      role: z.enum(['staff', 'supervisor']),
      fingerprint: z.string(),
      linked: z.boolean(),
      lastSeen: z.string().nullable(),
      outbox: z.number().int(),
      clockSkewMs: z.number().nullable(),
    }),
  ),
  witness: z.object({ cosignatures: z.number().int(), problems: z.number().int() }),
  alerts: z.array(z.object({ peer: z.string().nullable(), code: z.string(), at: z.string() })),
});
export type PairedDesksView = z.infer<typeof PairedDesksSchema>;

export const pairedProcedures = {
  'queue.paired_desks': {
    access: QUEUE,
    input: z.strictObject({}),
    output: PairedDesksSchema,
  },
} satisfies Record<string, { access: Access; input: z.ZodType; output: z.ZodType }>;
