import { z } from 'zod';
import { SafetyMemorySchema } from './safety/accumulate';
import {
  DomainSchema,
  EscalationReasonSchema,
  HandoffPacketViewSchema,
  HandoffSentimentSchema,
  HandoffTranscriptSchema,
  HandoffTriggerSchema,
  HandoffVersionsSchema,
  VerifiedFactSchema,
} from '../../../shared/contract';
import { GUARDS } from './ports';

/**
 * The typed messages agents exchange. Every hand-over between agents is parsed with these schemas, so an
 * agent can never receive an opaque prompt string or a malformed field from another agent: the pipeline
 * calls `parseMessage` at each boundary and a violation is a bug, not a silent pass.
 */

export { EscalationReasonSchema };
export const GuardSchema = z.enum(GUARDS);
export const ConfidenceSchema = z.enum(['low', 'medium', 'high']);
export type Confidence = z.infer<typeof ConfidenceSchema>;
export const IntentSchema = z.enum([
  'answer',
  'clarify',
  'handoff',
  'refuse',
  'smalltalk',
  'complaint',
  'other',
]);
export type Intent = z.infer<typeof IntentSchema>;

const PassageSchema = z.object({
  chunkId: z.string(),
  docId: z.string(),
  title: z.string(),
  text: z.string(),
});
export type Passage = z.infer<typeof PassageSchema>;

/** Dialogue manager input. All text fields are already pseudonymized (privacy prompt boundary). */
export const DraftRequestSchema = z
  .object({
    turnId: z.string(),
    domain: DomainSchema,
    customerText: z.string(),
    history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).max(20),
    passages: z.array(PassageSchema).max(16),
    /** Set when the facts verifier asked for a revision: which claims lacked support. */
    revision: z
      .object({ unsupportedClaims: z.array(z.string()).max(20), previousReply: z.string() })
      .nullable(),
    timeoutMs: z.number().int().positive(),
  })
  .strict();
export type DraftRequest = z.infer<typeof DraftRequestSchema>;

export const DraftProposalSchema = z
  .object({
    reply: z.string(),
    citedDocIds: z.array(z.string()).max(16),
    confidence: ConfidenceSchema,
    intent: IntentSchema,
    /** `extractive`: no model drafted; the reply quotes a knowledge-base passage (a declared degradation). */
    source: z.enum(['model', 'scripted', 'extractive']),
    modelId: z.string(),
    modelSha256: z.string(),
    promptTokens: z.number().int().nonnegative(),
    completionTokens: z.number().int().nonnegative(),
    totalMs: z.number().nonnegative(),
  })
  .strict();
export type DraftProposal = z.infer<typeof DraftProposalSchema>;

export const SentimentReadingSchema = z
  .object({
    turnIndex: z.number().int().nonnegative(),
    score: z.number().min(-1).max(1),
    label: z.enum(['negative', 'neutral', 'positive']),
    source: z.enum(['model', 'lexicon', 'fallback']),
    /** 0..1: how charged the message is (negative score, shouting, exclamations, distress words). */
    intensity: z.number().min(0).max(1),
    trend: z.object({
      window: z.number().int().positive(),
      mean: z.number(),
      slope: z.number(),
      direction: z.enum(['worsening', 'stable', 'improving']),
    }),
    cues: z.object({
      highEmotion: z.boolean(),
      distress: z.boolean(),
      selfHarm: z.boolean(),
      requestsHuman: z.boolean(),
      fraud: z.boolean(),
      vulnerable: z.array(z.enum(['health', 'life_event', 'resilience', 'capability'])),
    }),
    /** What the safety detectors saw (codes and numbers only) and the conversation's safety memory. */
    safety: z
      .object({
        /** `reason.family` codes of docs/SAFETY.md, e.g. `self_harm.burden`, `distress.trend`. */
        families: z.array(z.string()),
        thirdParty: z.boolean(),
        distressTrend: z.boolean(),
        /** Strong or building distress: raises high_emotion whatever the tone intensity. */
        distress: z.boolean(),
        selfHarmEarlier: z.boolean(),
        memory: SafetyMemorySchema,
      })
      .strict()
      .optional(),
  })
  .strict();
