/**
 * Semantic matching: each sentence of a message is compared (cosine) with prototype sentences per
 * family, using the installed embedding model. It can only raise a reason, never lower one, and it
 * runs only with thresholds calibrated for that very model on the dev split
 * (`scripts/calibrate-semantic.ts`): an uncalibrated similarity means nothing.
 */
import type { EmbedderLike } from '../ports';
import type { CueReason } from './rules';

/** Prototypes per reason and family, paraphrasing the families of docs/SAFETY.md. */
export const PROTOTYPES: Record<CueReason, Record<string, string[]>> = {
  self_harm: {
    passive_wish: [
      'I wish I could go to sleep and never wake up',
      'I do not want to be alive anymore',
      'there is no point in me being here',
    ],
    burden: ['everyone would be better off without me', 'I am just a burden to the people I love'],
    finality: ['I have said my goodbyes and given my things away', 'I will not be around after this week'],
    means: [
      'I have been saving up my tablets so I have enough',
      'how many pills would it take to not wake up',
    ],
    plan_intent: ['I am going to end my life', 'I have a plan and a date to kill myself'],
    self_injury: ['I have been cutting myself again', 'I hurt myself on purpose when it gets bad'],
  },
  distress: {
    anger: ['I am absolutely furious with how you have treated me'],
    panic: ['I am panicking, I can not breathe and my hands are shaking'],
    despair: ['I can not cope anymore, everything is falling apart'],
    grief: ['I am heartbroken, my husband died last week and I am lost'],
  },
  request: {
    direct: ['can I speak to a real person please', 'put me through to your manager'],
    indirect: ['is there anyone there who could help me with this', 'I would rather talk to somebody'],
    refuses_machine: ['I do not want to talk to a machine'],
  },
  vulnerable: {
    health: ['I have been diagnosed with a serious illness'],
    capability: ['I do not understand this, my English is not good'],
    coercion: ['he is standing next to me telling me what to do with my money'],
    resilience: ['I can not afford food or heating this month'],
  },
  fraud: {
    safe_account: ['the bank told me to move my savings to a safe account'],
    coached_call: ['they are on the phone now and told me what to say to you'],
    pressure: ['I have to pay today or I will be arrested'],
  },
};

export type SemanticThresholds = Partial<Record<CueReason, number>>;

export interface SemanticHit {
  reason: CueReason;
  family: string;
  similarity: number;
}

export interface SemanticMatcher {
  modelId: string;
  match(text: string): Promise<SemanticHit[]>;
}

const SENTENCE = /(?<=[.!?])\s+|\n+/;

/** Best similarity per reason and family of each sentence; the prototypes are embedded once. */
export function createSemanticMatcher(
  embedder: EmbedderLike,
  thresholds: SemanticThresholds,
): SemanticMatcher {
  const entries = (Object.keys(PROTOTYPES) as CueReason[]).flatMap((reason) =>
    Object.entries(PROTOTYPES[reason]).flatMap(([family, texts]) =>
      texts.map((text) => ({ reason, family, text })),
    ),
  );
  let vectors: Promise<Float32Array[]> | null = null;
  return {
    modelId: embedder.info.modelId,
    async match(text) {
      const sentences = text
        .split(SENTENCE)
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
        .slice(0, 8);
      if (sentences.length === 0) return [];
      vectors ??= embedder.embed(entries.map((e) => e.text));
      const [protos, mine] = await Promise.all([vectors, embedder.embed(sentences)]);
      const best = new Map<string, SemanticHit>();
      for (const v of mine)
        protos.forEach((p, i) => {
          const e = entries[i] as (typeof entries)[number];
          const threshold = thresholds[e.reason];
          if (threshold === undefined) return;
          const similarity = cosine(v, p);
          const key = `${e.reason}.${e.family}`;
          if (similarity >= threshold && (best.get(key)?.similarity ?? -1) < similarity)
            best.set(key, { reason: e.reason, family: e.family, similarity });
        });
      return [...best.values()];
    },
  };
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The threshold per reason from labelled dev sentences: the lowest similarity that keeps every
 * negative below it (the largest negative similarity plus a margin), so semantic matching adds recall
 * without adding false alarms on the dev split. Returns the recall it reaches on the positives.
 */
export function calibrate(
  scored: ReadonlyArray<{ reason: CueReason | null; best: Partial<Record<CueReason, number>> }>,
  margin = 0.02,
): Record<CueReason, { threshold: number; recall: number }> {
  const reasons = Object.keys(PROTOTYPES) as CueReason[];
  const out = {} as Record<CueReason, { threshold: number; recall: number }>;
  for (const reason of reasons) {
    const negatives = scored.filter((s) => s.reason !== reason).map((s) => s.best[reason] ?? -1);
    const positives = scored.filter((s) => s.reason === reason).map((s) => s.best[reason] ?? -1);
    const threshold = Math.min(1, Math.max(-1, ...negatives) + margin);
    const caught = positives.filter((v) => v >= threshold).length;
    out[reason] = { threshold, recall: positives.length === 0 ? 0 : caught / positives.length };
  }
  return out;
}
