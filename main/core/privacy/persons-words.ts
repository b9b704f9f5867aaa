/**
 * The capitalised words the person pass (persons-pass.ts) finds, with their gazetteer flags: ASCII
 * words are matched and packed for the gazetteer inline; a capital word that touches any other
 * character is matched by the original Unicode regex, tried sticky at that one position, so both
 * paths give exactly the matches the global regex would.
 */
import { isAsciiLetter } from './chars';
import { F_FIRST, F_LAST, F_NOT_NAME, F_WIDE, FLAGS, fold, WORD_FLAGS, wordFlags } from './persons-flags';
import { pack, PACKED_CHARS } from './persons-table';

/** The words and introductions of the last text passed to `pass` (reused: no allocation per text). */
export const found = {
  words: 0,
  start: new Int32Array(64) as Int32Array,
  end: new Int32Array(64) as Int32Array,
  /** Gazetteer flags of the lower-cased word. */
  lf: new Int32Array(64) as Int32Array,
  /** Gazetteer flags of the word without diacritics (García → garcia). */
  ff: new Int32Array(64) as Int32Array,
  intros: 0,
  /** Where the name may start after each introduction. */
  introEnd: new Int32Array(16) as Int32Array,
  possessives: 0,
  /** Where the word after each possessive ("my", "her", "their" and a space) starts: kin-names.ts. */
  possessiveEnd: new Int32Array(16) as Int32Array,
  /** The first code unit that may open a Han character, or -1. */
  firstHan: -1,
  /** A high surrogate that may open a Han character outside the BMP was seen. */
  astralHan: false,
  /**
   * The text holds a Kelvin sign or a dotted capital I: lower-casing turns them into ASCII letters or
   * changes the text's length, so introductions must be found in the lower-cased text as before.
   */
  oddCase: false,
  /** Where the text's code units >= 128 are (Han names are looked for among them). */
  others: 0,
  other: new Int32Array(64) as Int32Array,
};

