/**
 * One pass over a text's code units for the person recognizer: every capitalised word (with its
 * gazetteer flags), every "my name is" / "i am" / "this is" / "call me" introduction, and where Han
 * characters may start. It replaces three full-text regexes and a lower-cased copy of the text.
 *
 * Work can start only at the first letter of an ASCII letter run and at code units >= 128.
 */
import { codeUnits } from './code-units';
import { INTRO_LENGTHS, introAt } from './persons-intro';
import { isPossessive as possessiveAt, POSSESSIVE_LENGTHS } from './kin-names';
import { asciiWordAt, found, grow, IS_UPPER, regexWordAt, UPPER_FROM } from './persons-words';

export { found } from './persons-words';

// Module-local: a plain constant is cheaper to reach in the hot path than an imported binding.
const POSSESSIVE_BITS: Uint8Array = POSSESSIVE_LENGTHS;
const isPossessive = possessiveAt;

/** Per first letter (& 31), bit n: a run of n letters may open an introduction or be a possessive. */
export const RUN_LENGTHS = new Uint8Array(32);
for (let k = 0; k < 32; k++) RUN_LENGTHS[k] = INTRO_LENGTHS[k]! | POSSESSIVE_LENGTHS[k]!;

/** Finds the words and introductions of `text` (into `found`) and returns its code units. */
export function pass(text: string): Uint16Array {
  const u = codeUnits(text);
  const n = text.length;
  beginPass();
  let i = 0;
  while (i < n) {
    let c = u[i]!;
    if (((c | 32) - 97) >>> 0 < 26) {
      const start = i;
      do c = u[++i]!;
      while (((c | 32) - 97) >>> 0 < 26);
      atRun(u, text, n, start, i);
      continue;
    }
    if (c >= 128) atOther(text, i, c);
    i++;
  }
  return u;
}

/**
 * Empties `found` for a new text. The text pass (scan-pass.ts) may do this pass's work in its own loop
 * over the same letter runs: it calls this, then `atRun` and `atOther` exactly where `pass` would.
 */
export function beginPass(): void {
  found.words = 0;
  found.intros = 0;
  found.possessives = 0;
  found.firstHan = -1;
  found.astralHan = false;
  found.oddCase = false;
  found.others = 0;
  capFrom = 0;
  introFrom = 0;
}

// Where the next capital word and the next introduction may start: like a global regex, neither
// kind of match overlaps the previous one.
let capFrom = 0;
let introFrom = 0;

/** The work at the ASCII letter run [i, q): introductions and capital words can only start there. */
export function atRun(u: Uint16Array, text: string, n: number, i: number, q: number): void {
  const c = u[i]!;
  // Only a run as long as an introduction's first word can open one (a cheap test on most words).
  if (((INTRO_LENGTHS[c & 31]! >> (q - i)) & 1) !== 0 && i >= introFrom) {
    const e = introAt(u, n, i + 1);
    if (e > 0) {
      pushIntro(e);
      introFrom = e;
    }
  }
  if (u[q] === 32 && ((POSSESSIVE_BITS[c & 31]! >> (q - i)) & 1) !== 0 && isPossessive(u, i, q)) {
    if (found.possessives === found.possessiveEnd.length) found.possessiveEnd = grow(found.possessiveEnd);
    found.possessiveEnd[found.possessives++] = q + 1;
  }
  if (c <= 90 && i >= capFrom) capFrom = asciiWordAt(u, text, n, i, q);
}

/** The work at a code unit >= 128. */
export function atOther(text: string, i: number, c: number): void {
  if (found.others === found.other.length) found.other = grow(found.other);
  found.other[found.others++] = i;
  if (c === 0x130 || c === 0x212a) found.oddCase = true;
  if (c >= UPPER_FROM && c < 0x530) {
    if (i >= capFrom && IS_UPPER[c - UPPER_FROM] === 1) capFrom = regexWordAt(text, i);
  } else if (mayOpenHan(c)) {
    if (found.firstHan < 0) found.firstHan = i;
    if (c >= 0xd800) found.astralHan = true;
  }
}

/** The code units that can open a Han-script character (a superset), as in the old HAN_FIRST regex. */
function mayOpenHan(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fff) ||
    (c >= 0x3005 && c <= 0x303b) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0xd81b ||
    (c >= 0xd840 && c <= 0xd8ff)
  );
}

function pushIntro(e: number): void {
  if (found.intros === found.introEnd.length) found.introEnd = grow(found.introEnd);
  found.introEnd[found.intros++] = e;
}
