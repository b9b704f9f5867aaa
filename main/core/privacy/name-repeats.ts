/**
 * A person named once is usually named again: "its dave um dave prendergast", "Hi Priya, ... Priya
 * said", a chat member read from "removed obinna" and then opening "obinna was added by chioma". Once
 * a reader has found a name, its other mentions in the same text are the same person, even where their
 * own context says nothing.
 *
 * Only words that cannot be anything else are carried over: a given name or surname the gazetteer knows
 * and that is no everyday word ("Will", "Grace" stay where they are). Lower-case mentions count only
 * in a text typed without capitals (chat-names.ts's test) and only for hand-listed given names.
 * Capitalised mentions are the names pass's words, so most texts cost a walk over a few flags.
 */
import { lowerOpening } from './chat-names';
import {
  F_AMBIGUOUS,
  F_FIRST,
  F_LAST,
  F_NOT_NAME,
  F_ORG,
  F_TITLE,
  F_WIDE,
  FLAGS,
  wordFlags,
} from './persons-flags';
import { found } from './persons-words';
import type { Scan } from './scan';

const FOUND_SCORE = 0.5;
const SCORE = 0.7;
const NEVER = F_AMBIGUOUS | F_NOT_NAME | F_TITLE | F_ORG;

/**
 * `capitalised`: the names pass ran on this text, so its capitalised words and their flags (`found`)
 * are this text's: a capitalised mention is looked for among them, not searched for.
 */
export function repeatedNames(s: Scan, capitalised: boolean): void {
  if (capitalised) capitalisedMentions(s);
  if (lowerOpening(s.text)) lowerMentions(s);
}

/** A capitalised word the names pass flagged as a listed name, outside every name, that a name holds. */
function capitalisedMentions(s: Scan): void {
  if (!twiceFlagged(s.codes)) return;
  const text = s.text;
  const n = found.words;
  // The found names' spans, once: most flagged words lie inside one and are passed over on them.
  let names: number[] | null = null;
  for (const c of s.out)
    if (c.type === 'PERSON' && c.score >= FOUND_SCORE) (names ??= []).push(c.start, c.end);
  if (names === null) return;
  for (let w = 0; w < n; w++) {
    const f = found.lf[w]!;
    if (!carried(f)) continue;
    const start = found.start[w]!;
    const end = found.end[w]!;
    if (end - start < (f === 0 ? UNLISTED_MIN : 3) || inside(names, start, end)) continue;
    if (overlapsFound(s, start, end) || !inFoundName(s, start, end, f === 0 ? UNLISTED_SOURCE : FOUND_SCORE))
      continue;
    if (!boundary(text, start - 1) || !boundary(text, end) || orgAfter(text, end)) continue;
    addJoined(s, start, end);
  }
}

/**
 * A listed given name or surname that is no everyday word, or a word no list knows at all: "Gruffydd"
 * of "Gruffydd ap Rhys" is as much that person's when the reply says "Of course Gruffydd". A found
 * name's unlisted word is carried only where a reader found it in a name first.
 */
function carried(f: number): boolean {
  return f === 0 || ((f & NEVER) === 0 && (f & (F_FIRST | F_LAST)) !== 0);
}

/**
 * An unlisted word is carried from a confident reading only (a cue's, a title's, a listed given name's):
 * a weak one may be an organisation's name the vetoes drop later ("Surgical Assessment Unit").
 */
const UNLISTED_SOURCE = 0.8;

/** An unlisted word shorter than this is as often a code or an abbreviation ("Ref", "Apt"). */
const UNLISTED_MIN = 4;

// The flagged words' indices, reused from text to text.
let flagged = new Int32Array(16);

/**
 * Whether some listed name is among the names pass's words twice (case aside): a capitalised mention
 * can only repeat a name's word that the pass saw too, so most texts stop here on a few comparisons.
 */
function twiceFlagged(u: Uint16Array): boolean {
  // The pass's arrays in locals: read once per word, not through `found` each time.
  const words = found.words;
  const lfs = found.lf;
  const starts = found.start;
  const ends = found.end;
  let marks = flagged;
  let k = 0;
  for (let w = 0; w < words; w++) {
    const f = lfs[w]!;
    if (!carried(f)) continue;
    const start = starts[w]!;
    const len = ends[w]! - start;
    if (len < (f === 0 ? UNLISTED_MIN : 3)) continue;
    for (let j = 0; j < k; j++) {
      const o = marks[j]!;
      if (ends[o]! - starts[o]! === len && sameLetters(u, starts[o]!, start, len)) return true;
    }
    if (k === marks.length) {
      const grown = new Int32Array(k * 2);
      grown.set(marks);
      marks = flagged = grown;
    }
    marks[k++] = w;
  }
  return false;
}

