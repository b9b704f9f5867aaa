/**
 * Names that sign a message: the last line of a letter, e-mail or chat message, alone after a blank
 * line or a sign-off ("Thanks,\n\nAlison", "ta\nChris", "...above.\n\nClaire Dubois"), and a dash
 * signature ending a note ("Blocked. – Nadia", "ID OK after. - J. Kaur"). Only the end of the text is
 * read, so this costs one look at its last characters.
 */
import { codeUnits } from './code-units';
import { nameAt } from './cued-names';
import { emailNames } from './persons-email';
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, wordFlags } from './persons-flags';
import type { Scan } from './scan';

// A first line that makes the text a message: a greeting, a salutation or a subject line.
const OPENS_MESSAGE =
  /^(?:(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|morning)\b|re:|subject:)/i;
const SALUTATION = /\n(?:dear|hi|hello|hey) \S/i;
// A line that signs off just before the name.
const SIGN_OFF =
  /^(?:ta|thx|thanks|thank you|many thanks|cheers|best|regards|kind regards|best wishes|love|x+|sincerely|yours(?: sincerely| faithfully| truly)?|respectfully|warm regards|all the best)[,.!]?$/i;
// " – Nadia", " - J. Kaur" closing a note: a capitalised word or an initial and a surname.
const DASH_SIGNATURE = /[.!?)] ?[-–—] ?((?:[A-Z]\. ?)?[A-Z][\p{Ll}'’-]+(?: [A-Z][\p{Ll}'’-]+)?)\s*$/u;

export function signatureNames(s: Scan): void {
  emailNames(s);
  const text = s.text;
  const u = codeUnits(text);
  let end = text.length;
  while (end > 0 && isSpace(u[end - 1]!)) end--;
  if (end === 0) return;
  if (dashNear(u, end)) dashSignature(s, text, end);
  else if (s.hasLines) lastLine(s, text, end);
  // A full name after the last sentence's stop, with none of its own: "Please fix. Dev Malhotra".
  const last = u[end - 1]!;
  if (last >= 97 && last <= 122) {
    sentenceSignature(s, text, u, end);
    lowerCaseSignOff(s, text, u, end);
  }
}

/**
 * A text message signed in lower case with a given name the gazetteer lists (no everyday word), after
 * a number or a sentence's or clause's end: "new number save it +447956113420 tomek", "running late,
 * sorry. amy". Only the last word is looked at.
 */
function lowerCaseSignOff(s: Scan, text: string, u: Uint16Array, end: number): void {
  let p = end - 1;
  while (p > 0 && end - p <= 15 && u[p - 1]! >= 97 && u[p - 1]! <= 122) p--;
  if (p < 2 || end - p < 2 || u[p - 1] !== 32) return;
  const b = u[p - 2]!;
  if (!((b >= 48 && b <= 57) || b === 44 || b === 46 || b === 33 || b === 63)) return;
  const f = wordFlags(text.slice(p, end));
  if ((f & (F_FIRST | F_AMBIGUOUS | F_NOT_NAME)) !== F_FIRST) return;
  s.add(p, end, 'PERSON', 0.75);
}

/**
 * A message signed on its last sentence's line: two or three capitalised words that the names pass
 * reads as one strong name, after ". ", "! " or "? " and ending the text, in a message (a greeting or a
 * first-person sentence before it). "Please fix. Dev Malhotra" is read; "See you. Board Room" and
 * "It's done. Thank You" are not (no name), nor is one word alone ("Thanks. Bye").
 */
function sentenceSignature(s: Scan, text: string, u: Uint16Array, end: number): void {
  let p = end - 1;
  // Back to the sentence stop. A space on the way opens a word that must start with a capital, and
  // more than two of them make more than three words: prose ends the walk at its last word's start.
  let spaces = 0;
  while (p > 0 && end - p <= 40 && u[p]! !== 10) {
    if (u[p]! === 32) {
      if (isStop(u[p - 1]!)) break;
      const c = u[p + 1]!;
      if (++spaces > 2 || (c < 128 && (c < 65 || c > 90))) return;
    }
    p--;
  }
  if (p <= 0 || u[p]! !== 32 || !isStop(u[p - 1]!)) return;
  const start = p + 1;
  // Two or three words, each opening with a capital: counted on the code units first, since most texts
  // end in prose and a slice and split of their last words cost more than the rest of this check.
  if (!wordsMayBeCapitalised(u, start, end)) return;
  const words = text.slice(start, end).split(' ');
  if (words.length < 2 || words.length > 3) return;
  for (const w of words) {
    if (!/^\p{Lu}\p{Ll}/u.test(w)) return;
    // "Main Street", "Customer Services": a word the gazetteer lists as no name.
    const f = wordFlags(w.toLowerCase());
    if ((f & F_NOT_NAME) !== 0 && (f & (F_FIRST | F_LAST)) === 0) return;
  }
  for (const c of s.out) if (c.type === 'PERSON' && c.start < end && start < c.end) return;
  const head = text.slice(0, start);
  if (!OPENS_MESSAGE.test(head.trimStart()) && !FIRST_PERSON.test(head)) return;
  const span = nameAt(text, start, 'strong', true);
  if (span === null || span[0] !== start || span[1] !== end) return;
  s.add(start, end, 'PERSON', 0.85);
}

