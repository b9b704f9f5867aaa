/**
 * The LLM adapter on node-llama-cpp (CPU prebuilt binary, never a source build).
 *
 * One context sequence per loaded model is kept for the whole process: LlamaChat compares the new prompt
 * with the tokens already in the sequence and evaluates only the differing suffix, so the system prompt
 * and earlier turns are paid for once. GenerationMeta reports how many prompt tokens were really evaluated.
 */
import type {
  ChatHistoryItem,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from 'node-llama-cpp';
import { UserError } from '../../../shared/errors';
import { BoundedQueue, CircuitBreaker, type CircuitOptions } from './resilience';
import type { AuditSink, GenerateRequest, GenerationMeta, LlmAdapter, LlmInfo } from './types';

let llamaPromise: Promise<Llama> | null = null;

/**
 * One Llama binding per process: loading the native backend twice wastes memory and time.
 * node-llama-cpp is imported on first use, because every CLI command imports this module's index and
 * the import alone costs seconds.
 */
export function sharedLlama(): Promise<Llama> {
  llamaPromise ??= import('node-llama-cpp')
    .then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error }),
    )
    .catch((err: unknown) => {
      llamaPromise = null;
      throw new UserError(
        'UNAVAILABLE',
        'the local LLM runtime (node-llama-cpp CPU binary) could not start',
        {
          cause: err,
        },
      );
    });
  return llamaPromise;
}

export interface LlmAdapterOptions {
  modelPath: string;
  info: LlmInfo;
  threads: number;
  /** Context window in tokens; the prompt is trimmed to fit it with room for the reply. */
  contextSize?: number;
  defaultMaxTokens?: number;
  defaultTimeoutMs?: number;
  /** Deterministic mode: temperature 0 and a fixed seed unless a request says otherwise. */
  deterministic?: boolean;
  circuit?: Omit<CircuitOptions, 'name' | 'onChange'>;
  maxPending?: number;
  audit?: AuditSink;
}

export interface LoadedLlm extends LlmAdapter {
  readonly breaker: CircuitBreaker;
  readonly queue: BoundedQueue;
  /** Token count of a request's prompt after trimming (what the next call would need at most). */
  countPromptTokens(req: GenerateRequest): number;
  close(): Promise<void>;
}

const DEFAULT_SEED = 42;
/** Below this many shared leading tokens, the cached sequence is cleared rather than partly erased. */
const MIN_REUSE = 32;

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
/** Tokens kept free for the chat wrapper's own framing beyond what we count. */
const SAFETY_MARGIN = 16;

