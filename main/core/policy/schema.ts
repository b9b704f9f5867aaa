import { z } from 'zod';
import {
  DOMAINS,
  DomainSchema,
  ESCALATION_REASONS,
  EscalationReasonSchema,
  type Domain,
} from '../../../shared/contract';

/** Stages of the per-turn decision graph. Closed: the pipeline executor implements exactly these. */
export const STAGES = [
  'receive',
  'input_rails',
  'sentiment',
  'retrieve',
  'draft',
  'verify_facts',
  'output_rails',
  'decide',
  'deliver',
  'rewrite',
  'escalate',
  'block',
] as const;
export type Stage = (typeof STAGES)[number];

/** A turn ends at one of these; they have no outgoing edges. */
export const TERMINAL_STAGES = ['deliver', 'rewrite', 'escalate', 'block'] as const;
export type TerminalStage = (typeof TERMINAL_STAGES)[number];

/** Named predicates over turn state. Closed: packs reference them, the pipeline implements them. */
export const GUARDS = [
  'always',
  'self_harm',
  'high_emotion',
  'risk_high',
  'prompt_injection',
  'off_topic',
  'customer_requests_human',
  'vulnerable_customer',
  'fraud',
  'model_unavailable',
  'low_confidence',
  'unsupported_claims',
  'forbidden_advice',
  'pii_echo',
  'missing_disclosure',
  'tone_violation',
  'budget_exceeded',
] as const;
export type Guard = (typeof GUARDS)[number];

/** The closed sets of reasons and domains are the contract's (shared/contract/vocabulary.ts). */
export { DOMAINS, ESCALATION_REASONS };
export type { EscalationReason } from '../../../shared/contract';
export type PolicyDomain = Domain;

