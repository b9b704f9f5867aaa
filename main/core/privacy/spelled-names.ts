/**
 * A name spelled out letter by letter in a call's transcript: "your surname caller it's k o w a l s k i
 * kowalski", "my name is siobhan that's s i o b h a n", "no one m m u h a m m a d sorry it's muhammad".
 * Speech-to-text writes each letter as a word, so no reader of words sees a name there, yet the letters
 * give the name away as surely as the word does.
 *
 * The letters count only when they spell a word said just before or after them (the speaker says the
 * name and then spells it, or the other way round): a list's letters, a code read out or a spaced
 * heading ("P A S S P O R T") spell no word beside them. That word is read as the name too.
 */
import { lowerOpening } from './chat-names';
import type { Scan } from './scan';

const SCORE = 0.8;
// Three or more single letters, each its own word; "double l" is two.
const LETTERS =
  /(?<![\p{L}\p{N}'’])(?:[a-z]|double [a-z])(?: (?:[a-z]|double [a-z])){2,}(?![\p{L}\p{N}'’@.])/gu;
// Where an address is spelled out ("j a y dot singh at ..."): the EMAIL readers' text, not a name.
const ADDRESS_NEXT = /^ (?:dot|at|underscore|dash|hyphen) /;
// The words either side a spelling is compared with.
const WORD = /[A-Za-z][A-Za-z'’-]*/g;
const NEAR = 40;

/** Fast test: a single lower-case letter between spaces twice over, as every spelling has. */
const MAY_SPELL = / [a-z] [a-z] /;

export function spelledNames(s: Scan): void {
  const text = s.text;
  // Speech-to-text writes without capitals: a text opening with one is typed, and spells with hyphens.
  if (!lowerOpening(text) || !MAY_SPELL.test(text)) return;
  LETTERS.lastIndex = 0;
  for (let m = LETTERS.exec(text); m !== null; m = LETTERS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (ADDRESS_NEXT.test(text.slice(end, end + 12))) continue;
    const joined = m[0].replace(/double ([a-z])/g, '$1$1').replace(/ /g, '');
    const said = spokenWord(text, start, end, joined);
    if (!said) continue;
    // The spelling may open with a false start ("m m u h a m m a d"): only the letters that spell the
    // word, when the extra ones are single letters.
    const skip = joined.length - said.word.length;
    const from = start + 2 * skip;
    if (skip > 0 && !/^(?:[a-z] )+$/.test(text.slice(start, from))) continue;
    s.add(from, end, 'PERSON', SCORE);
    s.add(said.start, said.start + said.word.length, 'PERSON', SCORE);
  }
}

interface Said {
  start: number;
  word: string;
}

/** The word of three or more letters near [start, end) that the letters spell, or end with. */
function spokenWord(text: string, start: number, end: number, joined: string): Said | null {
  let from = Math.max(0, start - NEAR);
  while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
  const to = Math.min(text.length, end + NEAR);
  WORD.lastIndex = from;
  for (let w = WORD.exec(text); w !== null && w.index < to; w = WORD.exec(text)) {
    if (w.index >= start && w.index < end) continue;
    const word = w[0];
    if (word.length >= 3 && joined.endsWith(word.toLowerCase()) && joined.length - word.length <= 2)
      return { start: w.index, word };
  }
  return null;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}
