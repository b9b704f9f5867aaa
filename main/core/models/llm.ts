/**
 * The LLM adapter on node-llama-cpp (CPU prebuilt binary, never a source build).
 *
 * The model's chat template (its chat wrapper) renders the conversation to tokens once per call, and the
 * adapter drives `LlamaContextSequence.evaluate` itself: no LlamaChat/LlamaChatSession layer per token.
 * One context sequence per loaded model is kept for the whole process; each call keeps the longest prefix
 * shared with the tokens already in it and evaluates only the rest, so the system prompt and earlier turns
 * are paid for once. GenerationMeta reports how many prompt tokens were really evaluated.
 */
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
  LlamaText,
  Token,
} from 'node-llama-cpp';
import { UserError } from '../../../shared/errors';
import {
  endsWithSequence,
  memoizeTokenizer,
  resolveStopTriggers,
  StartTextFilter,
  TextStopDetector,
  TokenTextDecoder,
  type StopTrigger,
  type StopTriggers,
} from './llm-stream';
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
  /**
   * Repeat penalty over the last `lastTokens` generated tokens. Off by default, like llama.cpp's own
   * default (repeat_penalty 1.0); LlamaChat's implicit 64-token/1.1 penalty is no longer applied.
   */
  repeatPenalty?: {
    lastTokens: number;
    penalty?: number;
    frequencyPenalty?: number;
    presencePenalty?: number;
  };
}

export interface LoadedLlm extends LlmAdapter {
  readonly breaker: CircuitBreaker;
  readonly queue: BoundedQueue;
  /** Token count of a request's prompt after trimming (what the next call would need at most). */
  countPromptTokens(req: GenerateRequest): number;
  close(): Promise<void>;
}

const DEFAULT_SEED = 42;

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
/** Tokens kept free beyond the prompt and the reply budget. */
const SAFETY_MARGIN = 16;