function inside(spans: number[], start: number, end: number): boolean {
  for (let k = 0; k < spans.length; k += 2) if (start < spans[k + 1]! && spans[k]! < end) return true;
  return false;
}

/** Whether some found name holds a word spelt as [start, end) is, case aside. */
function inFoundName(s: Scan, start: number, end: number, minScore: number): boolean {
  const u = s.codes;
  const len = end - start;
  for (const c of s.out) {
    if (c.type !== 'PERSON' || c.score < minScore || c.end - c.start < len) continue;
    for (let p = c.start; p + len <= c.end; p++) {
      if (p > c.start && isNameChar(u[p - 1]!)) continue;
      if (p + len < c.end && isNameChar(u[p + len]!)) continue;
      if (sameLetters(u, p, start, len)) return true;
    }
  }
  return false;
}

function sameLetters(u: Uint16Array, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const x = u[a + k]!;
    const y = u[b + k]!;
    if (x !== y && ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122)) return false;
  }
  return true;
}

/** In a text typed without capitals: the lower-case mentions of a found name's hand-listed given names. */
function lowerMentions(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  const found = s.out.length;
  let forms: string[] | null = null;
  for (let k = 0; k < found; k++) {
    const c = s.out[k]!;
    if (c.type !== 'PERSON' || c.score < FOUND_SCORE) continue;
    for (let p = c.start; p < c.end;) {
      let q = p;
      while (q < c.end && isNameChar(u[q]!)) q++;
      // The packed look-up first: most words are no carried name, and cost no string. The generated
      // list's words are not carried in lower case: it holds everyday words of other languages ("dev").
      const f = q - p >= 3 ? FLAGS.get(u, text, p, q) : 0;
      if ((f & (NEVER | F_WIDE)) === 0 && (f & F_FIRST) !== 0) {
        const lower = text.slice(p, q).toLowerCase();
        if (!(forms ??= []).includes(lower)) forms.push(lower);
      }
      p = q + 1;
    }
  }
  if (forms !== null) for (const form of forms) mentions(s, form);
}

/** Adds each whole-word occurrence of `form` that no candidate holds yet. */
function mentions(s: Scan, form: string): void {
  const text = s.text;
  for (let p = text.indexOf(form); p >= 0; p = text.indexOf(form, p + form.length)) {
    const end = p + form.length;
    if (!boundary(text, p - 1) || !boundary(text, end) || overlapsFound(s, p, end)) continue;
    addJoined(s, p, end);
  }
}

/** Letters (ASCII, Latin-1 on), apostrophes and hyphens: what a name's words are made of. */
function isNameChar(c: number): boolean {
  return (
    ((c | 32) >= 97 && (c | 32) <= 122) ||
    c === 39 ||
    c === 0x2019 ||
    c === 45 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

/** No letter, digit, apostrophe, hyphen, "@", "." or "_" joins the mention to a longer token at `i`. */
function boundary(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text.charCodeAt(i);
  if (c === 32 || c === 10 || c === 44 || c === 58 || c === 59 || c === 33 || c === 63) return true;
  if (c === 40 || c === 41 || c === 34 || c === 9 || c === 13 || c === 0x2013 || c === 0x2014) return true;
  // A full stop closes a sentence only before a space or the end ("dave." yes, "dave.smith@" no).
  if (c === 46) return i + 1 >= text.length || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10;
  return false;
}

/** "Bell Joinery": a capitalised organisation's word right after the mention. */
function orgAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  let q = end + 1;
  while (q < text.length && /\p{L}/u.test(text[q]!)) q++;
  return q > end + 1 && (wordFlags(text.slice(end + 1, q).toLowerCase()) & F_ORG) !== 0;
}

/**
 * A mention right beside a name found already is part of it: "Rahman, Mohammed Ashraful" once
 * "Rahman" is known from further on, "Maud Elizabeth CROSS" once "Cross" is. The joined span takes the
 * found name's score, so it wins over the found name by its length.
 */
function addJoined(s: Scan, start: number, end: number): void {
  const text = s.text;
  for (const c of s.out) {
    if (c.type !== 'PERSON' || c.score < FOUND_SCORE) continue;
    const after = c.start === end + 1 || (c.start === end + 2 && text.charCodeAt(end) === 44);
    if (after && text.charCodeAt(c.start - 1) === 32) {
      s.add(start, c.end, 'PERSON', c.score);
      return;
    }
    if (c.end === start - 1 && text.charCodeAt(c.end) === 32) {
      s.add(c.start, end, 'PERSON', c.score);
      return;
    }
  }
  s.add(start, end, 'PERSON', SCORE);
}

function overlapsFound(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.score >= FOUND_SCORE && start < c.end && c.start < end) return true;
  return false;
}
