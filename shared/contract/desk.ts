import { z } from 'zod';
import { QUEUE, STAFF_DESK, type Access } from './access';
import { DraftDecisionSchema } from './desk-review';
import { DomainSchema, EscalationReasonSchema, TurnOutcomeSchema } from './vocabulary';

/** Procedures of the agent desk and the supervisor queue (conversations, turns, escalations, KB search). */

export const EscalationStatusSchema = z.enum(['open', 'claimed', 'resolved']);
const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -');

/**
 * The pieces of the redacted handoff packet. This is the one definition: the escalation handler in main
 * builds its (strict) packet schema from these, and the desk views use them as they are.
 */
export const EscalationPrioritySchema = z.enum(['urgent', 'high', 'normal']);
export const HandoffTriggerSchema = z.object({
  reason: EscalationReasonSchema,
  guard: z.string(),
  score: z.number().nullable(),
  detail: z.string(),
});
export const HandoffTranscriptSchema = z.array(
  z.object({ role: z.enum(['customer', 'agent']), text: z.string() }),
);
export const HandoffSentimentSchema = z
  .object({ score: z.number(), trend: z.string(), intensity: z.number() })
  .nullable();
export const VerifiedFactSchema = z.object({ claim: z.string(), docId: z.string(), chunkId: z.string() });
export const HandoffVersionsSchema = z.object({
  policyId: z.string(),
  policyVersion: z.string(),
  modelId: z.string().nullable(),
  modelSha256: z.string().nullable(),
  kbSnapshot: z.string().nullable(),
});

export const HandoffPacketViewSchema = z.object({
  priority: EscalationPrioritySchema,
  reasons: z.array(EscalationReasonSchema),
  triggers: z.array(HandoffTriggerSchema),
  rationale: z.string(),
  transcript: HandoffTranscriptSchema,
  sentiment: HandoffSentimentSchema,
  verifiedFacts: z.array(VerifiedFactSchema),
  versions: HandoffVersionsSchema,
});

/**
 * With the autoEscalation flag off, a turn that would have escalated carries this instead: the trigger
 * codes and scores and the rationale (no customer text). Staff escalate it with one click
 * (`desk.escalate`), which opens the escalation with the same redacted packet the handler built.
 */
export const SuggestedEscalationSchema = z.object({
  turnId: z.string(),
  status: z.enum(['pending', 'escalated', 'dismissed']),
  priority: EscalationPrioritySchema,
  reasons: z.array(EscalationReasonSchema),
  triggers: z.array(HandoffTriggerSchema),
  rationale: z.string(),
  escalationId: z.string().nullable(),
});
export type SuggestedEscalation = z.infer<typeof SuggestedEscalationSchema>;