/**
 * Whether [start, end) splits at single spaces into two or three words whose first characters may be
 * capitals: false only where `split(' ')` and /^\p{Lu}/ would turn the words away anyway (an ASCII
 * first character other than A-Z, or an empty word).
 */
function wordsMayBeCapitalised(u: Uint16Array, start: number, end: number): boolean {
  let words = 0;
  for (let i = start; i < end; i++) {
    if (i !== start && u[i - 1]! !== 32) continue;
    const c = u[i]!;
    if (c < 128 && (c < 65 || c > 90)) return false;
    words++;
  }
  return words >= 2 && words <= 3;
}

const FIRST_PERSON = /\b(?:I|I'm|I've|my|me)\b/;

function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

/**
 * A hyphen or dash among the last 40 characters before `end`, after a sentence's end and before a
 * capital: most texts have none, and most that have one hold it in a number or a date.
 */
function dashNear(u: Uint16Array, end: number): boolean {
  for (let i = end - 1; i >= 1 && i >= end - 40; i--) {
    const c = u[i]!;
    if (c !== 45 && c !== 0x2013 && c !== 0x2014) continue;
    let b = u[i - 1]!;
    if (b === 32) b = u[i - 2]!;
    if (b !== 46 && b !== 33 && b !== 63 && b !== 41) continue;
    let a = u[i + 1]!;
    if (a === 32) a = u[i + 2]!;
    if (a >= 65 && a <= 90) return true;
  }
  return false;
}

function dashSignature(s: Scan, text: string, end: number): void {
  const dash = DASH_SIGNATURE.exec(text.slice(Math.max(0, end - 40), end));
  if (dash) {
    const start = end - dash[1]!.length;
    // "- Visa", "- Monday": a word the gazetteer lists as no name.
    const f = wordFlags(dash[1]!.toLowerCase());
    if ((f & F_NOT_NAME) === 0 || (f & (F_FIRST | F_LAST)) !== 0) s.add(start, end, 'PERSON', 0.85);
    return;
  }
  if (s.hasLines) lastLine(s, text, end);
}

/** The last line of a message, alone after a blank line or a sign-off. */
function lastLine(s: Scan, text: string, end: number): void {
  // The last line is short: look for its start among the 41 characters before the end only.
  const u = codeUnits(text);
  let nl = end - 1;
  while (nl >= 0 && end - nl <= 41 && u[nl]! !== 10) nl--;
  if (nl <= 0 || u[nl]! !== 10) return;
  const lineStart = nl + 1;
  const prevStart = text.lastIndexOf('\n', nl - 1) + 1;
  const prev = text.slice(prevStart, nl).trim();
  if (!(prev === '' || prev.endsWith(',') || SIGN_OFF.test(prev))) return;
  const span = nameAt(text, lineStart, 'strong', true);
  if (span === null || span[0] !== lineStart || span[1] !== end) return;
  // Each word capitalised with lower case after it ("Alison", "Claire Dubois"): a department in
  // capitals ("HR") or a lower-case word is not a signature.
  for (const w of text.slice(lineStart, end).split(' ')) {
    if (w === '' || !/^\p{Lu}\p{Ll}/u.test(w)) return;
  }
  // After a blank line, only in a message: one that opens with a greeting or subject, or a letter
  // with a salutation line (its address block comes first).
  if (prev === '' && !OPENS_MESSAGE.test(text.slice(0, 40).trimStart()) && !SALUTATION.test(text)) return;
  s.add(lineStart, end, 'PERSON', 0.85);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
