/**
 * Joins the pieces the name readers leave of one name, after they have all run. Each reader stops at a
 * word it cannot vouch for, so one person came out as two ("Harris" and "Dwayne" in "Pt: Harris,
 * Dwayne"; "Omar" and "Saeed Al-Mansoori" in "Omar ibn Saeed Al-Mansoori"), and the second piece then
 * counted as a name of its own. Three shapes say the pieces are one name:
 *  - a surname, a comma and the given names in a field of their own ("Name: PATEL, Nilesh", "1. Okafor,
 *    C.", "Bag label - WILSON, Harriet - 17/10");
 *  - a particle between the pieces ("Gonzalez y Rodriguez", "Costa da Silva", "bint Khalid al-Qahtani",
 *    "Ní Bhriain", "Mac an t-Saoir");
 *  - middle initials between a given name and a surname ("Tamara J. Whitaker", "DAVID K OWUSU");
 *  - a given name that is an everyday word too, between two pieces ("Edith May Collins", "Ivy Grace
 *    Adeyemi"): the readers stop at "May", but a name on either side makes it a middle name.
 * The joined span is added with the best score of its pieces, so it wins over them as the longer.
 */
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, F_ORG, fold, wordFlags } from './persons-flags';
import type { Candidate, Scan } from './scan';

const MIN_SCORE = 0.85;

export function joinNameParts(s: Scan): void {
  const out = s.out;
  // Code units, not charCodeAt (several times dearer on a sliced string): past the text's end they read
  // 0 where charCodeAt gives NaN, which these tests treat alike.
  const u = s.codes;
  const length = s.text.length;
  // The candidates found so far, made only once one of them has a join's shape beside it: most texts
  // have none, and the tests are a few code units per name.
  let persons: Candidate[] | null = null;
  const n = out.length;
  for (let k = 0; k < n; k++) {
    const c = out[k]!;
    if (c.type !== 'PERSON') continue;
    const a = u[c.end]!;
    const comma = a === 44 || (c.start >= 2 && u[c.start - 2] === 44 && u[c.start - 1] === 32);
    const b = a === 32 ? u[c.end + 1]! : 0;
    const b2 = b >= 65 && b <= 90 ? u[c.end + 2]! : 0;
    const initial = b2 === 46 || b2 === 32;
    const caps = b2 >= 65 && b2 <= 90;
    const bridge = mayBridge(s.text, u, length, c);
    const middle = b >= 65 && b <= 90 && b2 >= 97 && b2 <= 122 ? middleEnd(u, c.end + 1) : -1;
    if (!comma && !initial && !caps && !bridge && middle < 0) continue;
    if (persons === null) {
      persons = [];
      for (let q = 0; q < n; q++) if (out[q]!.type === 'PERSON') persons.push(out[q]!);
    }
    if (comma) surnameComma(s, persons, c);
    if (bridge) particleBridge(s, persons, c);
    if (initial) middleInitials(s, persons, c);
    if (caps) capitalsSurname(s, persons, c);
    if (middle > 0) middleName(s, persons, c, middle);
  }
}

// ---- a middle name that is an everyday word too ----

/** The end of a capitalised ASCII word of 3 to 8 letters at `p` with one space after it, or -1. */
function middleEnd(u: Uint16Array, p: number): number {
  let q = p + 1;
  while (q < p + 9 && u[q]! >= 97 && u[q]! <= 122) q++;
  return q - p >= 3 && q - p <= 8 && u[q] === 32 ? q : -1;
}

/** Joins `c`, the given name at [c.end + 1, end) and the name found right after it. */
function middleName(s: Scan, persons: readonly Candidate[], c: Candidate, end: number): void {
  const f = flagsOf(s.text.slice(c.end + 1, end));
  if ((f & (F_FIRST | F_AMBIGUOUS)) === 0 || (f & F_ORG) !== 0) return;
  let last = nameFrom(persons, end + 1);
  if (last < 0) {
    // Or a listed surname the readers left after the everyday word.
    CAP_WORD.lastIndex = end + 1;
    const m = CAP_WORD.exec(s.text);
    if (m === null || isAllCaps(m[0])) return;
    const g = flagsOf(m[0]);
    if ((g & F_LAST) === 0 || barredFlags(g) || (g & F_NOT_NAME) !== 0) return;
    last = CAP_WORD.lastIndex;
  }
  join(s, persons, c.start, last);
}

