/**
 * The speakers of a chat or SMS thread, as exports and pasted threads label them: "Jess: did u send
 * it", "[10:42] Kel: sorry!!". Once one label is a name (read already, or a given name the gazetteer
 * knows), the other speakers' labels are names too, whatever the gazetteer knows of them ("Tasha",
 * "Shaz", "DeShawn").
 *
 * A form's fields look the same ("Note: ...", "Status: ..."), so the labels must read as a dialogue:
 * a speaker who comes back, or every label but one known; a label that is a listed non-name or a
 * field's word is never read.
 *
 * Help-desk exports put the staff member's role before the name ("Agent Priya: ...", "[10:42] Adviser
 * Tomasz: ..."): the name after the role is the speaker's, read when it is a known given name or the
 * thread has another label, and the role word is left out of the span.
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, FLAGS, fold, wordFlags } from './persons-flags';
import type { Scan } from './scan';

const SCORE = 0.7;
const FOUND_SCORE = 0.5;
// Field labels that no gazetteer lists as non-names but that no speaker is called.
// Staff roles a help-desk or chat export writes before the speaker's name.
const ROLES = new Set(
  `agent advisor adviser operator rep representative consultant colleague cashier teller handler
  caseworker specialist receptionist pharmacist`.split(/\s+/),
);
const FIELDS = new Set(
  `note notes subject re date time ref summary outcome action actions status total update comment
  comments reply question answer tip ps nb sent attachment attachments agent staff advisor adviser bot
  system operator host manager admin support team me you them q a`.split(/\s+/),
);

export function speakerLabels(s: Scan): void {
  const text = s.text;
  if (!s.hasLines || text.indexOf(': ') < 0) return;
  const u = s.codes;
  // Label spans as [start, end) pairs; strings are made only once one label is known.
  let spans: number[] | null = null;
  let roled: number[] | null = null;
  let anyKnown = false;
  for (let p = 0; p >= 0 && p < text.length;) {
    const end = labelEnd(u, p);
    if (end > 0) {
      const start = labelStart;
      (spans ??= []).push(start, end);
      anyKnown ||= known(s, u, start, end);
      if (labelSecond > 0 && isRole(text, start, labelSecond - 1)) (roled ??= []).push(labelSecond, end);
    }
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? -1 : nl + 1;
  }
  if (roled !== null) roleNames(s, u, roled, spans!.length >= 4);
  if (spans === null || spans.length < 4 || !anyKnown) return;
  const keys: string[] = [];
  const knownKeys = new Set<string>();
  for (let k = 0; k < spans.length; k += 2) {
    const key = text.slice(spans[k]!, spans[k + 1]!).toLowerCase();
    keys.push(key);
    if (known(s, u, spans[k]!, spans[k + 1]!)) knownKeys.add(key);
  }
  const distinct = new Set(keys).size;
  // A dialogue: two speakers at least, and one who comes back or at most one unknown.
  if (distinct < 2 || (distinct === keys.length && distinct - knownKeys.size > 1)) return;
  for (let k = 0; k < keys.length; k++) {
    const start = spans[2 * k]!;
    const end = spans[2 * k + 1]!;
    if (!found(s, start, end) && speakerWords(keys[k]!)) s.add(start, end, 'PERSON', SCORE);
  }
}

let labelStart = 0;
/** Where the label's second word starts, or 0 for a one-word label. */
let labelSecond = 0;

function isRole(text: string, start: number, end: number): boolean {
  return end - start >= 3 && end - start <= 14 && ROLES.has(text.slice(start, end).toLowerCase());
}

/**
 * The names after a role in labels ([start, end) pairs): added when known or in a thread, and a name
 * another reader took with its role ("Agent Sunil") loses the role word.
 */
