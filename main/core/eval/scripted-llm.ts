import { createHash } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import {
  DOC_MARKER,
  type GenerateRequestLike,
  type GenerationMetaLike,
  type LlmAdapterLike,
} from '../agents';

export interface ScriptedLlmOptions {
  /** What the scripted model drafts. */
  reply: string;
  confidence?: 'low' | 'medium' | 'high';
  intent?: string;
  /** Simulated failure modes, for degradation tests. */
  fail?: 'timeout' | 'unavailable' | 'garbage';
  /** Simulated generation latency; honours the request's timeout and abort signal like a real adapter. */
  delayMs?: number;
}

const SCRIPTED_ID = 'scripted';
const SCRIPTED_SHA = createHash('sha256').update('confidant-scripted-llm-v1').digest('hex');

/**
 * A scripted model for evals and tests: the same LlmAdapter interface as the real runtime, so the
 * pipeline path is identical. It "cites" every passage it was shown, like a model that used them all;
 * the facts verifier still checks each claim against those passages, so made-up facts are caught.
 */
export class ScriptedLlm implements LlmAdapterLike {
  readonly info = { modelId: SCRIPTED_ID, sha256: SCRIPTED_SHA, templateId: 'scripted' };
  readonly source = 'scripted';
  calls = 0;
  readonly prompts: GenerateRequestLike[] = [];

  constructor(private readonly options: ScriptedLlmOptions) {}

  async generateJson<T>(
    req: GenerateRequestLike,
    _jsonSchema: object,
    parse: (v: unknown) => T,
    onToken?: (t: string) => void,
  ): Promise<{ value: T; meta: GenerationMetaLike }> {
    const started = performance.now();
    this.calls += 1;
    this.prompts.push(req);
    await this.wait(req);
    if (this.options.fail === 'garbage') return { value: parse({ reply: 42 }), meta: this.meta(started) };
    const cited = [...req.system.matchAll(DOC_MARKER)].map((m) => m[1] ?? '');
    const raw = {
      reply: this.options.reply,
      citedDocIds: [...new Set(cited)].filter(Boolean),
      confidence: this.options.confidence ?? 'high',
      intent: this.options.intent ?? 'answer',
    };
    // In pieces of a few characters, as a model's tokens arrive.
    if (onToken) for (const piece of JSON.stringify(raw).match(/[^]{1,4}/g) ?? []) onToken(piece);
    const value = parse(raw);
    return { value, meta: this.meta(started) };
  }

  async stream(
    req: GenerateRequestLike,
    onToken: (t: string) => void,
  ): Promise<{ text: string; meta: GenerationMetaLike }> {
    const started = performance.now();
    this.calls += 1;
    await this.wait(req);
    for (const word of this.options.reply.split(/(?<= )/)) onToken(word);
    return { text: this.options.reply, meta: this.meta(started) };
  }

  private async wait(req: GenerateRequestLike): Promise<void> {
    if (this.options.fail === 'unavailable') throw new UserError('UNAVAILABLE', 'model unavailable');
    const delay = this.options.fail === 'timeout' ? Number.POSITIVE_INFINITY : (this.options.delayMs ?? 0);
    if (delay <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const limit = Math.min(delay, req.timeoutMs ?? Number.POSITIVE_INFINITY);
      const timer = setTimeout(
        () => {
          if (limit < delay) reject(new UserError('TIMEOUT', 'generation timed out'));
          else resolve();
        },
        Math.min(limit, 2_147_000_000),
      );
      req.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new UserError('TIMEOUT', 'generation aborted'));
      });
    });
  }

  private meta(started: number): GenerationMetaLike {
    const words = this.options.reply.split(/\s+/).length;
    return {
      modelId: SCRIPTED_ID,
      sha256: SCRIPTED_SHA,
      templateId: 'scripted',
      promptTokens: 0,
      completionTokens: words,
      ttftMs: 0,
      totalMs: performance.now() - started,
      seed: 0,
      temperature: 0,
      deterministic: true,
    };
  }
}
