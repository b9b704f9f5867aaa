import { z } from 'zod';
import { QUEUE, STAFF_DESK, type Access } from './access';

/**
 * Draft review at the desk: a turn's reply is a draft the staff member sends (as is or edited) or
 * discards. Edited text passes the same output rails as the turn's own draft; flagged text is sent only
 * with a reason, audited as an override. Supervisors whisper to the agent on an escalation.
 */

const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -');

/** An override must say why (it is audited); short words such as "ok" are not a reason. */
export const OVERRIDE_REASON_MIN = 10;

export const DraftDecisionSchema = z.object({
  status: z.enum(['sent', 'discarded']),
  edited: z.boolean(),
  /** The text as sent (staff view, like the reply); null for a discard or once the customer is erased. */
  text: z.string().nullable(),
  /** Rail findings on the sent text, as codes (`forbidden_advice:TOPIC`, `pii_echo:TYPE`, ...). */
  flags: z.array(z.string()),
  overridden: z.boolean(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type DraftDecisionView = z.infer<typeof DraftDecisionSchema>;

/** What the supervisor side says to the agent, in the conversation, as it happens. */
export const SupervisorMessageSchema = z.object({
  kind: z.enum(['whisper', 'response', 'claimed', 'resolved']),
  escalationId: z.string(),
  author: z.string().nullable(),
  text: z.string().nullable(),
  /** For `resolved`: resolved, taken_over or returned_to_agent. */
  outcome: z.string().nullable(),
  at: z.string(),
});
export type SupervisorMessage = z.infer<typeof SupervisorMessageSchema>;

export const deskReviewProcedures = {
  /**
   * Sends a turn's draft, as is or edited. Edited text is checked by the output rails; when they flag
   * it and no `overrideReason` is given nothing is sent (`sent: false`) and the flags come back.
   */
  'desk.send': {
    access: STAFF_DESK,
    input: z.strictObject({
      turnId: IdSchema,
      text: z.string().min(1).max(8000),
      overrideReason: z.string().max(4000).optional(),
    }),
    output: z.object({
      sent: z.boolean(),
      edited: z.boolean(),
      flags: z.array(z.string()),
      auditSeq: z.number().int().nullable(),
    }),
  },
  'desk.discard': {
    access: STAFF_DESK,
    input: z.strictObject({ turnId: IdSchema }),
    output: z.object({ auditSeq: z.number().int() }),
  },
  /** The supervisor side of the conversation, for its desk: whispers, responses, claim and resolution. */
  'desk.supervision': {
    access: STAFF_DESK,
    input: z.strictObject({ conversationId: IdSchema }),
    output: z.array(SupervisorMessageSchema),
  },
  /** A supervisor's private word to the agent on an escalation; the claimant only. */
  'escalation.whisper': {
    access: QUEUE,
    input: z.strictObject({ escalationId: IdSchema, text: z.string().min(1).max(4000) }),
    output: z.object({ whisperId: z.number().int() }),
  },
} satisfies Record<string, { access: Access; input: z.ZodType; output: z.ZodType }>;
