/**
 * Lower-case names after a relative or a close person in chat: "its for my mum jean", "my husband
 * mark baker passed away". People typing without capitals name the person right
 * after saying who they are to them, as an apposition; the capitalised form ("my mum Jean") is read by
 * the names pass. The words must look like a name: a given name the gazetteer knows (an everyday one
 * such as "will" or "mark" only with a known surname after it). An unknown word is not read even when a
 * pronoun takes it up ("my dad ken he is 84"): in plain and non-native English an adjective or an
 * irregular verb stands there as often ("my mother alive she is 68", "my grandson rang he's ...").
 */
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, fold, wordFlags } from './persons-flags';
import { found } from './persons-words';
import { SpanTable } from './persons-table';
import type { Scan } from './scan';

// The relatives (R_KIN) and the everyday adjectives that may stand between a possessive and one
// ("my late husband", "my little sister": R_BEFORE), looked up from the code units without a slice.
const R_KIN = 1;
const R_BEFORE = 2;
const ROLES = new Map<string, number>();
for (const w of `mum mom mam mummy mother dad daddy father husband wife son daughter partner brother sister nan
  nana nanna gran granny grandma grandmother grandad granddad grandpa grandfather grandson uncle aunt auntie
  aunty cousin niece nephew stepson stepmum stepdad fiance fiancee boyfriend girlfriend friend neighbour
  neighbor carer flatmate housemate landlord landlady`.split(/\s+/))
  ROLES.set(w, R_KIN);
for (const w of 'late dear little older younger elder eldest youngest'.split(' ')) ROLES.set(w, R_BEFORE);
const TABLE = new SpanTable(ROLES);
const SCORE = 0.75;

// The possessives before a relative; per first letter (& 31), bit n: a run of n letters may be one.
// Only the writer's own: people name their own relatives ("my mum jean"), and "my" already opens an
// introduction, so the text pass calls for no further word ("your", "her" and "our" are frequent).
const POSSESSIVES = ['my'];
export const POSSESSIVE_LENGTHS = new Uint8Array(32);
for (const word of POSSESSIVES) POSSESSIVE_LENGTHS[word.charCodeAt(0) & 31]! |= 1 << word.length;

/** Whether the ASCII letter run [i, q) is one of POSSESSIVES, in any case (the run's length already fits). */
export function isPossessive(u: Uint16Array, i: number, q: number): boolean {
  for (const word of POSSESSIVES) {
    if (word.length !== q - i) continue;
    let k = 0;
    while (k < word.length && (u[i + k]! | 32) === word.charCodeAt(k)) k++;
    if (k === word.length) return true;
  }
  return false;
}

/** The names after the possessives that the text pass found (persons-pass.ts). */
export function kinNames(s: Scan): void {
  const u = s.personsPass();
  const count = found.possessives;
  for (let k = 0; k < count; k++) readAfterPossessive(s, u, found.possessiveEnd[k]!);
  // A message that opens with the relative and no possessive ("nana joyce cant come in", "mum jean
  // wants to know"): the writer's own relative, as after "my".
  const c = u[0]!;
  if (c >= 97 && c <= 122) readAfterPossessive(s, u, 0);
}

/** The relative after a possessive, from `p`, and the name after it. */
function readAfterPossessive(s: Scan, u: Uint16Array, p: number): void {
  const text = s.text;
  let q = wordEnd(u, p);
  if (q < 0 || u[q] !== 32) return;
  let role = TABLE.get(u, text, p, q);
  if (role === R_BEFORE) {
    p = q + 1;
    q = wordEnd(u, p);
    if (q < 0 || u[q] !== 32) return;
    role = TABLE.get(u, text, p, q);
  }
  if (role !== R_KIN) return;
  const words: string[] = [];
  let r = q + 1;
  const start = r;
  let closes = false;
  while (words.length < 3) {
    const e = wordEnd(u, r);
    if (e < 0) break;
    words.push(text.slice(r, e));
    if (words.length === 1) closes = isClauseEnd(u, e, text.length);
    if (u[e] !== 32) break;
    r = e + 1;
  }
  if (words.length === 0) return;
  const length = nameWords(words, closes);
  if (length === 0) return;
  let end = start;
  for (let k = 0; k < length; k++) end += (k > 0 ? 1 : 0) + words[k]!.length;
  s.add(start, end, 'PERSON', SCORE);
}