// A capitalised word: letters and marks, with inner apostrophes or hyphens ("O'Neill", "Quintero-Reyes").
const CAP_WORD = /\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/uy;
// A given-name field's token: a capitalised word or an initial with or without its full stop.
const GIVEN_TOKEN = /\p{Lu}(?:[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\.?)(?![\p{L}\p{M}\d])/uy;

function flagsOf(word: string): number {
  return wordFlags(fold(word.toLowerCase()));
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** A listed non-name or an organisation's word, which no join may take in. */
function barred(word: string): boolean {
  return barredFlags(flagsOf(word));
}

function barredFlags(f: number): boolean {
  return (f & F_ORG) !== 0 || ((f & F_NOT_NAME) !== 0 && (f & (F_LAST | F_FIRST)) === 0);
}

/** The furthest end of the names that start at `at`, or -1. */
function nameFrom(persons: readonly Candidate[], at: number): number {
  let end = -1;
  for (const c of persons) if (c.start === at && c.end > end) end = c.end;
  return end;
}

/** Adds [start, end) as a name unless a value of another type overlaps it (that one was read first). */
function join(s: Scan, persons: readonly Candidate[], start: number, end: number): void {
  let score = MIN_SCORE;
  for (const c of s.out) {
    if (c.start >= end || start >= c.end) continue;
    if (c.type !== 'PERSON') return;
    if (c.score > score) score = c.score;
  }
  // A reader may have found the whole name already, but below a piece's score ("Siobhán Ní" over
  // "Siobhán Ní Bhriain"): the join still lifts it.
  for (const c of persons) if (c.start === start && c.end === end && c.score >= score) return;
  s.add(start, end, 'PERSON', score);
}

// ---- surname, comma, given names ----

/**
 * Where a field's value may start: the line's start, a tab or a cell's bar, a label's colon, a list's
 * number or bullet, or a dash between fields.
 */
const FIELD_START = /(?:[\n\t|=(]|: ?|\n[ \t]*\d{1,3}[.)]|\n[ \t]*[-•*]| [-–—]) *$/u;

/** What FIELD_START's match ends in before its trailing spaces: \n \t | = ( : . ) - • * – —. */
function isFieldMark(c: number): boolean {
  return (
    c === 10 ||
    c === 9 ||
    c === 124 ||
    c === 61 ||
    c === 40 ||
    c === 58 ||
    c === 46 ||
    c === 41 ||
    c === 45 ||
    c === 42 ||
    c === 0x2022 ||
    c === 0x2013 ||
    c === 0x2014
  );
}

/** Whether a field's value may start at `from` (FIELD_START on the dozen characters before it). */
function fieldStartAt(text: string, from: number): boolean {
  const lo = Math.max(0, from - 12);
  // Most names follow a word, not a field's mark: told from the code unit before the spaces, with no
  // slice or regex.
  let p = from - 1;
  while (p >= lo && text.charCodeAt(p) === 32) p--;
  if (p >= lo && !isFieldMark(text.charCodeAt(p))) return false;
  return FIELD_START.test((lo === 0 ? '\n' : '') + text.slice(lo, from));
}

/** Whether a field's value ends at `e`: the text's or line's end, a tab, two spaces, a bar, a dash, digits. */
function fieldEndAt(text: string, e: number, afterInitial: boolean): boolean {
  if (e >= text.length) return true;
  const c = text.charCodeAt(e);
  if (c === 10 || c === 13 || c === 9 || c === 124 || c === 41) return true;
  if (c === 44) return /^, ?\d/.test(text.slice(e, e + 3));
  if (c !== 32) return false;
  const d = text.charCodeAt(e + 1);
  if (d === 32 || d === 9 || d === 124 || d === 40 || (d >= 48 && d <= 57)) return true;
  if ((d === 45 || d === 0x2013 || d === 0x2014) && text.charCodeAt(e + 2) === 32) return true;
  // After an initial's full stop the next field may start with any capitalised word ("Luis A. Acct# 5").
  return afterInitial && d >= 65 && d <= 90;
}

/** The end of the given names read from `g` as a field's value, or -1; `reach` must be covered. */
function givenEnd(text: string, g: number, reach: number, needKnown: boolean): number {
  const ends: number[] = [];
  const initials: boolean[] = [];
  let p = g;
  for (let k = 0; k < 4; k++) {
    GIVEN_TOKEN.lastIndex = p;
    const m = GIVEN_TOKEN.exec(text);
    if (m === null) break;
    const word = m[0];
    const initial = word.length === 1 || (word.length === 2 && word.endsWith('.'));
    // One look-up serves both tests.
    const f = initial ? 0 : flagsOf(word);
    if (!initial && barredFlags(f)) break;
    if (k === 0 && !initial && needKnown && (f & (F_FIRST | F_AMBIGUOUS)) === 0) return -1;
    ends.push(GIVEN_TOKEN.lastIndex);
    initials.push(initial);
    if (text.charCodeAt(GIVEN_TOKEN.lastIndex) !== 32) break;
    p = GIVEN_TOKEN.lastIndex + 1;
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    if (ends[k]! < reach) break;
    const dotted = initials[k]! && text.charCodeAt(ends[k]! - 1) === 46 && k > 0;
    if (fieldEndAt(text, ends[k]!, dotted)) return ends[k]!;
  }
  return -1;
}

/** A surname the comma may follow: listed as one, or in capitals, and no listed non-name. */
function surnameWord(word: string, givenCaps: boolean): boolean {
  if (barred(word)) return false;
  const f = flagsOf(word);
  // "Angela, Dev" in a list of first names is two people; "PATEL, Nilesh" and "Harris, Dwayne" are one.
  if ((f & F_LAST) !== 0 || (f & (F_AMBIGUOUS | F_FIRST)) === F_AMBIGUOUS) return true;
  return isAllCaps(word) && !givenCaps && (f & F_FIRST) === 0;
}

const SURNAME_BEFORE =
  /(?:^|[^\p{L}\p{M}'’-])((?:(?:de|da|do|dos|das|del|van|von|di|du|le|la) )?\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*), $/u;

function surnameComma(s: Scan, persons: readonly Candidate[], c: Candidate): void {
  const text = s.text;
  // The name is the surname: the given names follow its comma.
  // The tests are pure, so the cheapest that most names fail go first: a name followed by a comma
  // mostly stands in prose (no field starts before it), and given names mostly run on past a field's end.
  if (text.charCodeAt(c.end) === 44 && text.charCodeAt(c.end + 1) === 32) {
    if (!fieldStartAt(text, c.start)) return;
    const g = c.end + 2;
    const given = nameFrom(persons, g);
    const end = givenEnd(text, g, given, given < 0);
    if (end < 0) return;
    const surname = text.slice(c.start, c.end);
    const last = surname.slice(surname.lastIndexOf(' ') + 1);
    if (!surnameWord(last, isAllCaps(text.slice(g, end)))) return;
    join(s, persons, c.start, end);
    return;
  }
  // The name is the given names: the surname is before the comma, and read by no one.
  if (text.charCodeAt(c.start - 2) !== 44 || text.charCodeAt(c.start - 1) !== 32) return;
  const end = givenEnd(text, c.start, c.end, false);
  if (end < 0) return;
  const m = SURNAME_BEFORE.exec(text.slice(Math.max(0, c.start - 40), c.start));
  if (m === null) return;
  const surname = m[1]!;
  const from = c.start - 2 - surname.length;
  const last = surname.slice(surname.lastIndexOf(' ') + 1);
  if (!surnameWord(last, isAllCaps(text.slice(c.start, end)))) return;
  if (!fieldStartAt(text, from)) return;
  join(s, persons, from, end);
}

// ---- particles ----

// Particles that may open the bridge between two parts of a name, in lower case: Iberian, Dutch,
// German, French and Italian surnames' own ("da Silva", "van Dijk"), the Spanish and Portuguese "and"
// between two surnames ("González y Rodríguez", "Sousa e Melo"), and "son/daughter of" ("bint Khalid").
const OPENING = new Set(
  'de da das do dos del della di du van von ter ten y e bin binti bint ibn ap ab ferch'.split(' '),
);
// Gaelic particles, capitalised as words of the name ("Ní Bhriain", "Nic Giolla Phádraig", "Mac an t-Saoir").
const GAELIC = new Set(['ní', 'nic', 'mac', 'mhic', 'uí', 'ó', 'ua', 'giolla']);
// Words that only go on from a particle ("de los Ríos", "van der Berg", "Nic a' Phearsain", "Mac an t-Saoir").
const FOLLOWING = new Set(['la', 'las', 'los', 'der', 'den', 'de', "a'", 'a’', 'an']);
// An Arabic article written onto the surname ("al-Qahtani", "Al-Huda", "el-Sayed") or the Gaelic "t-".
const ARTICLE = /(?:[Aa]l|[Ee]l|t)-(?=\p{Lu})/uy;

const TOKEN = /[\p{L}\p{M}'’]+/uy;

/**
 * Whether a bridge may start after the name, read from the code units before any slice: a particle
 * word or "al-"/"el-" next; a capital that may open a Gaelic particle or an article (N, M, U, Ó, A,
 * E); or any capitalised word when the name ends in a Gaelic particle or holds a lower-case particle
 * ("Siobhán Ní Bhriain", "Ana Paula dos Santos Oliveira"). Most names end otherwise and stop here.
 */
function mayBridge(text: string, u: Uint16Array, n: number, c: Candidate): boolean {
  const end = c.end;
  if (u[end] !== 32) return false;
  // NaN at the text's end, as charCodeAt gave: the capital tests below then fall through to the name's words.
  const c0 = end + 1 < n ? u[end + 1]! : NaN;
  if (c0 >= 97 && c0 <= 122) {
    let q = end + 1;
    let key = 0;
    while (q < end + 7 && isLowerAscii(u[q]!)) key = lowerKey(key, u[q++]!);
    if (q - end - 1 > 5) return false;
    // Most words after a name ("and", "said", "has") are no particle: told by their key, with no slice.
    if (!BRIDGE_KEYS.has(key)) return false;
    const w = text.slice(end + 1, q);
    const after = u[q];
    return (
      OPENING.has(w) ||
      FOLLOWING.has(w) ||
      ((w === 'al' || w === 'el') && after === 45) ||
      (w === 'a' && (after === 39 || after === 0x2019))
    );
  }
  if (c0 === 78 || c0 === 77 || c0 === 85 || c0 === 0xd3 || c0 === 65 || c0 === 69) return true;
  if (c0 < 65 || c0 > 90) return false;
  // The name's last word may be a Gaelic particle (N, M, U, Ó, G open them), or a lower-case word inside it one.
  let lastStart = c.start;
  for (let k = c.start; k < end; k++) {
    if (u[k] !== 32) continue;
    if (isLowerAscii(u[k + 1]!)) return true;
    lastStart = k + 1;
  }
  const l = u[lastStart];
  return l === 78 || l === 77 || l === 85 || l === 0xd3 || l === 71;
}

/** A word of lower-case ASCII letters, five bits a letter after a leading 1: one number per word. */
function lowerKey(key: number, c: number): number {
  return ((key === 0 ? 1 : key) << 5) | (c - 96);
}
function wordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = lowerKey(key, word.charCodeAt(i));
  return key;
}
// The lower-case words mayBridge accepts, as keys (its other words, "al", "el" and "a", too).
const BRIDGE_KEYS: ReadonlySet<number> = new Set(
  [...OPENING, ...FOLLOWING, 'al', 'el', 'a'].filter((w) => /^[a-z]+$/.test(w)).map(wordKey),
);

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

function particleBridge(s: Scan, persons: readonly Candidate[], c: Candidate): void {
  const text = s.text;
  const name = text.slice(c.start, c.end);
  const lastWord = name.slice(name.lastIndexOf(' ') + 1);
  let pending = GAELIC.has(lastWord.toLowerCase()) && lastWord !== lastWord.toLowerCase();
  let p = c.end;
  let end = -1;
  for (let k = 0; k < 5 && text.charCodeAt(p) === 32; k++) {
    const at = p + 1;
    ARTICLE.lastIndex = at;
    if (ARTICLE.test(text)) {
      const word = ARTICLE.lastIndex;
      CAP_WORD.lastIndex = word;
      if (CAP_WORD.exec(text) === null) break;
      p = Math.max(CAP_WORD.lastIndex, nameFrom(persons, word), nameFrom(persons, at));
      end = p;
      pending = false;
      continue;
    }
    TOKEN.lastIndex = at;
    const t = TOKEN.exec(text);
    if (t === null) break;
    const word = t[0];
    const lower = word.toLowerCase();
    const capital = word !== lower;
    if (
      (!capital && OPENING.has(word)) ||
      (capital && GAELIC.has(lower)) ||
      (pending && !capital && FOLLOWING.has(word))
    ) {
      pending = true;
      p = TOKEN.lastIndex;
      continue;
    }
    if (!pending || !capital) break;
    CAP_WORD.lastIndex = at;
    if (CAP_WORD.exec(text) === null || barred(text.slice(at, CAP_WORD.lastIndex))) break;
    p = Math.max(CAP_WORD.lastIndex, nameFrom(persons, at));
    end = p;
    pending = false;
  }
  if (pending) return;
  // A second surname after a particle's ("Ana Paula dos Santos Oliveira"), when the gazetteer knows it.
  if (end > 0 || INNER_PARTICLE.test(name)) {
    const from = end > 0 ? end : c.end;
    if (text.charCodeAt(from) === 32) {
      CAP_WORD.lastIndex = from + 1;
      const m = CAP_WORD.exec(text);
      if (m !== null && (flagsOf(m[0]) & F_LAST) !== 0 && !barred(m[0])) end = CAP_WORD.lastIndex;
    }
  }
  if (end > 0) join(s, persons, c.start, end);
}

const INNER_PARTICLE = / (?:de|da|do|dos|das|del|y|e) \p{Lu}/u;

// ---- middle initials ----

/** One or two initials after a given name, then a capitalised surname: "Tamara J. Whitaker", "DAVID K OWUSU". */
function middleInitials(s: Scan, persons: readonly Candidate[], c: Candidate): void {
  const text = s.text;
  let p = c.end;
  let count = 0;
  while (count < 2 && text.charCodeAt(p) === 32) {
    const i = text.charCodeAt(p + 1);
    if (i < 65 || i > 90) break;
    const dot = text.charCodeAt(p + 2) === 46;
    const after = dot ? p + 3 : p + 2;
    if (text.charCodeAt(after) !== 32) break;
    // "Sara I think", "told Dev A lot": a bare I or A is a word, not an initial.
    if (!dot && (i === 65 || i === 73)) break;
    count++;
    p = after;
  }
  if (count === 0) return;
  const at = p + 1;
  CAP_WORD.lastIndex = at;
  const m = CAP_WORD.exec(text);
  if (m === null) return;
  const word = m[0];
  if (word.length < 2 || barred(word)) return;
  // Capitals go with capitals: "DAVID K OWUSU", not "David K OK".
  const name = text.slice(c.start, c.end);
  if (isAllCaps(word) !== isAllCaps(name)) return;
  join(s, persons, c.start, Math.max(CAP_WORD.lastIndex, nameFrom(persons, at)));
}

// ---- a surname in capitals ----

/**
 * Whether a name's field ends at `e`: the text's or line's end, a tab, two spaces, a bar or punctuation,
 * a spaced dash ("JON MCALLISTER - DOB ...") or the birth date's label that typed notes put right after
 * the name ("Pt = ALAN FORSYTH DOB 23.11.47").
 */
function closesAt(text: string, e: number): boolean {
  if (e >= text.length) return true;
  const c = text.charCodeAt(e);
  if (c === 10 || c === 13 || c === 9 || c === 124 || c === 44 || c === 46 || c === 59 || c === 41)
    return true;
  if (c !== 32) return false;
  const d = text.charCodeAt(e + 1);
  if (d === 32 || d === 40) return true;
  if ((d === 45 || d === 0x2013) && text.charCodeAt(e + 2) === 32) return true;
  return d === 68 && text.startsWith('DOB', e + 1) && !/[A-Za-z]/.test(text[e + 4] ?? '');
}

const CAPS_WORD = /\p{Lu}[\p{Lu}\p{M}]+(?:['’-]\p{Lu}[\p{Lu}\p{M}]*)*(?![\p{L}\p{M}\d])/uy;
const VOWEL = /[AEIOUY]/;

/**
 * A surname in capitals after a name that a reader stopped short of: "MR DEREK HOLLOWAY" read as
 * "DEREK", "Maud Elizabeth CROSS" as "Maud Elizabeth". Up to two such words, closing the name's field;
 * each listed as a name or, unlisted, long enough and with a vowel to be no acronym ("DEREK ASAP").
 */
function capitalsSurname(s: Scan, persons: readonly Candidate[], c: Candidate): void {
  const text = s.text;
  if (text.charCodeAt(c.end) !== 32) return;
  const first = text.charCodeAt(c.end + 1);
  if (first < 65 || first > 90) return;
  let end = -1;
  let p = c.end;
  for (let k = 0; k < 2 && text.charCodeAt(p) === 32; k++) {
    CAPS_WORD.lastIndex = p + 1;
    const m = CAPS_WORD.exec(text);
    if (m === null) break;
    const word = m[0];
    if (barred(word)) break;
    const listed = (flagsOf(word) & (F_FIRST | F_LAST | F_AMBIGUOUS)) !== 0;
    if (!listed && (word.length < 5 || !VOWEL.test(word))) break;
    p = CAPS_WORD.lastIndex;
    if (closesAt(text, p)) end = p;
  }
  if (end > 0) join(s, persons, c.start, end);
}