export const TEMPLATE_IDS = [
  'safe_fallback',
  'handoff_offer',
  'blocked_rewrite',
  'self_harm',
  'escalated',
  'conservative',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Data classes a pack sets retention windows for (days). The retention job reads these. */
export const DATA_CLASSES = [
  'transcript',
  'long_term_memory',
  'escalation_packet',
  'pii_vault',
  'trace',
  'checkpoint',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const ESCALATION_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type EscalationPriority = (typeof ESCALATION_PRIORITIES)[number];

// Semver 2.0.0 core with optional pre-release and build; no nested quantifiers.
const SEMVER =
  /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(-[0-9A-Za-z.-]{1,64})?(\+[0-9A-Za-z.-]{1,64})?$/;
const ID = /^[a-z][a-z0-9_.-]{0,63}$/;

const idSchema = z.string().regex(ID, 'must be a lowercase id: letters, digits, _ . - (max 64)');
const guardSchema = z.enum(GUARDS);

export type Condition = Guard | { all: Guard[] } | { any: Guard[] } | { not: Guard };

const conditionSchema = z.union([
  guardSchema,
  z.strictObject({ all: z.array(guardSchema).min(1) }),
  z.strictObject({ any: z.array(guardSchema).min(1) }),
  z.strictObject({ not: guardSchema }),
]);

const edgeSchema = z.strictObject({ to: idSchema, when: conditionSchema });

const nodeSchema = z.strictObject({
  id: idSchema,
  stage: z.enum(STAGES),
  budgetMs: z.number().int().positive().max(600_000),
  /** The template a terminal node sends (rewrite/escalate/block); the pipeline picks one otherwise. */
  template: z.enum(TEMPLATE_IDS).optional(),
  next: z.array(edgeSchema).default([]),
});

const patternSchema = z.string().min(1).max(500);

const forbiddenTopicSchema = z.strictObject({
  id: idSchema,
  category: z.string().min(1).max(64),
  /** Matched against drafts: a hit means the draft gives this forbidden advice. */
  patterns: z.array(patternSchema).min(1),
  /** Matched against customer text and drafts: the topic came up (drives topic disclosures). */
  mentions: z.array(patternSchema).default([]),
  reason: EscalationReasonSchema.nullable(),
});

const disclosureSchema = z.strictObject({
  id: idSchema,
  text: z.string().min(1).max(1000),
  /** `topic` names a forbiddenTopics id: the disclosure is due when that topic appears in the turn. */
  when: z.union([z.literal('first_reply'), z.literal('every_reply'), z.strictObject({ topic: idSchema })]),
  /** A case-insensitive regex that proves the disclosure is present in a reply; defaults to the text. */
  detect: patternSchema.optional(),
});

const escalationRuleSchema = z.strictObject({
  guard: guardSchema,
  reason: EscalationReasonSchema,
  priority: z.enum(ESCALATION_PRIORITIES),
  slaMinutes: z.number().int().positive().max(10_080),
  /**
   * Safety-critical: this rule escalates even when the autoEscalation flag is off (self-harm, immediate
   * danger). Self-harm escalates regardless of this field.
   */
  always: z.boolean().default(false),
});

const ratio = z.number().min(0).max(1);

/**
 * The extractive knowledge-base answer used when no model can draft (missing, timed out, failing): the
 * customer asked an FAQ-type question, no other escalation trigger holds, and the top retrieved passage
 * covers the question well enough. Absent: the pack never answers extractively (safe template + handoff).
 */
const extractiveSchema = z.strictObject({
  /** Share (0..1) of the question's content words the top passage must contain. */
  minCoverage: ratio,
  /** Share (0..1) of the question's content words the best quoted sentence must contain. */
  minSentenceOverlap: ratio,
  /** At most this many sentences are quoted from the passage. */
  maxSentences: z.number().int().min(1).max(4),
  /** Questions with fewer content words than this are too vague to answer from a passage. */
  minQuestionWords: z.number().int().min(1).max(10).default(2),
});

/** Cue lists the pipeline's guards match (case-insensitive regex sources). Policy, not code. */
const cuesSchema = z.strictObject({
  selfHarm: z.array(patternSchema).default([]),
  humanRequest: z.array(patternSchema).default([]),
  vulnerability: z.array(patternSchema).default([]),
  fraud: z.array(patternSchema).default([]),
  risk: z.array(patternSchema).default([]),
  otherCustomerData: z.array(patternSchema).default([]),
});

export const policyPackSchema = z.strictObject({
  id: idSchema,
  domain: DomainSchema,
  version: z.string().regex(SEMVER, 'must be a semantic version like 1.2.3'),
  description: z.string().min(1).max(2000),
  graph: z.strictObject({
    start: idSchema,
    nodes: z.array(nodeSchema).min(1).max(64),
  }),
  thresholds: z.strictObject({
    /** Emotional intensity in 0..1 at or above which the high_emotion guard holds. */
    highEmotion: ratio,
    /** Risk score in 0..1 at or above which the risk_high guard holds. */
    risk: ratio,
    /** Draft confidence below which the low_confidence guard holds. */
    minConfidence: ratio,
    /** Number of recent turns the sentiment trend is computed over. */
    trendWindow: z.number().int().min(1).max(50),
  }),
  forbiddenTopics: z.array(forbiddenTopicSchema),
  requiredDisclosures: z.array(disclosureSchema),
  escalation: z.array(escalationRuleSchema),
  extractive: extractiveSchema.optional(),
  templates: z.strictObject(
    Object.fromEntries(TEMPLATE_IDS.map((t) => [t, z.string().min(1).max(2000)])) as Record<
      TemplateId,
      z.ZodString
    >,
  ),
  retention: z.strictObject(
    Object.fromEntries(DATA_CLASSES.map((c) => [c, z.number().int().positive().max(36_500)])) as Record<
      DataClass,
      z.ZodNumber
    >,
  ),
  injectionPatterns: z.array(patternSchema).default([]),
  offTopic: z.array(patternSchema).default([]),
  /** Dismissive, blaming or hostile phrasing a reply must not contain (the tone_violation guard). */
  toneViolations: z.array(patternSchema).default([]),
  cues: cuesSchema.default({
    selfHarm: [],
    humanRequest: [],
    vulnerability: [],
    fraud: [],
    risk: [],
    otherCustomerData: [],
  }),
});

export type PolicyPack = z.output<typeof policyPackSchema>;
export type PolicyPackInput = z.input<typeof policyPackSchema>;
export type PolicyNode = PolicyPack['graph']['nodes'][number];
export type PolicyEdge = PolicyNode['next'][number];
export type ForbiddenTopic = PolicyPack['forbiddenTopics'][number];
export type RequiredDisclosure = PolicyPack['requiredDisclosures'][number];
export type EscalationRule = PolicyPack['escalation'][number];
export type PackThresholds = PolicyPack['thresholds'];
export type PackCues = PolicyPack['cues'];
export type PackExtractive = NonNullable<PolicyPack['extractive']>;
