import { z } from 'zod';
import { DomainSchema, EscalationReasonSchema } from './vocabulary';

/** Every regex in a scenario must compile; a typo is a broken scenario, not a silent pass. */
const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid JavaScript regular expression' },
);

/**
 * An eval scenario file (docs/formats/eval-scenario.md), the one definition: `confidant eval` loads files
 * with it and tests hold the shipped ones to it. `expect` is strict so a misspelt key cannot pass unchecked.
 */
export const ScenarioSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,119}$/, 'must be 1-120 characters of A-Z a-z 0-9 _ . -'),
  domain: DomainSchema,
  description: z.string().optional(),
  /** Beyond the contract: feature flags for this scenario (shared/flags.ts); absent ones take the defaults. */
  flags: z.strictObject({ autoEscalation: z.boolean().optional() }).optional(),
  /**
   * The literal PII values the customer turns contain. The leak check looks for these as well as for
   * what the detector finds, so PII the detector misses can still count as a leak.
   */
  pii: z.array(z.string().trim().min(1).max(500)).max(200).optional(),
  turns: z
    .array(
      z.object({
        customer: z.string().min(1).max(8000),
        modelReply: z.string().max(8000).optional(),
        expect: z
          .strictObject({
            escalated: z.boolean().optional(),
            reasons: z.array(EscalationReasonSchema).optional(),
            delivered: z.boolean().optional(),
            replyMustNotMatch: z.array(regexSource).optional(),
            replyMustMatch: z.array(regexSource).optional(),
            noPiiLeak: z.boolean().optional(),
          })
          .optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
