import { claimKinds, contentWords, splitSentences } from './facts';
import type { Claim } from './messages';
import type { Passage } from './messages';

/**
 * The extractive knowledge-base answer: when no model can draft, a short reply that quotes the top
 * retrieved passage. It is deliberately conservative: only an FAQ-type question, only the top passage,
 * only when that passage covers most of the question's content words and its best sentence covers a
 * good share of them. Everything it says is a verbatim sentence of the cited passage, so the facts
 * verifier supports it by construction (the pipeline still runs the verifier and the output rails).
 */

export interface ExtractiveOptions {
  minCoverage: number;
  minSentenceOverlap: number;
  maxSentences: number;
  minQuestionWords: number;
}

export interface ExtractiveAnswer {
  ok: true;
  /** The quoted sentences with a citation of the passage title. */
  body: string;
  passage: Passage;
  coverage: number;
  sentenceOverlap: number;
  sentences: number;
}

export interface ExtractiveRefusal {
  ok: false;
  /** Why no extractive answer was given (a code for the audit trail and the staff view). */
  reason: 'not_a_question' | 'vague_question' | 'no_passage' | 'low_coverage' | 'no_sentence';
  coverage: number;
}

/** Question openers and phrases of an FAQ-type request ("how much…", "can I…", "what are your hours"). */
const QUESTION_OPENER =
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening))?[\s,!.]{0,4}(?:please[\s,]{1,3})?(?:what|whats|what's|when|where|which|how|can|could|do|does|is|are|will|would|should|may|am|who)\b/i;
const QUESTION_PHRASE =
  /\b(?:i (?:want|need|would like|'d like) to know|tell me|let me know|i was wondering|any idea)\b/i;
/** Markdown headings and list bullets are structure, not sentences to quote. */
const HEADING = /^#{1,6}\s/;
const MAX_QUESTION_CHARS = 400;
/** Words that shape a question but say nothing about its subject ("how much", "I need to know"). */
const QUESTION_FILLER = new Set(
  'much many long soon need want know like tell get help able did does let wonder idea hello'.split(' '),
);
/**
 * What kind of fact the question asks for. A quoted sentence must carry it: "How much is a new card?"
 * is not answered by "A new card arrives within 5 working days", however many words they share.
 */
const ASKS_FOR: ReadonlyArray<[RegExp, ReadonlyArray<Claim['kinds'][number]>]> = [
  [/\b(?:how much|costs?|fees?|charges?|price|pay)\b/i, ['money']],
  [
    /\b(?:what time|opening (?:hours|times)|closing time|(?:you|branch|clinic|surgery) (?:open|close)s?\b)/i,
    ['time'],
  ],
  [/\b(?:how long|how soon|how many days|when (?:will|does|do|can|is|are))\b/i, ['duration', 'time']],
];

export function isFaqQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_QUESTION_CHARS) return false;
  return t.includes('?') || QUESTION_OPENER.test(t) || QUESTION_PHRASE.test(t);
}

function questionWords(text: string): Set<string> {
  return new Set([...contentWords(text)].filter((w) => !QUESTION_FILLER.has(w)));
}

function overlap(question: ReadonlySet<string>, text: string): number {
  if (question.size === 0) return 0;
  const words = contentWords(text);
  let hit = 0;
  for (const w of question) if (words.has(w)) hit += 1;
  return hit / question.size;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * `question` is the pseudonymized customer text (placeholders carry no content words); `passages` are
 * the turn's retrieved passages, best first. Only the first is considered: a lower-ranked passage that
 * happens to overlap more is not what retrieval judged most relevant.
 */
export function composeExtractive(
  question: string,
  passages: readonly Passage[],
  options: ExtractiveOptions,
): ExtractiveAnswer | ExtractiveRefusal {
  if (!isFaqQuestion(question)) return { ok: false, reason: 'not_a_question', coverage: 0 };
  const words = questionWords(question);
  const wanted = ASKS_FOR.filter(([re]) => re.test(question)).map(([, kinds]) => kinds);
  if (words.size < options.minQuestionWords) return { ok: false, reason: 'vague_question', coverage: 0 };
  const top = passages[0];
  if (!top) return { ok: false, reason: 'no_passage', coverage: 0 };
  const coverage = round(overlap(words, top.text));
  if (coverage < options.minCoverage) return { ok: false, reason: 'low_coverage', coverage };
  const scored = splitSentences(top.text)
    .map((sentence, index) => ({ sentence: sentence.replace(/^[-*]\s{1,4}/, ''), index }))
    .filter((s) => !HEADING.test(s.sentence) && /[a-z]/i.test(s.sentence) && s.sentence.length <= 400)
    .map((s) => ({ ...s, score: overlap(words, s.sentence) }))
    .filter((s) => s.score >= options.minSentenceOverlap)
    .filter((s) => {
      const kinds = claimKinds(s.sentence);
      return wanted.every((anyOf) => anyOf.some((k) => kinds.includes(k)));
    });
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (scored.length === 0) return { ok: false, reason: 'no_sentence', coverage };
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, options.maxSentences)
    .sort((a, b) => a.index - b.index)
    .map((s) => (/[.!?]$/.test(s.sentence) ? s.sentence : `${s.sentence}.`));
  return {
    ok: true,
    body: `${chosen.join(' ')} (Source: ${top.title}.)`,
    passage: top,
    coverage,
    sentenceOverlap: round(best),
    sentences: chosen.length,
  };
}
