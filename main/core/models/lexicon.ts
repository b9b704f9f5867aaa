/** The always-available sentiment fallback: wink-nlp's lexicon scorer, no model files needed. */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { SentimentResult, SentimentScorer } from './types';

let nlp: ReturnType<typeof winkNLP> | null = null;

/** Below this magnitude a message reads as neutral; wink scores plain statements at exactly 0. */
export const NEUTRAL_BAND = 0.05;

export function labelFor(score: number): SentimentResult['label'] {
  if (score > NEUTRAL_BAND) return 'positive';
  if (score < -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}

export function lexiconSentiment(text: string): SentimentResult {
  nlp ??= winkNLP(model);
  const raw = nlp.readDoc(text).out(nlp.its.sentiment) as unknown as number;
  const score = Math.max(-1, Math.min(1, Number.isFinite(raw) ? raw : 0));
  return { score, label: labelFor(score), source: 'lexicon' };
}

export function createLexiconScorer(): SentimentScorer {
  return { score: async (text) => lexiconSentiment(text) };
}
