/**
 * A given name in the possessive: "dropping the kids at Gemma's", "coming to Sarah's 30th", "I saw
 * Priya's car". The names pass reads "Sarah's" as one word, which no list holds; here the name before
 * the "'s" is looked up instead. Only a listed given name that is no everyday word counts, and not
 * after "St" ("St John's Wood") or beside another capitalised word (the names pass reads "Sarah
 * Jones's" as a run, and "Ben & Jerry's" is a firm's).
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, FLAGS } from './persons-flags';
import type { Scan } from './scan';

const SCORE = 0.7;
const NEVER = F_AMBIGUOUS | F_NOT_NAME | F_ORG | F_TITLE;

/** The capitalised word [start, end) ends in "'s" or "’s" and holds at least three letters before it. */
export function isPossessive(u: Uint16Array, start: number, end: number): boolean {
  return end - start >= 5 && (u[end - 1]! | 32) === 115 && (u[end - 2] === 39 || u[end - 2] === 0x2019);
}

export function possessiveAt(s: Scan, text: string, u: Uint16Array, start: number, end: number): void {
  const stem = end - 2;
  if ((FLAGS.get(u, text, start, stem) & (F_FIRST | NEVER)) !== F_FIRST) return;
  if (capitalisedBefore(u, start) || capitalisedAfter(u, end)) return;
  // "Margaret's been gone a year": the "'s" is a verb's, said with the name; masked with it.
  s.add(start, CONTRACTED.test(text.slice(end, end + 12)) ? end : stem, 'PERSON', SCORE);
}

// Words after a name's "'s" that make it "is" or "has" rather than a possessive.
const CONTRACTED =
  /^ (?:been|got|gone|not|going|coming|just|always|never|still|here|there|done|had|left|moved|passed|died|a|an|the|in|at|on|off|out|back|away|so|very|too)\b/;

/** The word before `start` (past one space, or " & ") is capitalised: "St John's", "Ben & Jerry's". */
function capitalisedBefore(u: Uint16Array, start: number): boolean {
  let p = start - 1;
  if (p < 1 || u[p] !== 32) return false;
  p--;
  if (u[p] === 38 && u[p - 1] === 32) p -= 2;
  if (u[p] === 46) p--;
  let q = p;
  while (q >= 0 && isLetter(u[q]!)) q--;
  return q < p && isUpper(u[q + 1]!);
}

/** A capitalised word right after: "Sarah's Cakes", "Peter's Church" name a firm or a place. */
function capitalisedAfter(u: Uint16Array, end: number): boolean {
  return u[end] === 32 && isUpper(u[end + 1] ?? 0);
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
