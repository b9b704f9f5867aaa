import { z } from 'zod';
import {
  DraftProposalSchema,
  FactCheckReportSchema,
  InputRailsSchema,
  OutputRailsSchema,
  SafetyMemorySchema,
  PolicyVerdictSchema,
  SentimentReadingSchema,
  type EmbedderLike,
  type KnowledgeBaseLike,
  type LlmAdapterLike,
  type PiiSpanLike,
  type PrivacyPort,
  type PseudonymizerLike,
  type SemanticThresholds,
  type SentimentScorerLike,
} from '../agents';
import { DomainSchema, TurnOutcomeSchema, type DeskTurnResult } from '../../../shared/contract';
import type { Flags } from '../../../shared/flags';
import type { AuditLedger } from '../audit';
import type { Logger } from '../log';
import type { PolicyDomain, PolicyPack } from '../policy';
import type { Store } from '../store';
import type { EscalationChange } from './escalations';

/** The privacy module as the pipeline uses it (detector, redactor and the prompt-boundary pseudonymizer). */
export interface PipelinePrivacy extends PrivacyPort {
  createPseudonymizer(store: Store, scope: { conversationId: string; subjectId: string }): PseudonymizerLike;
}

export interface PipelineModels {
  llm(): LlmAdapterLike | null;
  /** The safety guard model (role `guard`), when installed: a second opinion that only raises. */
  guard?(): LlmAdapterLike | null;
  sentiment(): SentimentScorerLike;
  embedder?(): EmbedderLike | null;
}

export interface PipelinePolicies {
  /** The pack a new turn runs under, with its content hash. */
  active(domain: PolicyDomain): { pack: PolicyPack; hash: string };
  /** A pack by content hash, so a resumed turn finishes under the pack it started with. */
  byHash(hash: string): PolicyPack | null;
}

export interface StageOutcome<T> {
  result: T;
  durationMs: number;
  overBudget: boolean;
}

/** The tracing module's per-turn trace as the executor uses it. */
export interface StageSpan {
  setAttributes(attrs: Record<string, unknown>): void;
}
/** Span attributes are filtered by the tracing module's allow-list (ids, codes, counts; never text). */
export interface TurnTraceLike {
  stage<T>(
    name: string,
    budgetMs: number,
    fn: (span: StageSpan) => Promise<T> | T,
    options?: { attributes?: Record<string, unknown> },
  ): Promise<StageOutcome<T>>;
  end?(attrs?: Record<string, unknown>): unknown;
}
export interface TracerLike {
  startTurn(turnId: string, attributes?: Record<string, unknown>): TurnTraceLike;
}

/** `appendMany` (optional for test doubles) writes a node's entries as one batch. */
export type AuditAppender = Pick<AuditLedger, 'append'> &
  Partial<Pick<AuditLedger, 'appendMany' | 'publishHead'>>;

export interface PipelineDeps {
  store: Store;
  audit: AuditAppender;
  policies: PipelinePolicies;
  kb: KnowledgeBaseLike | null;
  privacy: PipelinePrivacy;
  models: PipelineModels;
  tracer?: TracerLike | null;
  log: Logger;
  now?: () => Date;
  /**
   * Semantic safety matching: thresholds per embedding model id, calibrated on the dev split
   * (scripts/calibrate-semantic.ts). With none for the installed embedder, detection is rules only.
   */
  semanticThresholds?: Readonly<Record<string, SemanticThresholds>>;
  /** Feature flags (shared/flags.ts); absent ones take DEFAULT_FLAGS. Read by the stages (autoEscalation). */
  flags?: Partial<Flags>;
  /** Test seam: runs after each checkpoint is written; throwing simulates a crash mid-turn. */
  afterCheckpoint?: (info: { turnId: string; step: number; nodeId: string }) => void;
  /** Metrics seam: each commit of the walk, with the nodes it carried and how long it took. */
  afterCommit?: (info: { turnId: string; nodes: number; durable: boolean; ms: number }) => void;
  /** An escalation was opened or updated (server push to the open views; ids and codes only). */
  onEscalationChange?: (change: EscalationChange) => void;
}

