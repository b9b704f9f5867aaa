/**
 * Given names that OCR or a speech-to-text transcript split with a space: "Ma rgaret Oyelaran", "Fa tima",
 * "Gra ce Obi". A short capitalised fragment (three letters at most) that no list knows, then a lower-case fragment, that together
 * spell a given name the gazetteer knows are one word; the capitalised words right after it are its
 * surname. An everyday given name ("Grace") needs that surname. The fragment must be no name of its
 * own, nor the rest a listed word, so "Al ex" (two names) or "Ed ward round" are not joined.
 */
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, F_ORG, wordFlags } from './persons-flags';
import { found } from './persons-words';
import type { Scan } from './scan';

const SHORT_WORDS = new Set(
  'a an in on at to is it of as be by do go he if me my no or so up us we am are and but for the not can was has had her his its our you'.split(
    ' ',
  ),
);

/** Above a cue's reading of the fragment alone ("Pt name:Ma" at 0.92). */
const SCORE = 0.93;

/**
 * The split given name opening at word `w`, a capitalised word of at most three letters followed by a
 * space and a lower-case letter (word-shapes.ts tests that much).
 */
export function splitAt(s: Scan, text: string, u: Uint16Array, w: number): void {
  const n = found.words;
  const start = found.start[w]!;
  const end = found.end[w]!;
  // A listed word of its own ("The", "Can", "Al") is no fragment: most short capitalised words stop here.
  if ((found.lf[w]! & (F_FIRST | F_AMBIGUOUS | F_LAST | F_NOT_NAME)) !== 0) return;
  let q = end + 1;
  while (isLower(u[q]!)) q++;
  if (isLetterOrDigit(u[q]!)) return;
  // A rest that is a listed or a short everyday word of its own ("Ed ward round", "Jus t in") is that word.
  const rest = text.slice(end + 1, q);
  if (SHORT_WORDS.has(rest) || (wordFlags(rest) & (F_NOT_NAME | F_FIRST | F_LAST | F_AMBIGUOUS)) !== 0)
    return;
  const joined = (text.slice(start, end) + rest).toLowerCase();
  const f = wordFlags(joined);
  if ((f & (F_FIRST | F_AMBIGUOUS)) === 0 || (f & F_NOT_NAME) !== 0) return;
  // The surname: up to two capitalised words right after it.
  let last = q;
  let k = w + 1;
  while (k < n && k <= w + 2 && found.start[k] === last + 1 && u[last] === 32) {
    if ((found.lf[k]! & (F_NOT_NAME | F_ORG)) !== 0 || found.end[k]! - found.start[k]! < 2) break;
    last = found.end[k]!;
    k++;
  }
  if ((f & F_FIRST) === 0 && last === q) return;
  s.add(start, last, 'PERSON', SCORE);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isLetterOrDigit(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122 ? true : (c >= 48 && c <= 57) || c >= 128;
}
