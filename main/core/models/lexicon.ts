/** The always-available sentiment fallback: wink-nlp's lexicon scorer, no model files needed. */
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import type { SentimentResult, SentimentScorer } from './types';

// Loaded on first use, not with this module: the English model takes tens of milliseconds to load, and
// every CLI command that touches core/models (even `models list`) would pay it at start.
const load = createRequire(import.meta.url);
let nlp: ReturnType<typeof winkNLP> | null = null;

/** Below this magnitude a message reads as neutral; wink scores plain statements at exactly 0. */
export const NEUTRAL_BAND = 0.05;

export function labelFor(score: number): SentimentResult['label'] {
  if (score > NEUTRAL_BAND) return 'positive';
  if (score < -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

export function lexiconSentiment(text: string): SentimentResult {
  nlp ??= (load('wink-nlp') as typeof winkNLP)(load('wink-eng-lite-web-model') as typeof model);
  const raw = nlp.readDoc(text).out(nlp.its.sentiment) as unknown as number;
  const score = Math.max(-1, Math.min(1, Number.isFinite(raw) ? raw : 0));
  return { score, label: labelFor(score), source: 'lexicon' };
}

export function createLexiconScorer(): SentimentScorer {
  return { score: async (text) => lexiconSentiment(text) };
}
