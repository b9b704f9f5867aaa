/**
 * Names read from the structure they stand in rather than from a cue of their own, once another name in
 * the same structure is known:
 *  - a coordination: "Pam, Tony and Sue can't make it", "assisted by Joy and Femi". A capitalised
 *    single word joined by ", ", " and " or " & " to a name already read is one too, when the gazetteer
 *    knows it as a given name (an everyday word such as "Joy" or "Sue" included) and not as a non-name.
 *  - the heads of a note's entries: "Med round: Ivy — paracetamol given. Walter — declined. Lily —
 *    asleep." A capitalised single word opening a line or sentence (or after a heading's colon) right
 *    before a dash is an entry's subject; when the text has two such heads or more and one of them is a
 *    name (read already, or a given name the gazetteer knows), every head that is not a listed non-name
 *    is a name too.
 * Both only add single words, never inside a span already found.
 */
import {
  F_AMBIGUOUS,
  F_FIRST,
  F_NOT_NAME,
  F_ORG,
  F_TITLE,
  FLAGS,
  WORD_FLAGS,
  wordFlags,
} from './persons-flags';
import type { Candidate, Scan } from './scan';

const SCORE = 0.7;
const FOUND_SCORE = 0.5;
const GIVEN = F_FIRST | F_AMBIGUOUS;
const NOT_A_NAME = F_NOT_NAME | F_TITLE | F_ORG;

// One capitalised word (Latin letters, an inner apostrophe or hyphen), whole: a dash entry's head.
const WORD = String.raw`\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)?`;
// A head: at the text's or a line's start, or after a sentence's or heading's mark, then a spaced dash.
const HEAD = new RegExp(String.raw`(?:^|\n|[.:;!?] )[ \t]*(?:[-•*] )?(${WORD}) [–—-] (?=\S)`, 'gu');

export function listNames(s: Scan): void {
  if (s.hasSpacedDash) entryHeads(s);
  coordinated(s);
}

function isFound(s: Scan, c: Candidate): boolean {
  return c.type === 'PERSON' && c.score >= FOUND_SCORE;
}

function overlapsAny(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.score >= FOUND_SCORE && start < c.end && c.start < end) return true;
  return false;
}

function flagsOf(word: string): number {
  return wordFlags(word.toLowerCase());
}

function coordinated(s: Scan): void {
  const out = s.out;
  let u: Uint16Array | null = null;
  // The candidates double as the work list: a name added here is appended and joined from in turn
  // ("Pam, Tony and Sue" from "Tony").
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    if (!isFound(s, c)) continue;
    u ??= s.codes;
    const from = joinedAfter(u, c.end);
    if (from >= 0) {
      const to = capitalisedWordEnd(u, from);
      if (to > 0) tryAdd(s, from, to);
    }
    const to = joinedBefore(u, c.start);
    if (to >= 0) {
      // Back over the lower-case letters to the capital that opens the word.
      let from = to;
      while (from > 0 && isLower(u[from - 1]!)) from--;
      if (from < to && from > 0 && isUpper(u[from - 1]!) && (from === 1 || !isWordUnit(u[from - 2]!))) {
        tryAdd(s, from - 1, to);
      }
    }
  }
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isWordUnit = (c: number): boolean =>
  isLower(c) || isUpper(c) || (c >= 48 && c <= 57) || c >= 0xc0 || c === 39 || c === 0x2019 || c === 45;

/** Where the word after ", ", " and " or " & " at `p` starts, or -1. */
function joinedAfter(u: Uint16Array, p: number): number {
  if (u[p] === 44 && u[p + 1] === 32) return p + 2;
  if (u[p] !== 32) return -1;
  if (u[p + 1] === 38 && u[p + 2] === 32) return p + 3;
  if (u[p + 1] === 97 && u[p + 2] === 110 && u[p + 3] === 100 && u[p + 4] === 32) return p + 5;
  return -1;
}

/** Where the word before ", ", " and " or " & " ending at `p` ends, or -1. */
function joinedBefore(u: Uint16Array, p: number): number {
  if (p >= 2 && u[p - 1] === 32 && u[p - 2] === 44) return p - 2;
  if (p < 3 || u[p - 1] !== 32) return -1;
  if (u[p - 2] === 38 && u[p - 3] === 32) return p - 3;
  if (p >= 5 && u[p - 2] === 100 && u[p - 3] === 110 && u[p - 4] === 97 && u[p - 5] === 32) return p - 5;
  return -1;
}

/** The end of an ASCII capitalised word (a capital then lower-case letters) at `p`, or -1. */
function capitalisedWordEnd(u: Uint16Array, p: number): number {
  if (!isUpper(u[p]!)) return -1;
  let q = p + 1;
  while (isLower(u[q]!)) q++;
  if (q === p + 1 || isWordUnit(u[q]!)) return -1;
  return q;
}

function tryAdd(s: Scan, start: number, end: number): void {
  // Read from the code units: no slice and lower-cased copy per joined word.
  const flags = FLAGS.get(s.codes, s.text, start, end) & WORD_FLAGS;
  if ((flags & GIVEN) === 0 || (flags & NOT_A_NAME) !== 0) return;
  // A word that opens a longer capitalised run is not a whole name of one word ("Tony and Sue Ryder").
  if (isCapitalisedWordAt(s.text, end + 1) && s.text.charCodeAt(end) === 32) return;
  if (overlapsAny(s, start, end)) return;
  s.add(start, end, 'PERSON', SCORE);
}

function isCapitalisedWordAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return c >= 65 && c <= 90;
}

function entryHeads(s: Scan): void {
  const text = s.text;
  const heads: Array<[number, number, number]> = [];
  let named = false;
  HEAD.lastIndex = 0;
  for (let m = HEAD.exec(text); m !== null; m = HEAD.exec(text)) {
    const word = m[1]!;
    const start = m.index + m[0].indexOf(word);
    const end = start + word.length;
    const flags = flagsOf(word);
    if ((flags & NOT_A_NAME) !== 0) continue;
    heads.push([start, end, flags]);
    if ((flags & GIVEN) !== 0 || s.out.some((c) => isFound(s, c) && c.start === start && c.end === end))
      named = true;
    // The dash's space is left for the next head's sentence mark.
    HEAD.lastIndex = end;
  }
  if (heads.length < 2 || !named) return;
  for (const [start, end] of heads) if (!overlapsAny(s, start, end)) s.add(start, end, 'PERSON', SCORE);
}