export const DEGRADATIONS = [
  'model_unavailable',
  'model_timeout',
  'model_failed',
  'sentiment_fallback',
  'retrieval_unavailable',
  'retrieval_budget',
  'verifier_unsure',
  'budget_exceeded',
  /** No model drafted; the reply quotes the top knowledge-base passage (stages.ts, the pack's `extractive`). */
  'extractive_kb',
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

const PassageSchema = z.object({
  chunkId: z.string(),
  docId: z.string(),
  title: z.string(),
  text: z.string(),
});

/**
 * Everything a turn knows, checkpointed (sealed under the subject key) after every node. Resuming reads
 * it back through this schema, so a damaged checkpoint fails the turn cleanly instead of half-applying it.
 */
export const TurnStateSchema = z.object({
  v: z.literal(1),
  turnId: z.string(),
  conversationId: z.string(),
  subjectId: z.string(),
  domain: DomainSchema,
  turnIndex: z.number().int().nonnegative(),
  /** The signed-in user who typed this turn (absent for eval runs); every entry of the turn names them. */
  staffId: z.string().optional(),
  packHash: z.string(),
  text: z.string(),
  pseudoText: z.string().nullable(),
  /** Raw PII values of this and earlier customer turns (sealed with the state), for echo checks. */
  piiValues: z.array(z.string()),
  piiTypes: z.record(z.string(), z.number()),
  /** The conversation's safety memory after the previous turn (agents/safety/accumulate.ts); no text. */
  safetyMemory: SafetyMemorySchema.nullable().default(null),
  firstReply: z.boolean(),
  input: InputRailsSchema.nullable(),
  sentiment: SentimentReadingSchema.nullable(),
  risk: z.number().nullable(),
  passages: z.array(PassageSchema),
  kbSnapshot: z.string().nullable(),
  draft: DraftProposalSchema.nullable(),
  draftError: z.enum(['model_unavailable', 'model_timeout', 'model_failed']).nullable(),
  revised: z.boolean(),
  facts: FactCheckReportSchema.nullable(),
  output: OutputRailsSchema.nullable(),
  verdict: PolicyVerdictSchema.nullable(),
  degraded: z.array(z.enum(DEGRADATIONS)),
  overBudget: z.array(z.string()),
  reply: z.string().nullable(),
  delivered: z.boolean().nullable(),
  outcome: TurnOutcomeSchema.nullable(),
  escalationId: z.string().nullable(),
  reasons: z.array(z.string()),
  lastAuditSeq: z.number().int(),
  step: z.number().int().nonnegative(),
  /** The node to run next; null once a terminal node has run. */
  nextNodeId: z.string().nullable(),
  trace: z.array(
    z.object({ node: z.string(), stage: z.string(), durationMs: z.number(), overBudget: z.boolean() }),
  ),
});
export type TurnState = z.infer<typeof TurnStateSchema>;

export interface TurnInput {
  conversationId: string;
  domain?: PolicyDomain;
  text: string;
  /** Same key, same turn: a retry returns the stored result or resumes; it never applies twice. */
  idempotencyKey?: string;
  /** The signed-in staff member typing the turn: recorded on the turn and in its audit entries. */
  staffId?: string;
  /** Replaces the runtime LLM for this turn (evals' scripted drafts, `--model`). */
  llm?: LlmAdapterLike | null;
  /**
   * Hears the model's reply as it is written (pseudonymised, before any rail): for the desk's live view
   * only. Nothing heard here can be sent; the turn's result is what the rails passed.
   */
  onDraft?: (turnId: string, replySoFar: string) => void;
}

/**
 * A turn's result: the fields the desk shows are the contract's (`DeskTurnResult`, one definition; there
 * `replayed` means the call returned a turn already applied under the same idempotency key, and
 * `suggestedEscalation` is the escalation the autoEscalation flag held back). The rest stays in main.
 */
export interface TurnResult extends Pick<
  DeskTurnResult,
  | 'turnId'
  | 'delivered'
  | 'reply'
  | 'escalated'
  | 'reasons'
  | 'degraded'
  | 'auditSeq'
  | 'escalationId'
  | 'outcome'
  | 'replayed'
  | 'suggestedEscalation'
> {
  conversationId: string;
  resumed: boolean;
  trace: TurnState['trace'];
}

export type { PiiSpanLike };

/** Everything a walk decides, unset: the state of a turn (or its shadow replay) before its first node. */
export function undecided(pack: { graph: { start: string } }) {
  return {
    input: null,
    sentiment: null,
    risk: null,
    passages: [],
    kbSnapshot: null,
    draft: null,
    draftError: null,
    revised: false,
    facts: null,
    output: null,
    verdict: null,
    degraded: [],
    overBudget: [],
    reply: null,
    delivered: null,
    outcome: null,
    escalationId: null,
    reasons: [],
    lastAuditSeq: -1,
    step: 0,
    nextNodeId: pack.graph.start,
    trace: [],
  } satisfies Partial<TurnState>;
}