export const ConversationSummarySchema = z.object({
  id: z.string(),
  domain: DomainSchema,
  status: z.enum(['open', 'escalated', 'closed']),
  turnCount: z.number().int(),
  updatedAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const TurnViewSchema = z.object({
  turnId: z.string(),
  index: z.number().int(),
  status: z.enum(['running', 'done', 'failed']),
  /**
   * Customer text: as typed only for the agent who typed it, in the session they typed it in; for every
   * other reader pseudonymised (<PERSON_1>, ...). Null once the customer has been erased.
   */
  customer: z.string().nullable(),
  customerForm: z.enum(['original', 'pseudonymised']).optional(),
  reply: z.string().nullable(),
  delivered: z.boolean().nullable(),
  escalated: z.boolean().nullable(),
  sentiment: z.number().nullable(),
  outcome: z.string().nullable(),
  reasons: z.array(z.string()),
  degraded: z.array(z.string()),
  at: z.string(),
  /** Present when the autoEscalation flag held back an escalation on this turn. */
  suggestedEscalation: SuggestedEscalationSchema.nullable().optional(),
  /** The staff member's decision on the draft; null while it waits for review. */
  draft: DraftDecisionSchema.nullable().optional(),
  /** Knowledge-base passages the draft cited (public text), for the citation chips. */
  citations: z
    .array(z.object({ docId: z.string(), chunkId: z.string(), title: z.string(), text: z.string() }))
    .optional(),
});
export type TurnView = z.infer<typeof TurnViewSchema>;

export const ConversationDetailSchema = ConversationSummarySchema.extend({
  turns: z.array(TurnViewSchema),
  /** Per-turn sentiment scores, oldest first, for the live trend. */
  sentimentTrend: z.array(z.number()),
  escalationId: z.string().nullable(),
  /**
   * What supervisor desks did on this conversation's escalations over the LAN (claimed, whisper, response,
   * resolved...), oldest first; whispers are for the staff member only. Empty on a desk without the LAN.
   */
  supervisor: z.array(
    z.object({
      escalationId: z.string(),
      type: z.string(),
      by: z.string().nullable(),
      at: z.string(),
      text: z.string().nullable(),
    }),
  ),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const TurnResultSchema = z.object({
  turnId: z.string(),
  delivered: z.boolean(),
  reply: z.string(),
  /** The conversation has been escalated at some point (it may since have been resolved). */
  escalated: z.boolean(),
  /**
   * An escalation of the conversation is in the supervisor queue (open or claimed) now. The desk says
   * "Escalated" only when this is true: a resolved escalation is not someone on their way.
   */
  queued: z.boolean(),
  reasons: z.array(z.string()),
  degraded: z.array(z.string()),
  auditSeq: z.number().int(),
  escalationId: z.string().nullable(),
  outcome: TurnOutcomeSchema,
  replayed: z.boolean(),
  stages: z.array(
    z.object({ node: z.string(), stage: z.string(), durationMs: z.number(), overBudget: z.boolean() }),
  ),
  suggestedEscalation: SuggestedEscalationSchema.nullable().optional(),
});
export type DeskTurnResult = z.infer<typeof TurnResultSchema>;

export const EscalationSummarySchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  status: EscalationStatusSchema,
  priority: EscalationPrioritySchema,
  reasons: z.array(EscalationReasonSchema),
  slaDueAt: z.string(),
  createdAt: z.string(),
  claimedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.enum(['resolved', 'taken_over', 'returned_to_agent']).nullable(),
  /** Queue row extras (escalation.list): names, not ids, and the latest sentiment score. */
  claimedByName: z.string().nullable().optional(),
  desk: z.string().nullable().optional(),
  domain: DomainSchema.optional(),
  sentiment: z.number().nullable().optional(),
});
export type EscalationSummaryView = z.infer<typeof EscalationSummarySchema>;

export const EscalationDetailSchema = EscalationSummarySchema.extend({
  /** Redacted handoff packet; null when the customer has been erased. */
  packet: HandoffPacketViewSchema.nullable(),
  notes: z.array(
    z.object({
      id: z.number().int(),
      authorId: z.string(),
      kind: z.enum(['note', 'response']),
      text: z.string().nullable(),
      createdAt: z.string(),
      authorName: z.string().nullable().optional(),
    }),
  ),
  /** The supervisor's private words to the agent (escalation.whisper), with author and time. */
  whispers: z
    .array(
      z.object({
        id: z.number().int(),
        authorName: z.string().nullable(),
        text: z.string().nullable(),
        createdAt: z.string(),
      }),
    )
    .optional(),
});

/** A reveal must say why (it is audited); short words such as "check" are not a reason. */
export const REVEAL_REASON_MIN = 10;

/**
 * `escalation.reveal`: the packet's transcript and claims with pseudonym tokens (<PERSON_1>) replaced by
 * their originals from the conversation's vault. For display only: never stored. Audited as
 * escalation.pii_revealed with counts and types, never values.
 */
export const EscalationRevealSchema = z.object({
  escalationId: z.string(),
  /** The customer was erased: the packet and the vault are gone, so nothing was revealed. */
  erased: z.boolean(),
  transcript: HandoffTranscriptSchema,
  verifiedFacts: z.array(VerifiedFactSchema),
  /** Distinct tokens shown in clear. */
  revealed: z.number().int().min(0),
  /** Their PII types (PERSON, EMAIL, ...). */
  types: z.array(z.string()),
  /** Distinct tokens left as tokens: their vault entries were erased or are past retention. */
  unresolved: z.number().int().min(0),
  notice: z.string(),
  auditSeq: z.number().int(),
});
export type EscalationRevealView = z.infer<typeof EscalationRevealSchema>;

/**
 * Server push (browser mode) of a draft as the model writes it: `{conversationId, turnId, text}`, the
 * reply so far, pseudonymised and before any rail. Sent only to the streams of the sign-in session that
 * submitted the turn, for display while it waits; nothing in it can be sent. The turn's answer
 * (`turn.submit`) is the checked draft that replaces it.
 */
export const DRAFT_PROGRESS_TOPIC = 'draft.progress';
export const DraftProgressSchema = z.object({
  conversationId: z.string(),
  turnId: z.string(),
  text: z.string(),
});

export const deskProcedures = {
  'conversation.list': {
    access: ['agent', 'supervisor', 'compliance', 'admin'] as Access,
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(ConversationSummarySchema),
  },
  'conversation.get': {
    access: ['agent', 'supervisor', 'compliance'] as Access,
    input: z.strictObject({ conversationId: IdSchema }),
    output: ConversationDetailSchema,
  },
  'turn.submit': {
    access: STAFF_DESK,
    input: z.strictObject({
      conversationId: IdSchema,
      domain: DomainSchema.optional(),
      text: z.string().min(1).max(8000),
      /** Retrying with the same key returns the same turn; it is never applied twice. */
      idempotencyKey: z.string().min(1).max(128).optional(),
    }),
    output: TurnResultSchema,
  },
  'escalation.list': {
    access: QUEUE,
    input: z.strictObject({
      status: EscalationStatusSchema.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.array(EscalationSummarySchema),
  },
  'escalation.get': {
    access: QUEUE,
    input: z.strictObject({ escalationId: IdSchema }),
    output: EscalationDetailSchema,
  },
  'escalation.claim': {
    access: QUEUE,
    input: z.strictObject({ escalationId: IdSchema }),
    output: EscalationSummarySchema,
  },
  'escalation.note': {
    access: QUEUE,
    input: z.strictObject({ escalationId: IdSchema, text: z.string().min(1).max(4000) }),
    output: z.object({ noteId: z.number().int() }),
  },
  'escalation.respond': {
    access: QUEUE,
    input: z.strictObject({ escalationId: IdSchema, text: z.string().min(1).max(4000) }),
    output: z.object({ noteId: z.number().int() }),
  },
  'escalation.resolve': {
    access: QUEUE,
    input: z.strictObject({
      escalationId: IdSchema,
      outcome: z.enum(['resolved', 'taken_over', 'returned_to_agent']).default('resolved'),
    }),
    output: EscalationSummarySchema,
  },
  /**
   * Shows the originals behind the packet's pseudonym tokens. Only with the rehydrateForStaff flag on,
   * only for a supervisor (agent, compliance and admin get FORBIDDEN), only for the supervisor who has
   * claimed the escalation (else CONFLICT), and only with a reason.
   */
  'escalation.reveal': {
    access: ['supervisor'] as Access,
    input: z.strictObject({
      escalationId: IdSchema,
      reason: z.string().trim().min(REVEAL_REASON_MIN).max(4000),
    }),
    output: EscalationRevealSchema,
  },
  /**
   * One-click escalation of a turn whose escalation the autoEscalation flag held back: opens it with the
   * handoff packet built at that turn (or merges into the conversation's open one). Agent, supervisor or
   * admin; audited as escalation.opened by that user.
   */
  'desk.escalate': {
    access: STAFF_DESK,
    input: z.strictObject({ turnId: IdSchema }),
    output: EscalationSummarySchema,
  },
  /**
   * One click on any open conversation, flagged or calm: staff judge that the customer needs a person.
   * A pending suggestion on the newest turn is escalated as suggested; otherwise the packet's reason is
   * `customer_request` (the closed set has no staff code) and its rationale and audit entry
   * (`escalation.opened`, `via: 'staff'`) name the staff member. CONFLICT when already queued.
   */
  'desk.escalate_conversation': {
    access: STAFF_DESK,
    input: z.strictObject({ conversationId: IdSchema }),
    output: EscalationSummarySchema,
  },
  'kb.search': {
    access: ['agent', 'supervisor', 'admin'] as Access,
    input: z.strictObject({
      domain: DomainSchema,
      query: z.string().min(1).max(500),
      k: z.number().int().min(1).max(20).default(5),
    }),
    output: z.array(
      z.object({
        chunkId: z.string(),
        docId: z.string(),
        title: z.string(),
        text: z.string(),
        score: z.number(),
        source: z.string(),
      }),
    ),
  },
};
