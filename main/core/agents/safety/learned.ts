/**
 * A learned lexicon: one logistic model per reason over lemma unigrams and bigrams, trained on the dev
 * split (scripts/safety-lexicon) and shipped as a small JSON of weights. It reads the words around a
 * cue that no rule names, so it catches wordings the rules were not written against; it only ever
 * raises a reason, next to the rules, never lowers one.
 */
import weights from './learned-weights.json';
import type { MessageCues } from './detect';
import type { CueReason } from './rules';
import { clauses } from './tokens';

export type LearnedReason =
  'self_harm' | 'high_emotion' | 'customer_request' | 'vulnerable_customer' | 'fraud';

interface ReasonModel {
  bias: number;
  /** Probability at or above which the reason is raised (chosen on held-out folds of dev). */
  threshold: number;
  /** From this probability the model adds a light cue (0.5): it raises only next to another cue. */
  light: number;
  weights: Record<string, number>;
}

interface LexiconFile {
  version: number;
  reasons: Partial<Record<LearnedReason, ReasonModel>>;
}

const MODEL = weights as LexiconFile;

/** The features of a text: each clause's lemmas and adjacent lemma pairs (never across clauses). */
export function features(text: string): Set<string> {
  const out = new Set<string>();
  for (const clause of clauses(text)) {
    // A number is a shape, not a value: references and amounts never become features of their own.
    const lemmas = clause.tokens
      .map((t) => (/\d{3}/.test(t.word) ? '#' : t.lemma || t.word))
      .filter((w) => /[a-z0-9#]/.test(w));
    for (let i = 0; i < lemmas.length; i += 1) {
      out.add(lemmas[i] as string);
      if (i + 1 < lemmas.length) out.add(`${lemmas[i] as string} ${lemmas[i + 1] as string}`);
    }
  }
  return out;
}

export function probability(
  model: { bias: number; weights: Record<string, number> },
  feats: Set<string>,
): number {
  let z = model.bias;
  for (const f of feats) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** A feature weighing this much is evidence in itself; a raise needs two, a light cue one. */
const EVIDENCE = 0.5;

/** What the learned lexicon adds per reason for one message: 1 (raise) or 0.5 (a light cue). */
export function learnedReasons(text: string): Partial<Record<LearnedReason, number>> {
  const feats = features(text);
  const out: Partial<Record<LearnedReason, number>> = {};
  for (const [reason, model] of Object.entries(MODEL.reasons) as Array<[LearnedReason, ReasonModel]>) {
    // One pass for the sum `probability` makes (same order, same result) and the evidence count.
    let z = model.bias;
    // A short message is mostly bias: "ok, he's gone over the road" must not raise on one word.
    let evidence = 0;
    for (const f of feats) {
      const w = model.weights[f] ?? 0;
      z += w;
      if (w >= EVIDENCE) evidence += 1;
    }
    if (evidence === 0) continue;
    const p = 1 / (1 + Math.exp(-z));
    if (p >= model.threshold && evidence >= 2) out[reason] = 1;
    // Only self-harm takes light cues: its target is every disclosure, and a miss costs the most.
    else if (reason === 'self_harm' && p >= model.light) out[reason] = 0.5;
  }
  return out;
}

const CUE_REASON = {
  self_harm: 'self_harm',
  high_emotion: 'distress',
  customer_request: 'request',
  vulnerable_customer: 'vulnerable',
  fraud: 'fraud',
} as const satisfies Record<LearnedReason, CueReason>;

/**
 * The learned lexicon on top of the rules: it raises a reason the rules missed (named
 * `learned:reason`), never lowers one, and stays silent where the rules set a cue aside as negated, a
 * story or a screening item, or (for self-harm) saw an idiom with an alarming word.
 */
export function withLearned(text: string, message: MessageCues): MessageCues {
  const learned = learnedReasons(text);
  const scores = { ...message.scores };
  const families = new Set(message.families);
  const drivers = new Set(message.drivers);
  for (const [reason, weight] of Object.entries(learned) as Array<[LearnedReason, number]>) {
    const cue = CUE_REASON[reason];
    if (scores[cue] >= 1 || message.negated.includes(cue)) continue;
    if (cue === 'self_harm' && message.idiomHidCue) continue;
    scores[cue] = Math.min(2, scores[cue] + weight);
    families.add(`learned:${cue}`);
    // The lexicon names no driver; health is the conservative bucket the pack patterns use too.
    if (cue === 'vulnerable' && scores[cue] >= 1 && drivers.size === 0) drivers.add('health');
  }
  if (families.size === message.families.length) return message;
  return {
    ...message,
    scores,
    selfHarm: message.selfHarm || scores.self_harm >= 1,
    drivers: [...drivers],
    families: [...families].sort(),
  };
}
