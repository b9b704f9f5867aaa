/**
 * Introductions: "my name is", "i am", "i'm", "this is", "call me", followed by a lower-case given
 * name ("my name is sarah jones"); and the spoken openers "it's", "its", "it is", "im", "names",
 * "name's" ("its chidi again", "names geraldine fox"). The pass (persons-pass.ts) finds where each
 * introduction ends with `introAt`; `introducedNames` then reads the name after it.
 */
import * as names from './names';
import { F_AMBIGUOUS, F_FIRST, FLAGS } from './persons-flags';
import type { Scan } from './scan';

// Module-local references: a plain constant is cheaper to reach than an imported binding (which some
// loaders wrap in a getter).
const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = names.AMBIGUOUS_FIRST_NAMES;
const FIRST_NAMES: ReadonlySet<string> = names.FIRST_NAMES;
const LAST_NAMES: ReadonlySet<string> = names.LAST_NAMES;
const NOT_NAME_WORDS: ReadonlySet<string> = names.NOT_NAME_WORDS;

// A lower-case name right after an introduction ("my name is sarah jones"), tried sticky at each one.
const LOWER_NAME = /\p{Ll}[\p{L}\p{M}'’-]{1,24}(?: \p{Ll}[\p{L}\p{M}'’-]{1,24})?/uy;
// Introductions in the lower-cased text, for the rare text whose lower-casing is not letter-for-letter
// (`oddCase` below); the pass finds them in all others with `introAt`. The look-behind keeps "claim is"
// out and lets "xmy name is" still match at "name is" (both end at the same place, so no name is lost
// to the missing overlap). The second and third branches are the spoken openers, each tied to its
// own first letter.
const LOWER_INTRO =
  /(?:[mnitc](?<![a-z].)(?:y name(?: is|'s)|ame is| am|'m|his is|all me)|(?<![a-z])i(?:t(?:'s|’s|s| is)|m)|(?<![a-z])name(?:s|'s)) /g;

// An introduction, as the regex above has it. Its first letter opens a run of ASCII letters ("my",
// "name", "i", "this", "call", "it", "its", "im", "names"), so only runs of that length can open one:
// per first letter (& 31), bit n is set for a run of n letters. The rest is compared by `introAt`,
// ignoring ASCII case.
export const INTRO_LENGTHS = new Uint8Array(32);
for (const word of ['my', 'name', 'i', 'this', 'call', 'it', 'its', 'im', 'names'])
  INTRO_LENGTHS[word.charCodeAt(0) & 31]! |= 1 << word.length;

/** The end of the introduction whose first letter is just before `p`, or -1. */
export function introAt(u: Uint16Array, n: number, p: number): number {
  switch (u[p]! | 32) {
    case 121: // y
      if (!lowerAt(u, n, p, 'y name')) return -1;
      return lowerAt(u, n, p + 6, ' is ') ? p + 10 : lowerAt(u, n, p + 6, "'s ") ? p + 9 : -1;
    case 97: // a
      if (lowerAt(u, n, p, 'ame is ') || lowerAt(u, n, p, 'all me ')) return p + 7;
      if ((u[p - 1]! | 32) !== 110) return -1;
      return lowerAt(u, n, p, 'ames ') ? p + 5 : lowerAt(u, n, p, "ame's ") ? p + 6 : -1;
    case 32: // ' ' (| 32 leaves a space a space)
      return lowerAt(u, n, p, ' am ') ? p + 4 : -1;
    case 39: // '
      return lowerAt(u, n, p, "'m ") ? p + 3 : -1;
    case 104: // h
      return lowerAt(u, n, p, 'his is ') ? p + 7 : -1;
    case 116: // t, of "it's", "its", "it is"
      if ((u[p - 1]! | 32) !== 105) return -1;
      if ((u[p + 1]! === 39 || u[p + 1]! === 0x2019) && lowerAt(u, n, p + 2, 's ')) return p + 4;
      return lowerAt(u, n, p, 'ts ') ? p + 3 : lowerAt(u, n, p, 't is ') ? p + 5 : -1;
    case 109: // m, of "im"
      return (u[p - 1]! | 32) === 105 && u[p + 1]! === 32 ? p + 2 : -1;
    default:
      return -1;
  }
}

/** Whether `lit` (lower case) is at `p`, ASCII letters in either case. */
function lowerAt(u: Uint16Array, n: number, p: number, lit: string): boolean {
  if (p + lit.length > n) return false;
  for (let k = 0; k < lit.length; k++) {
    const r = lit.charCodeAt(k);
    const c = u[p + k]!;
    if (r >= 97 ? (c | 32) !== r : c !== r) return false;
  }
  return true;
}

/**
 * Adds the names after the introductions that end at `ends[0, count)` (found by the pass, with `u`
 * the text's code units), or, when `oddCase`, after those in the lower-cased text.
 */
export function introducedNames(
  s: Scan,
  u: Uint16Array,
  ends: Int32Array,
  count: number,
  oddCase: boolean,
): void {
  if (oddCase) {
    const lower = s.lower;
    LOWER_INTRO.lastIndex = 0;
    let intro: RegExpExecArray | null;
    while ((intro = LOWER_INTRO.exec(lower)) !== null) introducedName(s, intro.index + intro[0].length);
    return;
  }
  for (let k = 0; k < count; k++) {
    const pos = ends[k]!;
    if (mayBeGivenName(u, s.text, pos)) introducedName(s, pos);
  }
}

/**
 * False when the lower-case name regex below cannot find a given name at `pos` ("this is the",
 * "I am on"), decided from ASCII code units alone; true when it may (or when non-ASCII needs the regex).
 */
function mayBeGivenName(u: Uint16Array, text: string, pos: number): boolean {
  const n = text.length;
  if (pos >= n) return false;
  const c = u[pos]!;
  if (c >= 128) return true;
  if (c < 97 || c > 122) return false;
  // The regex's first word: up to 24 more letters, apostrophes or hyphens.
  const limit = pos + 25 < n ? pos + 25 : n;
  let q = pos + 1;
  for (; q < limit; q++) {
    const d = u[q]!;
    if (d >= 128) return true;
    if (!((d | 32) >= 97 && (d | 32) <= 122) && d !== 39 && d !== 45) break;
  }
  return q > pos + 1 && (FLAGS.get(u, text, pos, q) & (F_FIRST | F_AMBIGUOUS)) !== 0;
}

/** A lower-case given name (and known surname) at `pos`, just after an introduction. */
function introducedName(s: Scan, pos: number): void {
  LOWER_NAME.lastIndex = pos;
  const m = LOWER_NAME.exec(s.text);
  if (!m) return;
  const parts = m[0].split(' ');
  const first = parts[0]!.toLowerCase();
  const second = parts[1]?.toLowerCase();
  const surname = second !== undefined && LAST_NAMES.has(second);
  // After a spoken opener an everyday word that is also a name ("its grace period") is one only with a
  // surname the gazetteer knows after it ("im grace baker", "its precious adeyemi here").
  // Unless the speaker goes on about themself ("its kerry i need to", "it's robin here").
  if (
    !FIRST_NAMES.has(first) &&
    (!AMBIGUOUS_FIRST_NAMES.has(first) ||
      (!surname && spokenOpener(s.text, pos) && !selfAfter(s.text, m.index + parts[0]!.length, first)))
  )
    return;
  const len = surname ? m[0].length : parts[0]!.length;
  s.add(m.index, m.index + len, 'PERSON', 0.7);
}

// What a caller says right after their own name: "i", "calling", "from", a filler ("its sunny here"
// and "its grace again" say nothing of a caller).
const SELF_AFTER = / (?:i|im|i'm|i’m|calling|ringing|speaking|from|um|erm|er)(?![a-z'’])/y;
// Names that are also the weather, a season or a month: "its sunny i think", "its summer i know".
const WEATHER = new Set(['summer', 'autumn', 'sunny', 'dawn', 'sky', 'june', 'april', 'august', 'may']);

/** "kerry i need": the speaker goes on after the word at [.., end); not for a listed non-name ("may"). */
function selfAfter(text: string, end: number, word: string): boolean {
  if (NOT_NAME_WORDS.has(word) || WEATHER.has(word)) return false;
  SELF_AFTER.lastIndex = end;
  return SELF_AFTER.test(text);
}

/**
 * Whether the introduction ending at `pos` is a spoken opener ("it's ", "its ", "it is ", "im "): those
 * open any sentence ("it's may 3rd", "its will power"), so an everyday word that is also a name
 * ("may", "will", "grace") is not read as one after them.
 */
export function spokenOpener(text: string, pos: number): boolean {
  const tail = text.slice(Math.max(0, pos - 6), pos).toLowerCase();
  return SPOKEN_OPENER.test(tail);
}

// The opener at the end of the six characters before a name: "it's ", "it’s ", "its ", "it is ", "im ".
const SPOKEN_OPENER = /(?:^|[^a-z])i(?:t['’]?s|t is|m) $/;
