/** Public types of the models module (see tmp/INTERFACES.md); index.ts re-exports them. */

/** `guard`: a safety classifier LLM (e.g. Llama Guard 3 1B as GGUF) giving a second opinion on messages. */
export const MODEL_ROLES = ['llm', 'embedding', 'sentiment', 'emotion', 'ner', 'guard'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  system: string;
  /** Oldest first; the last one must be the user's. Older turns are trimmed to fit the context budget. */
  messages: ChatMessage[];
  maxTokens?: number;
  timeoutMs?: number;
  /** Aborting returns the partial text with meta.aborted = true (it is not a failure). */
  signal?: AbortSignal;
  seed?: number;
  temperature?: number;
}

export interface GenerationMeta {
  modelId: string;
  sha256: string;
  templateId: string;
  /** Tokens in the whole prompt after trimming. */
  promptTokens: number;
  /** Prompt tokens actually evaluated this call; the rest were reused from the cached prefix. */
  evaluatedPromptTokens: number;
  completionTokens: number;
  ttftMs: number;
  totalMs: number;
  seed: number;
  temperature: number;
  deterministic: boolean;
  /** Older messages dropped to fit the context budget. */
  trimmedMessages: number;
  aborted: boolean;
  /** Re-generations after output that failed the schema (generateJson only). */
  repairAttempts: number;
}

export interface LlmInfo {
  modelId: string;
  sha256: string;
  templateId: string;
}

export interface LlmAdapter {
  info: LlmInfo;
  generateJson<T>(
    req: GenerateRequest,
    jsonSchema: object,
    parse: (v: unknown) => T,
    /** The raw JSON text as it is generated (the first attempt only; a repair starts over unseen). */
    onToken?: (t: string) => void,
  ): Promise<{ value: T; meta: GenerationMeta }>;
  stream(req: GenerateRequest, onToken: (t: string) => void): Promise<{ text: string; meta: GenerationMeta }>;
}

export interface Embedder {
  info: { modelId: string; dims: number };
  /** Mean-pooled, L2-normalised vectors, one per text. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface SentimentResult {
  /** -1 (negative) .. 1 (positive). */
  score: number;
  label: 'negative' | 'neutral' | 'positive';
  emotions?: Record<string, number>;
  /** 'lexicon' whenever the fallback produced the score (no model, open circuit, or a model error). */
  source: 'model' | 'lexicon';
}

export interface SentimentScorer {
  score(text: string): Promise<SentimentResult>;
}

export const FALLBACKS = ['lexicon-sentiment', 'fts5-retrieval', 'safe-template'] as const;
export type Fallback = (typeof FALLBACKS)[number];

export interface ModelStatus {
  id: string;
  role: ModelRole;
  installed: boolean;
  active: boolean;
  /** Why an installed, active model is not in use (hash mismatch, unpinned, too big for RAM...). */
  problem?: string;
}

export interface ModelRuntime {
  llm(): LlmAdapter | null;
  /** The safety guard model (role `guard`) when one is active and loaded; optional for test doubles. */
  guard?(): LlmAdapter | null;
  embedder(): Embedder | null;
  sentiment(): SentimentScorer;
  status(): ModelStatus[];
  fallbacks(): Fallback[];
  close(): Promise<void>;
}

/** The slice of the audit ledger this module needs; main/core/audit's AuditLedger satisfies it. */
export interface AuditSink {
  append(e: {
    type: 'admin.model_activated' | 'admin.model_rolled_back' | 'circuit.changed' | 'degradation';
    actor: { kind: 'user' | 'agent' | 'system'; id: string; role: string };
    subject?: string | null;
    payload: Record<string, string | number | boolean | null>;
  }): unknown;
}