export type SentimentReading = z.infer<typeof SentimentReadingSchema>;

export const ClaimSchema = z.object({
  text: z.string(),
  kinds: z.array(z.enum(['number', 'money', 'duration', 'time', 'policy'])),
  supported: z.boolean(),
  chunkId: z.string().nullable(),
  docId: z.string().nullable(),
  /** Lexical support 0..1 of the best cited passage; numbers must match exactly regardless. */
  support: z.number().min(0).max(1),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const FactCheckReportSchema = z
  .object({
    claims: z.array(ClaimSchema),
    unsupported: z.number().int().nonnegative(),
    verdict: z.enum(['no_claims', 'supported', 'unsupported', 'unsure']),
    kbSnapshot: z.string(),
  })
  .strict();
export type FactCheckReport = z.infer<typeof FactCheckReportSchema>;

export const InputRailsSchema = z.object({
  promptInjection: z.boolean(),
  systemPromptExtraction: z.boolean(),
  otherCustomerData: z.boolean(),
  offTopic: z.boolean(),
  matched: z.array(z.string()),
});
export type InputRails = z.infer<typeof InputRailsSchema>;

export const OutputRailsSchema = z.object({
  forbiddenAdvice: z.array(z.object({ topicId: z.string(), category: z.string() })),
  piiEcho: z.array(z.string()),
  missingDisclosures: z.array(z.string()),
  toneViolations: z.array(z.string()),
  /** Promises of a person or a callback the cited passages do not make (the promise-keeping rail). */
  promises: z.array(z.enum(['person_coming', 'callback', 'handed_over'])).default([]),
});
export type OutputRails = z.infer<typeof OutputRailsSchema>;

export const PolicyVerdictSchema = z
  .object({
    decision: z.enum(['deliver', 'rewrite', 'block', 'escalate']),
    guards: z.array(GuardSchema),
    reasons: z.array(EscalationReasonSchema),
    input: InputRailsSchema.nullable(),
    output: OutputRailsSchema.nullable(),
    policyId: z.string(),
    policyVersion: z.string(),
  })
  .strict();
export type PolicyVerdict = z.infer<typeof PolicyVerdictSchema>;

/**
 * The handoff packet is defined once, in the shared desk contract (`shared/contract/desk.ts`). The agents'
 * schema extends it: guards and reasons are the closed sets here, the identifying fields the desk view
 * omits are added, and unknown keys are rejected (`.strict()`), so an agent cannot slip an extra field
 * (say, raw text) into a packet.
 */
export const TriggerSchema = HandoffTriggerSchema.extend({
  reason: EscalationReasonSchema,
  guard: GuardSchema,
}).strict();
export type Trigger = z.infer<typeof TriggerSchema>;

/** What the supervisor's desk receives. Text is redacted ([TYPE]); it is sealed under the subject key at rest. */
export const HandoffPacketSchema = HandoffPacketViewSchema.extend({
  v: z.literal(1),
  conversationId: z.string(),
  turnId: z.string(),
  domain: DomainSchema,
  createdAt: z.string(),
  slaDueAt: z.string(),
  reasons: z.array(EscalationReasonSchema).min(1),
  triggers: z.array(TriggerSchema),
  transcript: z.array(HandoffTranscriptSchema.element.strict()),
  sentiment: HandoffSentimentSchema.unwrap().strict().nullable(),
  verifiedFacts: z.array(VerifiedFactSchema.strict()),
  versions: HandoffVersionsSchema.strict(),
}).strict();
export type HandoffPacket = z.infer<typeof HandoffPacketSchema>;

/** Parses a message at an agent boundary; a failure is a programming error in the sending agent. */
export function parseMessage<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AgentMessageError(
      `${name} invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export class AgentMessageError extends Error {
  override readonly name = 'AgentMessageError';
}
