/**
 * Turn examples for the learned lexicon, from scenario files: a turn whose expectation names a reason is
 * a positive for it; a turn expected calm is a negative for every reason. Unlabelled turns are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPii, replaceSpans } from '../../main/core/privacy';

export const LEARNED_REASONS = [
  'self_harm',
  'high_emotion',
  'customer_request',
  'vulnerable_customer',
  'fraud',
] as const;
export type LearnedReason = (typeof LEARNED_REASONS)[number];

export interface Example {
  scenario: string;
  text: string;
  /** Per reason: 1 positive, 0 negative; absent when the turn says nothing about it. */
  labels: Partial<Record<LearnedReason, 0 | 1>>;
}

interface TurnFile {
  id: string;
  pii?: string[];
  turns: Array<{ customer: string; expect?: { escalated?: boolean; reasons?: string[] } }>;
}

/**
 * The shipped weights must hold no customer value, and a model that keyed on a name would not generalise:
 * the detector's spans and the scenario's own listed values are blanked before any feature is taken.
 */
function withoutPii(text: string, listed: readonly string[], listedWords: RegExp | null): string {
  let out = replaceSpans(text, detectPii(text), () => ' ');
  for (const value of listed) out = out.split(value).join(' ');
  // A value listed in one file may sit unlisted in another ("DC Harris", "Dr Okafor"): its words go too.
  return listedWords ? out.replace(listedWords, ' ') : out;
}

/** Words of listed values that identify nobody: labels the authors kept, months, street types, titles. */
export const NOT_IDENTIFYING = new Set([
  ...[
    'the',
    'mrs',
    'mrs.',
    'mr',
    'mr.',
    'ms',
    'ms.',
    'dr.',
    'nurse',
    'sort',
    'code',
    'account',
    'number',
    'card',
    'ending',
    'dob',
  ],
  ...['road', 'close', 'street', 'lane', 'park', 'avenue', 'drive', 'way', 'court', 'place', 'hill', 'green'],
  ...['high', 'hall'],
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october'],
  ...['november', 'december'],
  // First names that are everyday words: the word ("bills", "will") is a feature, the name is not kept.
  ...['bill', 'will', 'hope', 'grace', 'rose', 'mark', 'frank', 'young', 'grant', 'ash'],
  // Surnames that are everyday words ("lambing" on a farm and "prices" are features; Mr Lamb and Mrs
  // Price are not kept).
  ...['lamb', 'price'],
  // Street and town words that are everyday lemmas too ("marketing emails", "a blood pressure reading"):
  // 14 Market Street and a Reading postcode identify nobody by those words.
  ...['market', 'reading'],
  // Digits read out: the value is the sequence, which never becomes a feature; each word alone is none.
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'zero', 'double', 'triple'],
  ...[
    'ten',
    'eleven',
    'twelve',
    'twenty',
    'thirty',
    'forty',
    'fifty',
    'sixty',
    'seventy',
    'eighty',
    'ninety',
  ],
  ...['hundred', 'thousand'],
  // Address words of a flat, not of anyone.
  ...['flat', 'apartment', 'unit', 'house'],
]);
const ORDINAL_DAY = /^\d{1,2}(?:st|nd|rd|th)$/;

/** Every word (3+ letters) of every value listed in the folders, as one case-blind whole-word pattern. */
function listedWordsIn(dirs: readonly string[]): RegExp | null {
  const words = new Set<string>();
  for (const dir of dirs)
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const file = JSON.parse(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '')) as TurnFile;
      for (const value of file.pii ?? [])
        for (const word of value.toLowerCase().split(/[\s,]+/))
          if (/^\p{L}{3,}$/u.test(word) && !NOT_IDENTIFYING.has(word) && !ORDINAL_DAY.test(word))
            words.add(word);
    }
  if (words.size === 0) return null;
  const escaped = [...words].sort().map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}])(?:${escaped.join('|')})(?![\\p{L}])`, 'giu');
}

export function loadExamples(dirs: readonly string[]): Example[] {
  const out: Example[] = [];
  const listedWords = listedWordsIn(dirs);
  for (const dir of dirs) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const raw = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
      const file = JSON.parse(raw) as TurnFile;
      let escalatedBefore = false;
      const seen = new Set<string>();
      for (const turn of file.turns) {
        const expect = turn.expect ?? {};
        const labels: Example['labels'] = {};
        // A calm family's turn is calm whether or not the file spells it out.
        const calmFamily = /-(?:faq|negative)-/.test(file.id);
        if ((expect.escalated === false || calmFamily) && !escalatedBefore)
          for (const r of LEARNED_REASONS) labels[r] = 0;
        // Only the turn where a reason first appears says it: later turns carry it on by the format's rule
        // ("and every later turn"), and "thanks, I'll wait here" after a request is no request in itself.
        for (const r of expect.reasons ?? [])
          if ((LEARNED_REASONS as readonly string[]).includes(r) && !seen.has(r)) {
            labels[r as LearnedReason] = 1;
            seen.add(r);
          }
        // Another family's cue turn says "not self-harm" too. Distress included: despair borders on it, but
        // a crisis line offered to someone crying over a frozen account is a false crisis, and a lexicon
        // that never sees distress as a negative learns "upset" as self-harm.
        if (expect.reasons?.length && !expect.reasons.includes('self_harm')) labels.self_harm ??= 0;
        if (expect.escalated === true) escalatedBefore = true;
        if (Object.keys(labels).length > 0)
          out.push({
            scenario: file.id,
            text: withoutPii(turn.customer, file.pii ?? [], listedWords),
            labels,
          });
      }
    }
  }
  return out;
}