// A capitalised word: an uppercase letter, then letters, with inner apostrophes or hyphens (O'Brien,
// Jean-Luc), not inside a longer word. Covers Latin, Greek and Cyrillic capitals. Sticky: tried only
// where the pass cannot decide with ASCII alone.
const CAP_WORD_AT =
  /[A-Z\u00C0-\u024F\u0370-\u052F](?<=\p{Lu})(?<![\p{L}\p{M}\p{N}'’].)[\p{L}\p{M}'’-]{0,24}(?![\p{L}\p{M}\p{N}])/uy;

// Which code units from U+00C0 to U+052F can start a capital word (the regex's first class, and
// uppercase): the rest never match, so the regex is not tried there.
export const UPPER_FROM = 0xc0;
export const IS_UPPER = new Uint8Array(0x530 - UPPER_FROM);
for (let c = UPPER_FROM; c < 0x530; c++) {
  const ch = String.fromCharCode(c);
  IS_UPPER[c - UPPER_FROM] = /[\u00C0-\u024F\u0370-\u052F]/.test(ch) && /\p{Lu}/u.test(ch) ? 1 : 0;
}

/**
 * The capital word at `p` (an ASCII capital opening the letter run [p, q)) and where the search goes
 * on: the end of the match, or p + 1 when there is none.
 */
export function asciiWordAt(u: Uint16Array, text: string, n: number, p: number, q: number): number {
  const prev = p > 0 ? u[p - 1]! : 32;
  if (prev >= 128) return regexWordAt(text, p);
  // Not after a digit or an apostrophe (a letter cannot be there: p opens a letter run).
  if ((prev >= 48 && prev <= 57) || prev === 39) return p + 1;
  const limit = p + 25 < n ? p + 25 : n;
  // The commonest word: letters, then a space or punctuation. Anything else (an apostrophe, hyphen,
  // digit or non-ASCII character next, the 25-character limit or the text's end) takes the general path.
  const next = u[q]!;
  if (q >= limit || next === 39 || next === 45 || next >= 128 || (next >= 48 && next <= 57)) {
    return generalWordAt(u, text, n, p, limit);
  }
  const len = q - p;
  let lf = len > PACKED_CHARS ? 0 : packedFlags(u, p, len);
  // All-capitals tokens are acronyms and codes (GA, NHS, ISA) unless the gazetteer knows them.
  if (isAcronym(u, p, q, lf)) lf = F_NOT_NAME;
  pushWord(p, q, lf, lf);
  return q;
}

/**
 * Gazetteer flags of the ASCII letters [p, p + len), len <= 12, packed as FLAGS wants them. Each
 * group of six is packed whole, reading past the word, and the extra characters shifted out: no
 * branch per letter, whose mispredictions cost more than the packing.
 */
function packedFlags(u: Uint16Array, p: number, len: number): number {
  // Past the buffer's end (a text close to its size) the letters are packed one by one.
  if (p + PACKED_CHARS > u.length) {
    return FLAGS.lookup(packFrom(u, p, len, 0), packFrom(u, p, len, 6), len) & WORD_FLAGS;
  }
  const k1 = six(u, p) >>> (5 * (6 - (len < 6 ? len : 6)));
  // A shift by 30 empties the 30-bit group: a word of six letters or fewer has no second group.
  const k2 = six(u, p + 6) >>> (5 * (12 - (len < 6 ? 6 : len)));
  return FLAGS.lookup(k1, k2, len) & WORD_FLAGS;
}

/** Six code units from `p`, each cut to the five bits that are a letter's code (CODES), packed. */
function six(u: Uint16Array, p: number): number {
  return (
    ((u[p]! & 31) << 25) |
    ((u[p + 1]! & 31) << 20) |
    ((u[p + 2]! & 31) << 15) |
    ((u[p + 3]! & 31) << 10) |
    ((u[p + 4]! & 31) << 5) |
    (u[p + 5]! & 31)
  );
}

/** The packed key of the letters [p + from, p + min(len, from + 6)). */
function packFrom(u: Uint16Array, p: number, len: number, from: number): number {
  let k = 0;
  for (let d = from; d < len && d < from + 6; d++) k = pack(k, u[p + d]! & 31);
  return k;
}

function isAcronym(u: Uint16Array, p: number, end: number, lf: number): boolean {
  return (
    end - p > 1 &&
    u[p + 1]! >= 65 &&
    u[p + 1]! <= 90 &&
    ((lf & (F_FIRST | F_LAST)) === 0 || (lf & F_WIDE) !== 0) &&
    !hasLower(u, p, end)
  );
}

/** `asciiWordAt` for a word with apostrophes, hyphens or more than 24 letters, or a digit or non-ASCII next. */
function generalWordAt(u: Uint16Array, text: string, n: number, p: number, limit: number): number {
  // Up to 24 letters, apostrophes and hyphens.
  let q = p + 1;
  while (q < limit && (isAsciiLetter(u[q]!) || u[q] === 39 || u[q] === 45)) q++;
  let e = q;
  if (q < n) {
    const next = u[q]!;
    if (next >= 128) return regexWordAt(text, p);
    if (isAsciiLetter(next) || (next >= 48 && next <= 57)) {
      // No letter or digit may follow: the regex backs off to the last apostrophe or hyphen.
      e = q - 1;
      while (e > p && u[e] !== 39 && u[e] !== 45) e--;
      if (e === p) return p + 1;
    }
  }
  // Possessives and dashes are not part of the name ("Jones'", "Smith-").
  let end = e;
  while (end - p > 1 && (u[end - 1] === 39 || u[end - 1] === 45)) end--;
  let lf = FLAGS.get(u, text, p, end) & WORD_FLAGS;
  if (isAcronym(u, p, end, lf)) lf = F_NOT_NAME;
  pushWord(p, end, lf, lf);
  return e;
}

function hasLower(u: Uint16Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (u[k]! >= 97 && u[k]! <= 122) return true;
  return false;
}

/** The capital word at `p` by the Unicode regex (the word's text and its context may be non-ASCII). */
export function regexWordAt(text: string, p: number): number {
  CAP_WORD_AT.lastIndex = p;
  const m = CAP_WORD_AT.exec(text);
  if (m === null) return p + 1;
  let word = m[0];
  let len = word.length;
  while (len > 1) {
    const c = word.charCodeAt(len - 1);
    if (c !== 39 && c !== 0x2019 && c !== 45) break;
    len--;
  }
  if (len !== word.length) word = word.slice(0, len);
  const lower = word.toLowerCase();
  const lf = wordFlags(lower);
  const folded = fold(lower);
  const ff = folded === lower ? lf : wordFlags(folded);
  const c1 = word.charCodeAt(1);
  // A name in capitals keeps its diacritics ("SIOBHÁN", "ŁUKASZ"): the list knows it without them.
  if (c1 >= 65 && c1 <= 90 && !listedName(lf | ff) && word === word.toUpperCase()) {
    pushWord(p, p + len, F_NOT_NAME, F_NOT_NAME);
  } else {
    pushWord(p, p + len, lf, ff);
  }
  return p + m[0].length;
}

/** A given name or surname from the hand list: enough to read a word in capitals as a name. */
function listedName(flags: number): boolean {
  return (flags & (F_FIRST | F_LAST)) !== 0 && (flags & F_WIDE) === 0;
}

function pushWord(start: number, end: number, lf: number, ff: number): void {
  const k = found.words++;
  if (k === found.start.length) {
    found.start = grow(found.start);
    found.end = grow(found.end);
    found.lf = grow(found.lf);
    found.ff = grow(found.ff);
  }
  found.start[k] = start;
  found.end[k] = end;
  found.lf[k] = lf;
  found.ff[k] = ff;
}

export function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
