/**
 * Numbers read out in words after their cue, as voicemail and call transcripts have them: "six one, four
 * four, two nine, oh three", "sixty, eighty-three, double one", "two oh double four". Digit words, "oh",
 * "double"/"triple", and the tens and teens people use for pairs ("sixty", "eighty-three", "twelve"),
 * separated by spaces, commas or hyphens. Read only right after a sort code or account cue.
 */
import { isAsciiLetter, isDigit } from './chars';
import { codeUnits } from './code-units';

/** Digits as people say them; the readers below and cued-values' add their own extras. */
export const SPOKEN_DIGITS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  o: 0,
  nought: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const DIGIT: Readonly<Record<string, number>> = { ...SPOKEN_DIGITS, nil: 0 };
const TEENS = 'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');

/**
 * The end of a number read out from p whose digit count is `want`, or -1. Plain digits may be mixed in
 * ("4 four 1 2"); anything else ends the reading.
 */
export function spokenNumberEnd(text: string, p: number, want: number): number {
  const u = codeUnits(text);
  // Most values after a cue that start with a letter are prose ("account was closed"): the loop below
  // would slice and test the word only to stop there with no word read.
  if (isAsciiLetter(u[p]!) && !numberWordAt(u, p)) return -1;
  let i = p;
  let count = 0;
  let end = -1;
  let repeat = 1;
  let words = 0;
  while (i < text.length && i - p < 120) {
    const c = u[i]!;
    if (isDigit(c)) {
      count += repeat;
      repeat = 1;
      end = ++i;
    } else if (c === 32 || c === 44 || c === 45) {
      i++;
    } else if (isAsciiLetter(c)) {
      let j = i;
      while (j < text.length && isAsciiLetter(u[j]!)) j++;
      const w = text.slice(i, j).toLowerCase();
      if (w === 'double' || w === 'triple') {
        repeat = w === 'double' ? 2 : 3;
      } else if (w === 'dash' || w === 'hyphen') {
        // A separator said aloud ("one two three dash four five"): read past, as a written hyphen is.
        if (end < 0) break;
      } else if (DIGIT[w] !== undefined) {
        count += repeat;
        repeat = 1;
        end = j;
      } else if (TEENS.includes(w)) {
        count += 2;
        end = j;
      } else if (TENS.includes(w)) {
        // "eighty-three" / "eighty three" is one pair; "sixty" alone is 6 and 0.
        let k = j;
        if (u[k] === 45 || u[k] === 32) {
          let q = k + 1;
          while (q < text.length && isAsciiLetter(u[q]!)) q++;
          const unit = DIGIT[text.slice(k + 1, q).toLowerCase()];
          if (unit !== undefined && unit > 0) k = q;
        }
        count += 2;
        end = k;
        j = k;
      } else break;
      words++;
      i = j;
    } else break;
    if (count > want) return -1;
  }
  // At least one word: a number in plain digits is the digit readers' own.
  return count === want && words > 0 ? end : -1;
}

/** The first two letters and the length of a word, in any case. */
function wordKey(a: number, b: number, length: number): number {
  return ((a | 32) * 128 + (b | 32)) * 32 + Math.min(length, 31);
}

// Every word the loop above reads: DIGIT's keys ("constructor" too: DIGIT is a plain object, so
// DIGIT['constructor'] is defined and the loop counts it), "double", "triple", TEENS and TENS.
const NUMBER_WORD_KEYS: ReadonlySet<number> = new Set(
  [...Object.keys(DIGIT), 'constructor', 'double', 'triple', ...TEENS, ...TENS]
    .filter((w) => w.length > 1)
    .map((w) => wordKey(w.charCodeAt(0), w.charCodeAt(1), w.length)),
);

/** Whether the ASCII word at p may be one the loop reads (false: it stops there, no word read). */
function numberWordAt(u: Uint16Array, p: number): boolean {
  let j = p;
  while (isAsciiLetter(u[j]!)) j++;
  // "o" is DIGIT's only one-letter word.
  if (j - p === 1) return (u[p]! | 32) === 111;
  return NUMBER_WORD_KEYS.has(wordKey(u[p]!, u[p + 1]!, j - p));
}
