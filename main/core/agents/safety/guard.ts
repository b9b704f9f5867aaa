/**
 * A guard model's second opinion (model role `guard`, e.g. Llama Guard 3 1B as GGUF). Llama Guard's own
 * chat template (in the GGUF) wraps the customer's message in its hazard taxonomy; the model answers
 * "safe", or "unsafe" and the violated categories ("S11" is suicide and self-harm). The verdict can only
 * raise a decision: it never clears a cue the rules or the embedder found.
 */
import type { LlmAdapterLike } from '../ports';

export type GuardVerdict =
  | { status: 'safe' }
  | { status: 'unsafe'; categories: string[]; selfHarm: boolean }
  /** The model answered neither "safe" nor "unsafe": no opinion, nothing raised. */
  | { status: 'unclear' };

/** Llama Guard 3's category for suicide and self-harm. */
export const SELF_HARM_CATEGORY = 'S11';

export function parseGuardOutput(text: string): GuardVerdict {
  const t = text.trim().toLowerCase();
  if (/^unsafe\b/.test(t)) {
    const categories = [...new Set((text.match(/\bS\d{1,2}\b/gi) ?? []).map((c) => c.toUpperCase()))];
    return { status: 'unsafe', categories, selfHarm: categories.includes(SELF_HARM_CATEGORY) };
  }
  if (/^safe\b/.test(t)) return { status: 'safe' };
  return { status: 'unclear' };
}

export interface GuardReviewer {
  modelId: string;
  review(text: string, signal?: AbortSignal): Promise<GuardVerdict>;
}

export function createGuardReviewer(llm: LlmAdapterLike, maxTokens = 12): GuardReviewer {
  return {
    modelId: llm.info.modelId,
    async review(text, signal) {
      const out = await llm.stream(
        {
          system: '',
          messages: [{ role: 'user', content: text }],
          maxTokens,
          temperature: 0,
          ...(signal ? { signal } : {}),
        },
        () => undefined,
      );
      return parseGuardOutput(out.text);
    },
  };
}
