/**
 * The narrow, structural views the agents need of their neighbours (models, privacy, kb, policy).
 * They mirror the agreed shapes in tmp/INTERFACES.md; the real modules satisfy them structurally, which
 * is checked where the pipeline service wires the real modules in. Keeping them narrow lets each agent
 * be unit-tested with small fakes and keeps the agents independent of their neighbours' internals.
 */

export {
  STAGES,
  GUARDS,
  ESCALATION_REASONS,
  TEMPLATE_IDS,
  type Stage,
  type Guard,
  type EscalationReason,
  type TemplateId,
  type Condition as GuardExpr,
  type PolicyDomain as Domain,
} from '../policy';
import type { PolicyDomain, PolicyPack } from '../policy';
type Domain = PolicyDomain;

/** The policy pack as the agents read it (the policy module's validated output type). */
export type PackView = PolicyPack;

export type DraftSource = 'model' | 'scripted';

export interface PiiSpanLike {
  start: number;
  end: number;
  type: string;
  score?: number;
}

export interface PrivacyPort {
  detectPii(text: string): PiiSpanLike[];
  redactText(text: string, spans?: PiiSpanLike[]): string;
}

export interface PseudonymizerLike {
  pseudonymize(text: string): { text: string; spans: PiiSpanLike[] };
  rehydrate(text: string): string;
}

export interface GenerateRequestLike {
  system: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  maxTokens?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  seed?: number;
  temperature?: number;
}

export interface GenerationMetaLike {
  modelId: string;
  sha256: string;
  templateId: string;
  promptTokens: number;
  completionTokens: number;
  ttftMs: number;
  totalMs: number;
  seed: number;
  temperature: number;
  deterministic: boolean;
}

export interface LlmAdapterLike {
  info: { modelId: string; sha256: string; templateId: string };
  /** Where drafts come from, recorded on each draft; a real runtime leaves it out ('model'). */
  readonly source?: DraftSource;
  generateJson<T>(
    req: GenerateRequestLike,
    jsonSchema: object,
    parse: (v: unknown) => T,
    /** The raw JSON text as it is generated (the first attempt only; a repair starts over unseen). */
    onToken?: (t: string) => void,
  ): Promise<{ value: T; meta: GenerationMetaLike }>;
  stream(
    req: GenerateRequestLike,
    onToken: (t: string) => void,
  ): Promise<{ text: string; meta: GenerationMetaLike }>;
}

export interface SentimentScorerLike {
  score(text: string): Promise<{
    score: number;
    label: 'negative' | 'neutral' | 'positive';
    emotions?: Record<string, number>;
    source: 'model' | 'lexicon';
  }>;
}

export interface EmbedderLike {
  info: { modelId: string; dims: number };
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface KbHit {
  chunkId: string | number;
  docId: string;
  title: string;
  text: string;
  score: number;
  source: string;
}

export interface KnowledgeBaseLike {
  search(query: string, options: { domain: Domain; k: number }): Promise<KbHit[]> | KbHit[];
  snapshotHash(domain?: Domain): string;
}