export async function loadLlm(options: LlmAdapterOptions): Promise<LoadedLlm> {
  const llama = await sharedLlama();
  const { LlamaGrammarEvaluationState, resolveChatWrapper, GeneralChatWrapper } =
    await import('node-llama-cpp');
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
  // The same chat wrapper LlamaChat would pick ("auto"): the GGUF's Jinja template or a known family.
  const chatWrapper: ChatWrapper = resolveChatWrapper(model) ?? new GeneralChatWrapper();
  const tokenizer = memoizeTokenizer(model.tokenizer);
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
  /** Drops the oldest turns (never the system prompt or the last user message) until the prompt fits. */
  const fit = (
    req: GenerateRequest,
    maxTokens: number,
  ): {
    trimmed: number;
    tokens: number;
    promptIds: readonly Token[];
    stopGenerationTriggers: readonly LlamaText[];
    ignoreStartText: readonly string[];
  } => {
    const budget = context.contextSize - maxTokens - SAFETY_MARGIN;
    for (let skip = 0; skip < req.messages.length; skip++) {
      const state = chatWrapper.generateContextState({ chatHistory: toHistory(req, skip) });
      const promptIds = state.contextText.tokenize(tokenizer);
      if (promptIds.length <= budget)
        return {
          trimmed: skip,
          tokens: promptIds.length,
          promptIds,
          stopGenerationTriggers: state.stopGenerationTriggers,
          ignoreStartText: (state.ignoreStartText ?? [])
            .filter((t) => t.values.every((v) => typeof v === 'string'))
            .map((t) => t.values.join('')),
        };
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

  /** Stop triggers of the chat template (and the grammar, if any), resolved once per distinct set. */
  const stopCache = new Map<string, StopTriggers>();
  const stopTriggersFor = (triggers: readonly StopTrigger[]): StopTriggers => {
    const key = JSON.stringify(
      triggers.map((t) => (typeof t === 'object' && 'toJSON' in t ? t.toJSON() : t)),
    );
    let resolved = stopCache.get(key);
    if (!resolved) {
      resolved = resolveStopTriggers(triggers, (t) =>
        typeof t === 'string'
          ? model.tokenize(t, false, 'trimLeadingSpace')
          : t.tokenize(model.tokenizer, 'trimLeadingSpace'),
      );
      stopCache.set(key, resolved);
    }
    return resolved;
  };
  const detokenize = (tokens: readonly Token[]): string => model.detokenize(tokens, false);

  /**
   * Aligns the cached sequence with the new prompt: keeps the longest shared prefix, erases the rest in
   * one range, and returns the tokens still to evaluate (at least one, to get the next token's logits).
   */
  const alignSequence = async (promptIds: readonly Token[]): Promise<Token[]> => {
    const cached = sequence.contextTokens;
    let keep = commonPrefix(cached, promptIds);
    if (keep >= promptIds.length) keep = promptIds.length - 1;
    if (keep < sequence.nextTokenIndex)
      await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
    return promptIds.slice(keep);
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
          // A plain timer and flag, checked per token: cheaper than AbortSignal.timeout + AbortSignal.any.
          // It covers the whole call; a prompt evaluation in progress cannot be interrupted (a native call).
          const state = { expired: false };
          const timer = setTimeout(() => {
            state.expired = true;
          }, timeoutMs);
          try {
            return await run(state);
          } finally {
            clearTimeout(timer);
          }
        },
        // A bad request or a caller's cancellation is not the model failing; neither may open the circuit.
        (err) => !(err instanceof UserError && (err.code === 'VALIDATION' || req.signal?.aborted)),
      ),
    );

    async function run(timer: { expired: boolean }): Promise<{ text: string; meta: GenerationMeta }> {
      const started = performance.now();
      const userSignal = req.signal;
      const timedOut = (cause?: unknown): UserError =>
        new UserError('TIMEOUT', `the local LLM did not finish within ${timeoutMs} ms`, { cause });
      if (userSignal?.aborted) throw new UserError('UNAVAILABLE', 'generation was cancelled');

      const { trimmed, tokens, promptIds, stopGenerationTriggers, ignoreStartText } = fit(req, maxTokens);
      const grammar = extra.grammar;
      const stops = stopTriggersFor(
        grammar ? [...stopGenerationTriggers, ...grammar.stopGenerationTriggers] : stopGenerationTriggers,
      );
      const textStop = stops.texts.length > 0 ? new TextStopDetector(stops.texts) : null;
      const startFilter = ignoreStartText.length > 0 ? new StartTextFilter(ignoreStartText) : null;
      const checkSequences = stops.sequences.length > 0;
      const decoder = new TokenTextDecoder(detokenize, promptIds);
      const onToken = extra.onToken;
      const parts: string[] = [];
      const generated: Token[] = [];
      const emit = (text: string): void => {
        if (!text) return;
        parts.push(text);
        onToken?.(text);
      };

      const toEvaluate = await alignSequence(promptIds);
      const meter = sequence.tokenMeter;
      const before = meter.getState();
      let evaluated = -1;
      let firstAt = 0;
      const penalty = options.repeatPenalty;
      const tokensIterator = sequence.evaluate(toEvaluate, {
        temperature,
        seed,
        grammarEvaluationState: grammar ? new LlamaGrammarEvaluationState({ model, grammar }) : undefined,
        repeatPenalty: penalty
          ? {
              punishTokens: () => generated.slice(-penalty.lastTokens),
              maxPunishTokens: penalty.lastTokens,
              penalty: penalty.penalty,
              frequencyPenalty: penalty.frequencyPenalty,
              presencePenalty: penalty.presencePenalty,
            }
          : undefined,
      });
      // Pipelined: as soon as a token is accepted, the request for the next one is issued, so the native
      // side evaluates it (on its own thread) while this token is detokenized and streamed. A stop found
      // only after that (a text trigger, an abort from onToken) costs one token of wasted evaluation.
      let upcoming: Promise<IteratorResult<Token, void>> | null = tokensIterator.next();
      try {
        while (upcoming) {
          const step = await upcoming;
          upcoming = null;
          if (step.done) break;
          const token = step.value;
          if (evaluated < 0) {
            // Prompt tokens really decoded (the delta, plus any re-evaluation the erase forced).
            const used = meter.diff(before);
            evaluated = used.usedInputTokens + used.usedOutputTokens;
            firstAt = performance.now();
            // Cancelled or timed out during the prompt evaluation: nothing is produced.
            if (timer.expired || userSignal?.aborted) break;
          }
          if (stops.tokens.has(token)) break;
          generated.push(token);
          if (checkSequences && endsWithSequence(generated, stops.sequences)) break;
          if (generated.length < maxTokens && !timer.expired && !userSignal?.aborted)
            upcoming = tokensIterator.next();
          let text = decoder.push(token);
          if (startFilter) text = startFilter.push(text);
          if (textStop) {
            emit(textStop.push(text));
            if (textStop.stopped) break;
          } else emit(text);
          if (timer.expired || userSignal?.aborted) break;
        }
      } catch (err) {
        if (timer.expired) throw timedOut(err);
        throw err;
      } finally {
        // Let a request already issued settle (its error, if any, is moot now), then close the generator.
        if (upcoming) await upcoming.catch(() => undefined);
        await tokensIterator.return();
      }
      if (!textStop?.stopped) {
        const tail = decoder.flush();
        const rest = startFilter ? startFilter.push(tail) + startFilter.flush() : tail;
        emit(textStop ? textStop.push(rest) + textStop.flush() : rest);
      }
      if (evaluated < 0) {
        const used = meter.diff(before);
        evaluated = used.usedInputTokens + used.usedOutputTokens;
      }
      if (timer.expired) throw timedOut();
      const aborted = userSignal?.aborted ?? false;
      // Cancelled before anything was produced: there is no partial text to return.
      if (aborted && generated.length === 0) throw new UserError('UNAVAILABLE', 'generation was cancelled');
      const end = performance.now();
      let text = parts.join('');
      if (grammar?.trimWhitespaceSuffix) text = text.trimEnd();
      return {
        text,
        meta: {
          modelId: options.info.modelId,
          sha256: options.info.sha256,
          templateId: options.info.templateId,
          promptTokens: tokens,
          evaluatedPromptTokens: evaluated,
          completionTokens: generated.length,
          ttftMs: Math.round(((firstAt || end) - started) * 100) / 100,
          totalMs: Math.round((end - started) * 100) / 100,
          seed,
          temperature,
          deterministic: temperature === 0,
          trimmedMessages: trimmed,
          aborted,
          repairAttempts: 0,
        },
      };
    }
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
    async generateJson<T>(
      req: GenerateRequest,
      jsonSchema: object,
      parse: (v: unknown) => T,
      onToken?: (t: string) => void,
    ) {
      const grammar = await grammarFor(jsonSchema);
      let lastError: unknown;
      // One repair attempt: deterministic, with more room (cut-off JSON is the common failure).
      for (let attempt = 0; attempt < 2; attempt++) {
        const r =
          attempt === 0
            ? req
            : { ...req, temperature: 0, maxTokens: Math.ceil((req.maxTokens ?? defaultMaxTokens) * 1.5) };
        // The repair's tokens are not streamed: a listener would see a second JSON text appended.
        const { text, meta } = await generate(
          r,
          attempt === 0 && onToken ? { grammar, onToken } : { grammar },
        );
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