/** The end of a word of ASCII letters, apostrophes and hyphens at `p` (opening with a letter), or -1. */
function wordEnd(u: Uint16Array, p: number): number {
  if (!isLetter(u[p]!)) return -1;
  let q = p + 1;
  for (;;) {
    const c = u[q]!;
    if (isLetter(c) || ((c === 39 || c === 0x2019 || c === 45) && isLetter(u[q + 1]!))) q++;
    else break;
  }
  const c = u[q]!;
  // A word running into digits or other letters (accented, other scripts) is not read here.
  return c >= 128 || (c >= 48 && c <= 57) ? -1 : q;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function flagsOf(word: string): number {
  return wordFlags(fold(word.toLowerCase()));
}

// Verbs that take a relative's everyday given name as their subject ("my nan rose is in hospital", "my
// brother will said"); "my son will ring" and "my mum rose early" go on otherwise.
const SUBJECT_VERBS = new Set(
  `is was has had said says wants wanted needs needed rang called phoned paid passed died lives lived
  opened signed sent told asked
  cant can't can’t isnt isn't isn’t wasnt wasn't wasn’t hasnt hasn't hasn’t doesnt doesn't doesn’t didnt
  didn't didn’t`.split(/\s+/),
);

/** A comma, full stop, question or exclamation mark, a line's or the text's end at `e`. */
function isClauseEnd(u: Uint16Array, e: number, n: number): boolean {
  const c = u[e]!;
  return e >= n || c === 44 || c === 46 || c === 33 || c === 63 || c === 10 || c === 13;
}

/**
 * How many of the words after the relative make the name (0: none). `closes`: the first word ends a
 * clause.
 */
function nameWords(words: readonly string[], closes: boolean): number {
  const first = words[0]!;
  // Lower-case words only: "my mum Jean" is the names pass's.
  if (first !== first.toLowerCase()) return 0;
  const f = flagsOf(first);
  const known = (f & F_FIRST) !== 0;
  const ambiguous = (f & F_AMBIGUOUS) !== 0;
  if ((f & F_NOT_NAME) !== 0 && !known && !ambiguous) return 0;
  let n = 1;
  if (known && !ambiguous) {
    // A middle name and a surname go with it ("patricia ann hughes").
    while (n < 3 && words[n] !== undefined && isNamePart(words[n]!)) n++;
    return n;
  }
  const second = words[1];
  if (ambiguous) {
    // "mark baker", not "will ring": an everyday given name needs a known surname after it, or to
    // close the clause or be the subject of a verb after it ("my daughter precious.", "my nan rose is").
    if (second !== undefined && isSurname(second)) return 2;
    return subjectOrAlone(second, closes) ? 1 : 0;
  }
  // A listed surname that is a given name too ("my husband lee opened ..."), read the same way.
  return (f & F_LAST) !== 0 && (f & F_NOT_NAME) === 0 && subjectOrAlone(second, closes) ? 1 : 0;
}

function subjectOrAlone(next: string | undefined, closes: boolean): boolean {
  return next === undefined ? closes : SUBJECT_VERBS.has(next);
}

function isNamePart(word: string): boolean {
  const f = flagsOf(word);
  return (f & (F_FIRST | F_LAST)) !== 0 && (f & F_NOT_NAME) === 0;
}

function isSurname(word: string): boolean {
  const f = flagsOf(word);
  return (f & F_LAST) !== 0 && (f & F_NOT_NAME) === 0;
}