function roleNames(s: Scan, u: Uint16Array, roled: readonly number[], thread: boolean): void {
  for (let k = 0; k < roled.length; k += 2) {
    const start = roled[k]!;
    const end = roled[k + 1]!;
    if (!speakerWords(s.text.slice(start, end).toLowerCase())) continue;
    let trimmed = false;
    for (const c of s.out) {
      if (c.type !== 'PERSON' || c.end !== end || c.start >= start || c.start < start - 16) continue;
      c.start = start;
      trimmed = true;
    }
    if (!trimmed && !found(s, start, end) && (thread || known(s, u, start, end)))
      s.add(start, end, 'PERSON', SCORE);
  }
}

/**
 * The end of a speaker's label opening the line at `p` (then ": "), or -1; its start is left in
 * `labelStart`. The line may open with "[time]" or "time -"; the label is one to three capitalised
 * words. Code units only: most lines fail on their first character.
 */
function labelEnd(u: Uint16Array, p: number): number {
  let q = p;
  while (u[q] === 32 || u[q] === 9) q++;
  if (u[q] === 91) {
    const close = q + 25;
    q++;
    while (q < close && u[q] !== 93 && u[q] !== 10 && u[q] !== 0) q++;
    if (u[q] !== 93) return -1;
    q++;
    while (u[q] === 32 || u[q] === 9) q++;
  } else if (isDigit(u[q]!)) {
    q = afterTime(u, q);
    if (q < 0) return -1;
  }
  labelStart = q;
  labelSecond = 0;
  for (let words = 0; words < 3; words++) {
    if (!isUpper(u[q]!)) return -1;
    if (words === 1) labelSecond = q;
    q++;
    while (isLetter(u[q]!) || u[q] === 39 || u[q] === 0x2019 || u[q] === 45) q++;
    if (u[q] === 58) return u[q + 1] === 32 || u[q + 1] === 9 ? q : -1;
    if (u[q] !== 32) return -1;
    q++;
  }
  return -1;
}

/** "09:14 " or "9.14pm - ": where the label starts after a line's time, or -1. */
function afterTime(u: Uint16Array, p: number): number {
  let q = p + 1;
  if (isDigit(u[q]!)) q++;
  if ((u[q] !== 58 && u[q] !== 46) || !isDigit(u[q + 1]!) || !isDigit(u[q + 2]!)) return -1;
  q += 3;
  while (u[q] === 32 || u[q] === 9) q++;
  // "am"/"pm" only as a word of its own: a label may start with A or P ("10:15 Agent Marcus: ...").
  if (((u[q]! | 32) === 97 || (u[q]! | 32) === 112) && (u[q + 1]! | 32) === 109 && !isLetter(u[q + 2]!))
    q += 2;
  while (u[q] === 32 || u[q] === 9) q++;
  if (u[q] === 45 || u[q] === 0x2013) q++;
  while (u[q] === 32 || u[q] === 9) q++;
  return q;
}

/** The label is a found name, or its first word a given name the gazetteer knows. */
function known(s: Scan, u: Uint16Array, start: number, end: number): boolean {
  if (found(s, start, end)) return true;
  let q = start + 1;
  while (q < end && u[q] !== 32) q++;
  const f = FLAGS.get(u, s.text, start, q);
  return (f & (F_FIRST | F_AMBIGUOUS)) !== 0 && (f & (F_NOT_NAME | F_TITLE | F_ORG)) === 0;
}

/** Every word of the label may be a name's: no listed non-name, title, firm's word or field. */
function speakerWords(key: string): boolean {
  for (const w of key.split(' ')) {
    if (FIELDS.has(w)) return false;
    const f = wordFlags(fold(w));
    if ((f & (F_TITLE | F_ORG)) !== 0) return false;
    if ((f & F_NOT_NAME) !== 0 && (f & (F_FIRST | F_AMBIGUOUS)) === 0) return false;
  }
  return true;
}

function found(s: Scan, start: number, end: number): boolean {
  for (const c of s.out)
    if (c.type === 'PERSON' && c.score >= FOUND_SCORE && start < c.end && c.start < end) return true;
  return false;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean =>
  ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
/** An ASCII capital, or a Latin-1-on letter that upper-cases to itself and lower-cases away. */
function isUpper(c: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0 || c === 0xd7) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}
