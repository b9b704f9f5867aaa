/**
 * The packet sweep: text that leaves this desktop for a supervisor's (the escalation packet, the LAN)
 * also loses every leftover capitalised word that could be a name. The detector keeps a bare "Derek" or
 * a sign-off "Edith Parkhurst." unmasked when no cue says it is a name, for precision at the prompt and in
 * logs; on the wire the costs flip: a place or a brand masked is a small loss (an authorised supervisor
 * can reveal it), a name sent is a breach.
 */
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, LAST_NAMES, NOT_NAME_WORDS } from './names';
import { sweepNumbers } from './sweep-numbers';
import type { PiiSpan } from './types';

/** A word that opens with a capital and has a lower-case letter (acronyms such as NHS stay). */
const CAPITALISED = /(?<![\p{L}\p{N}_])\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*/gu;
/** Capitalised words that are never a person: forms of address, faith, languages and nationalities. */
const KEEP = new Set(
  `mr mrs ms miss mx dr sir madam nurse pastor reverend rev father sister brother god lord jesus christ
  allah heaven bible church english british american spanish polish urdu hindi punjabi bengali arabic
  french german italian portuguese chinese mandarin cantonese tagalog yoruba igbo welsh scottish irish
  romanian russian ukrainian turkish somali tamil gujarati african caribbean asian european muslim
  christian hindu sikh jewish catholic universal credit pip esa jsa medicare medicaid social security
  covid sertraline`.split(/\s+/),
);
const SENTENCE_OPENING = /(?:^|[.!?:;]\s+|\n\s*|["“(]\s*)$/;

const base = (word: string) => word.toLowerCase().replace(/['’]s$/, '');
const inGazetteer = (w: string) => FIRST_NAMES.has(w) || LAST_NAMES.has(w) || AMBIGUOUS_FIRST_NAMES.has(w);

/** The sentence holding [start, end) is nothing but capitalised words: "Irene Walsh." given as an answer. */
function bareNameSentence(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1] as string)) from -= 1;
  let to = end;
  while (to < text.length && !/[.!?\n,]/.test(text[to] as string)) to += 1;
  const words = text.slice(from, to).trim().split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) && !NOT_NAME_WORDS.has(base(w.replace(/\.$/, ''))))
  );
}

/** `spans` plus a PERSON span for each run of capitalised words no span covers and that could be a name. */
export function sweepNames(text: string, spans: readonly PiiSpan[]): PiiSpan[] {
  const added: PiiSpan[] = [];
  const covered = (s: number, e: number) => spans.some((x) => x.start < e && s < x.end);
  for (const m of text.matchAll(CAPITALISED)) {
    const start = m.index;
    const end = start + m[0].length;
    const word = base(m[0]);
    if (covered(start, end) || NOT_NAME_WORDS.has(word) || KEEP.has(word)) continue;
    const opening = SENTENCE_OPENING.test(text.slice(Math.max(0, start - 3), start));
    if (opening && !inGazetteer(word) && !bareNameSentence(text, start, end)) continue;
    const prev = added[added.length - 1];
    // "Emmanuel Okoro": adjacent words are one name, one token.
    if (prev && /^\s+$/.test(text.slice(prev.end, start))) prev.end = end;
    else added.push({ start, end, type: 'PERSON', score: 0.5 });
  }
  if (added.length === 0) return [...spans];
  return [...spans, ...added].sort((a, b) => a.start - b.start);
}

/** Everything the wire sweep masks on top of the detector: possible names, then identifier numbers. */
export function sweepLeftovers(text: string, spans: readonly PiiSpan[]): PiiSpan[] {
  return sweepNumbers(text, sweepNames(text, spans));
}