export async function loadLlm(options: LlmAdapterOptions): Promise<LoadedLlm> {
  const llama = await sharedLlama();
  const { LlamaChat } = await import('node-llama-cpp');
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: 0 });
  } catch (err) {
    throw new UserError(
      'CORRUPT',
      `model ${options.info.modelId}: the GGUF file could not be loaded (truncated, corrupt or unsupported)`,
      { cause: err },
    );
  }
  let context: LlamaContext;
  try {
    context = await model.createContext({
      contextSize: Math.min(options.contextSize ?? 4096, model.trainContextSize),
      threads: options.threads,
      sequences: 1,
    });
  } catch (err) {
    await model.dispose();
    throw new UserError('UNAVAILABLE', `model ${options.info.modelId}: not enough memory for its context`, {
      cause: err,
    });
  }
  const sequence: LlamaContextSequence = context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence });
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  const audit = options.audit;
  const breaker = new CircuitBreaker({
    name: `llm ${options.info.modelId}`,
    ...options.circuit,
    onChange: (c) =>
      audit?.append({
        type: 'circuit.changed',
        actor: { kind: 'system', id: 'models', role: 'system' },
        payload: {
          adapter: 'llm',
          modelId: options.info.modelId,
          from: c.from,
          to: c.to,
          failures: c.failures,
        },
      }),
  });
  const queue = new BoundedQueue({
    name: 'the local LLM',
    concurrency: 1,
    maxPending: options.maxPending ?? 8,
  });
  const defaultMaxTokens = options.defaultMaxTokens ?? 256;

  const toHistory = (req: GenerateRequest, skip: number): ChatHistoryItem[] => {
    const items: ChatHistoryItem[] = [{ type: 'system', text: req.system }];
    for (const m of req.messages.slice(skip))
      items.push(
        m.role === 'user' ? { type: 'user', text: m.content } : { type: 'model', response: [m.content] },
      );
    items.push({ type: 'model', response: [] });
    return items;
  };
  const promptTokens = (history: ChatHistoryItem[]): readonly number[] =>
    chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(model.tokenizer);

  /** Drops the oldest turns (never the system prompt or the last user message) until the prompt fits. */
  const fit = (
    req: GenerateRequest,
    maxTokens: number,
  ): { history: ChatHistoryItem[]; trimmed: number; tokens: number; promptIds: readonly number[] } => {
    const budget = context.contextSize - maxTokens - SAFETY_MARGIN;
    for (let skip = 0; skip < req.messages.length; skip++) {
      const history = toHistory(req, skip);
      const promptIds = promptTokens(history);
      if (promptIds.length <= budget) return { history, trimmed: skip, tokens: promptIds.length, promptIds };
    }
    throw new UserError(
      'VALIDATION',
      `prompt does not fit the ${context.contextSize}-token context even with older turns removed`,
    );
  };

  const validate = (req: GenerateRequest): void => {
    const last = req.messages.at(-1);
    if (!last || last.role !== 'user')
      throw new UserError('VALIDATION', 'the last message must be the user’s');
  };

  async function generate(
    req: GenerateRequest,
    extra: { grammar?: LlamaGrammar; onToken?: (t: string) => void },
  ): Promise<{ text: string; meta: GenerationMeta }> {
    validate(req);
    const maxTokens = req.maxTokens ?? defaultMaxTokens;
    const deterministic = options.deterministic ?? false;
    const temperature = req.temperature ?? (deterministic ? 0 : 0.7);
    const seed = req.seed ?? (deterministic ? DEFAULT_SEED : Math.floor(Math.random() * 2 ** 31));
    const timeoutMs = req.timeoutMs ?? options.defaultTimeoutMs ?? 60_000;
    return queue.run(() =>
      breaker.run(
        async () => {
          const { history, trimmed, tokens, promptIds } = fit(req, maxTokens);
          // Measured: when almost nothing is shared (another conversation's prompt is cached), erasing
          // that cache range by range costs more than clearing it; clearing loses < MIN_REUSE tokens.
          if (commonPrefix(sequence.contextTokens, promptIds) < MIN_REUSE) await sequence.clearHistory();
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
          const before = sequence.tokenMeter.getState();
          const started = performance.now();
          let firstAt = 0;
          let res: Awaited<ReturnType<typeof chat.generateResponse>>;
          try {
            res = await chat.generateResponse(history, {
              maxTokens,
              temperature,
              seed,
              signal,
              stopOnAbortSignal: true,
              grammar: extra.grammar,
              onTextChunk: (chunk) => {
                if (!firstAt) firstAt = performance.now();
                extra.onToken?.(chunk);
              },
            });
          } catch (err) {
            // An abort that lands before the first token surfaces as a throw, not a partial result.
            if (timeout.aborted)
              throw new UserError('TIMEOUT', `the local LLM did not finish within ${timeoutMs} ms`, {
                cause: err,
              });
            if (req.signal?.aborted)
              throw new UserError('UNAVAILABLE', 'generation was cancelled', { cause: err });
            throw err;
          }
          if (timeout.aborted)
            throw new UserError('TIMEOUT', `the local LLM did not finish within ${timeoutMs} ms`);
          const used = sequence.tokenMeter.diff(before);
          const end = performance.now();
          return {
            text: res.response,
            meta: {
              modelId: options.info.modelId,
              sha256: options.info.sha256,
              templateId: options.info.templateId,
              promptTokens: tokens,
              evaluatedPromptTokens: used.usedInputTokens,
              completionTokens: used.usedOutputTokens,
              ttftMs: Math.round(((firstAt || end) - started) * 100) / 100,
              totalMs: Math.round((end - started) * 100) / 100,
              seed,
              temperature,
              deterministic: temperature === 0,
              trimmedMessages: trimmed,
              aborted: req.signal?.aborted ?? false,
              repairAttempts: 0,
            },
          };
        },
        // A bad request or a caller's cancellation is not the model failing; neither may open the circuit.
        (err) => !(err instanceof UserError && (err.code === 'VALIDATION' || req.signal?.aborted)),
      ),
    );
  }

  const grammarFor = (schema: object): Promise<LlamaGrammar> => {
    const key = JSON.stringify(schema);
    let g = grammars.get(key);
    if (!g) {
      // node-llama-cpp's schema type is a deep generic; callers validate the parsed value with zod anyway.
      g = llama.createGrammarForJsonSchema(schema as Parameters<Llama['createGrammarForJsonSchema']>[0]);
      grammars.set(key, g);
    }
    return g;
  };

  return {
    info: options.info,
    breaker,
    queue,
    countPromptTokens: (req) => fit(req, req.maxTokens ?? defaultMaxTokens).tokens,
    stream: (req, onToken) => generate(req, { onToken }),
    async generateJson<T>(req: GenerateRequest, jsonSchema: object, parse: (v: unknown) => T) {
      const grammar = await grammarFor(jsonSchema);
      let lastError: unknown;
      // One repair attempt: deterministic, with more room (cut-off JSON is the common failure).
      for (let attempt = 0; attempt < 2; attempt++) {
        const r =
          attempt === 0
            ? req
            : { ...req, temperature: 0, maxTokens: Math.ceil((req.maxTokens ?? defaultMaxTokens) * 1.5) };
        const { text, meta } = await generate(r, { grammar });
        if (meta.aborted) throw new UserError('UNAVAILABLE', 'generation was cancelled');
        try {
          const value = parse(JSON.parse(text) as unknown);
          return { value, meta: { ...meta, repairAttempts: attempt } };
        } catch (err) {
          lastError = err;
          audit?.append({
            type: 'degradation',
            actor: { kind: 'system', id: 'models', role: 'system' },
            payload: {
              reason: 'invalid_model_json',
              modelId: options.info.modelId,
              attempt: attempt + 1,
              action: attempt === 0 ? 'repair' : 'fallback',
            },
          });
        }
      }
      throw new UserError('UNAVAILABLE', 'the local LLM produced output that failed the schema twice', {
        cause: lastError,
      });
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}
