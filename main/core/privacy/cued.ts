/**
 * Layout-aware cues. A cue says what the value after it is; it can be a keyword in a sentence or a
 * field name ("DOB:", "s/c"), a JSON key ("birthDate"), a CSV column header (it applies to that
 * column), or the question on the previous line of a chat ("what's your sort code?" / "40 47 84").
 * The same value is found alike in each layout: the cue picks the type, cued-values.ts reads the
 * value's shape from its specification, and cued-names.ts reads names.
 */
import { VALUE_KINDS, type ContextHit, type ContextKind, type ValueKind } from './context';
import { addressValue } from './address-fields';
import { birthDateEnd, spokenDateMayStart } from './cued-dates';
import { spokenNumberEnd } from './cued-spoken';
import { turnAnswerStart } from './cued-turns';
import { addNames, STRONG_SCORE } from './cued-names';
import {
  accountEnd,
  cardEnd,
  idEnd,
  nhsEnd,
  ninoEnd,
  passportEnd,
  spokenCardEnd,
  spokenEmailEnd,
  spokenValue,
  phoneEnd,
  sortCodeEnd,
  ssnEnd,
  yearStamped,
} from './cued-values';
import { isDigit } from './chars';
import { codeUnits } from './code-units';
import { testCardInContext } from './validators';
import type { Plan } from './detect-plan';
import type { Scan } from './scan';
import type { PiiType } from './types';

/**
 * A hospital or practice record number holds six digits or more (trust and EMIS numbers); one with four
 * ("P0091" in a patient_id column) is an export's row key. Five keeps a margin.
 */
function recordEnd(text: string, p: number): number {
  const end = idEnd(text, p);
  if (end < 0 || yearStamped(text, p, end)) return -1;
  let digits = 0;
  for (let i = p; i < end; i++) if (isDigit(text.charCodeAt(i))) digits++;
  // No written digit: read out in words, which spokenIdEnd only takes with six digits.
  return digits >= 5 || digits === 0 ? end : -1;
}

/** Reads a value at p; `afterKeyword` when its cue is a keyword in running text (not a key or header). */
type Reader = (text: string, p: number, afterKeyword?: boolean) => number;

const READERS: Record<ValueKind, readonly [PiiType, Reader]> &
  Partial<Record<ContextKind, readonly [PiiType, Reader]>> = {
  SORT: ['SORT_CODE', (t, p) => or(sortCodeEnd(t, p), t, p, 6)],
  ACCOUNT: ['BANK_ACCOUNT', (t, p) => or(accountEnd(t, p), t, p, 8)],
  DOB: ['DATE_OF_BIRTH', birthDateEnd],
  NHS: ['UK_NHS', nhsEnd],
  SSN: ['US_SSN', ssnEnd],
  CARD: ['CREDIT_CARD', cardEnd],
  PHONE: ['PHONE', phoneEnd],
  NINO: ['UK_NINO', ninoEnd],
  MRN: ['MEDICAL_RECORD_NUMBER', recordEnd],
  LICENSE: ['DRIVER_LICENSE', idEnd],
  PASSPORT: ['PASSPORT', passportEnd],
};

/** A written (or, in cued-values.ts, read-out) value's end, else one read out as cued-spoken.ts reads it. */
function or(end: number, text: string, p: number, digits: number): number {
  return end >= 0 ? end : spokenNumberEnd(text, p, digits);
}

/** READERS in VALUE_KINDS order: a hit's `read` indexes it. */
const READER_LIST: ReadonlyArray<readonly [PiiType, Reader]> = VALUE_KINDS.map((kind) => READERS[kind]);

// Per plan (plans are made once per request list), per VALUE_KINDS reader: RUNS when it runs (see
// `runs`), and FOR_OVERLAPS when its value matters only where it overlaps others (keyedOnlyForOverlaps).
const RUNS = 1;
const FOR_OVERLAPS = 2;
const PHONE_READ = VALUE_KINDS.indexOf('PHONE');
// Dates of birth are read out as dates (cued-dates.ts), not digit by digit.
const DOB_READ = VALUE_KINDS.indexOf('DOB');
// The keyed kinds come last in VALUE_KINDS.
const FIRST_KEYED_READ = VALUE_KINDS.indexOf('MRN');
const runFlags = new WeakMap<Plan, Uint8Array>();

// The last plan's flags: callers repeat one request (all types, or one list of types) text after text.
let lastPlan: Plan | null = null;
let lastFlags: Uint8Array = new Uint8Array(0);

function runFlagsOf(plan: Plan): Uint8Array {
  if (plan === lastPlan) return lastFlags;
  lastPlan = plan;
  lastFlags = flagsOf(plan);
  return lastFlags;
}

function flagsOf(plan: Plan): Uint8Array {
  let flags = runFlags.get(plan);
  if (flags === undefined) {
    flags = new Uint8Array(
      VALUE_KINDS.map((kind) => {
        const type = READERS[kind][0];
        if (!plan[type] && !isKeyed(kind)) return 0;
        // A keyed id the request does not report (and no names come later) may be skipped: see
        // keyedOnlyForOverlaps.
        return plan[type] || plan.PERSON ? RUNS : RUNS | FOR_OVERLAPS;
      }),
    );
    runFlags.set(plan, flags);
  }
  return flags;
}

// Words that may sit between a cue and its value: "account no. 1234", "DL# (TX) ...", "call me back on".
const FILLER = new Set(
  `is was no nbr num number numbers of on file the my your me back at us code id it's its it be will again
  ending holder issued state es est ist jest nr numer le la el 's being now still actually should we have
  got`.split(/\s+/),
);

/**
 * Where the value after a cue at `p` starts: past spaces, ':', '#', '=', '-', quotes, brackets and filler
 * words, within 28 characters and the same line; for licences also past a two-letter state code.
 */
function valueStart(text: string, p: number, licence: boolean): number {
  const u = codeUnits(text);
  let i = p;
  const limit = Math.min(text.length, p + 28);
  // Past a question mark the value must follow the writer's own answer words ("? It's ..."): a question
  // followed by anything else ("number? Ring 0300 ...") leaves its answer to the next speaker.
  // (The question mark itself is returned then: no reader takes it, and the next turn is read instead.)
  let asked = -1;
  while (i < limit) {
    const c = u[i]!;
    if (isGap(c)) {
      i++;
      continue;
    }
    if (c === 63) {
      asked = i++;
      continue;
    }
    if (c === 10) return asked >= 0 ? asked : -1;
    let j = i;
    while (j < limit && isWordLetter(u[j]!)) j++;
    if (asked >= 0 && (j === i || !isFiller(u, i, j))) return asked;
    asked = -1;
    if (j === i || j - i > 7) return i;
    const next = u[j]!;
    const joined =
      next === 32 || next === 58 || next === 46 || next === 41 || next === 35 || next === 44 || next === 63;
    if (!joined) return i;
    if (isFiller(u, i, j) || (licence && j - i === 2 && isUpper(text.slice(i, j)))) {
      i = j;
      continue;
    }
    return i;
  }
  return asked >= 0 ? asked : -1;
}

/** FILLER by length, for isFiller. */
const FILLER_BY_LENGTH: string[][] = [];
for (const w of FILLER) (FILLER_BY_LENGTH[w.length] ??= []).push(w);

/**
 * FILLER.has(text.slice(i, j).toLowerCase()) without the slice: the word's characters are ASCII letters
 * and apostrophes (isWordLetter), so a letter matches either case and anything else only itself.
 */
function isFiller(u: Uint16Array, i: number, j: number): boolean {
  const words = FILLER_BY_LENGTH[j - i];
  if (words === undefined) return false;
  for (const w of words) {
    let k = 0;
    for (; k < w.length; k++) {
      const f = w.charCodeAt(k);
      const c = u[i + k]!;
      if (f >= 97 ? (c | 32) !== f : c !== f) break;
    }
    if (k === w.length) return true;
  }
  return false;
}

/** ' ', ':', '#', '=', '-', '"', '(', ')', '.', tab, ',': what may separate a cue from its value. */
function isGap(c: number): boolean {
  return (
    c === 32 ||
    c === 58 ||
    c === 35 ||
    c === 61 ||
    c === 45 ||
    c === 34 ||
    c === 40 ||
    c === 41 ||
    c === 46 ||
    c === 9 ||
    c === 44
  );
}

function isWordLetter(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || c === 39 || c === 0x2019;
}

function isUpper(w: string): boolean {
  return w === w.toUpperCase();
}

const SCORE = 0.92;

function readValue(s: Scan, kind: ContextKind, reader: readonly [PiiType, Reader], from: number): void {
  const text = s.text;
  let p = valueStart(text, from, kind === 'LICENSE');
  if (p < 0 || foundIn(s, p - 1, p + 1, reader[0])) return;
  let end = reader[1](text, p, true);
  // Not at the cue: maybe on the next speaker's turn of a transcript (cued-turns.ts).
  if (end < 0 && !s.hasLines) {
    p = turnAnswerStart(s, from);
    end = p < 0 ? -1 : reader[1](text, p, true);
  }
  if (end < 0 || (reader[0] === 'CREDIT_CARD' && testCardInContext(text, p, end))) return;
  s.add(p, end, reader[0], SCORE);
  // A value put right straight after it is the same kind of value: "one two three four five six seven
  // eight no sorry one two three four five six seven nine", "07700 900123, sorry, 07700 900132".
  const again = correctionEnd(text, end);
  if (again < 0) return;
  const end2 = reader[1](text, again, true);
  if (end2 > again && !(reader[0] === 'CREDIT_CARD' && testCardInContext(text, again, end2)))
    s.add(again, end2, reader[0], SCORE);
}

// A speaker correcting a value: "no sorry", "sorry", "I mean", "correction", "no wait", then the value.
const CORRECTION =
  /[,.;]? ?(?:no[,.]? )?(?:sorry|i mean|correction|no wait|wait)[,.:]? (?:(?:it's|its|it is|that's) )?/iy;

/** Where the value after a correction at `end` starts, or -1. Char codes first: most values end the clause. */
function correctionEnd(text: string, end: number): number {
  let q = end;
  const c = text.charCodeAt(q);
  if (c === 44 || c === 46 || c === 59) q++;
  if (text.charCodeAt(q) !== 32) return -1;
  const d = text.charCodeAt(q + 1) | 32;
  if (d !== 110 && d !== 115 && d !== 105 && d !== 99 && d !== 119) return -1;
  CORRECTION.lastIndex = end;
  return CORRECTION.test(text) ? CORRECTION.lastIndex : -1;
}

// The request's plan for the text being read (set per call; detection is synchronous).
let wanted: Plan | null = null;

/**
 * A reader runs for the types asked for, and the keyed ids always: a record number, licence or passport
 * after its cue outscores an NHS, card or phone candidate on the same digits, so a narrowed request must
 * still see it (detect.test.ts checks narrowed requests against full scans). Every other cued type loses
 * to, or never overlaps, the recognizers of the types a request can narrow to.
 */
function runs(kind: ContextKind, type: PiiType): boolean {
  return wanted === null || wanted[type] || isKeyed(kind);
}

const DIGIT_WORDS: ReadonlySet<string> = new Set(
  `plus oh zero one two three four five six seven eight nine double triple nought ten eleven twelve thirteen
  fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
  ninety`.split(/\s+/),
);

/**
 * A digit word's first two letters and length as one number: most words after a cue ("holder",
 * "details") are turned away by it without a slice.
 */
function wordKey(u: Uint16Array, i: number, j: number): number {
  return ((u[i]! | 32) * 128 + (u[i + 1]! | 32)) * 16 + (j - i);
}
const DIGIT_WORD_KEYS: ReadonlySet<number> = new Set(
  [...DIGIT_WORDS].map((w) => (w.charCodeAt(0) * 128 + w.charCodeAt(1)) * 16 + w.length),
);

/** \w without the u flag: ASCII letters, digits and '_'. */
function isWordChar(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Whether one of the next four words after p (single letters not counted; within `span` characters)
 * passes `isNumberWord`: at most
 * four characters that are neither a word character nor a line end, then words joined by a space (or
 * ", " when `commas`). Read with char codes: most cues have no number in reach, and a slice and a regex
 * per cue cost more.
 */
function numberWordNext(
  text: string,
  u: Uint16Array,
  p: number,
  span: number,
  commas: boolean,
  isNumberWord: (i: number, j: number) => boolean,
): boolean {
  const limit = Math.min(text.length, p + span);
  let i = p;
  for (let k = 0; k < 4 && i < limit; k++) {
    const c = u[i]!;
    if (c === 10 || isWordChar(c)) break;
    i++;
  }
  for (let word = 0; word < 4;) {
    let j = i;
    while (j < limit && isWordChar(u[j]!)) j++;
    if (j === i) return false;
    if (isNumberWord(i, j)) return true;
    // Letters spelled one by one open a value as often as they follow it ("j t four eight ..."): the
    // span, not the word count, bounds them.
    if (j - i > 1) word++;
    if (commas && u[j]! === 44) j++;
    if (j >= limit || u[j]! !== 32) return false;
    i = j + 1;
  }
  return false;
}

/**
 * A digit word ("oh", "zero" ... "nine", "double") among the next four words (and any single letters):
 * a number read out, within the next 40 characters.
 */
function spokenDigitNext(text: string, p: number): boolean {
  const u = codeUnits(text);
  // The word is a digit word when it is one whole (\b: a non-word character or the 40th next).
  return numberWordNext(
    text,
    u,
    p,
    40,
    false,
    (i, j) =>
      j - i <= 9 && DIGIT_WORD_KEYS.has(wordKey(u, i, j)) && DIGIT_WORDS.has(text.slice(i, j).toLowerCase()),
  );
}

const NUMBER_WORDS: ReadonlySet<string> = new Set(
  `oh zero one two three four five six seven eight nine double triple ten eleven twelve thirteen fourteen
  fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety`.split(
    /\s+/,
  ),
);
// The first two letters of the number words ((a - 97) * 32 + b - 97): other words ("the", "for",
// "so") are passed without a slice.
const NUMBER_OPENINGS = new Uint8Array(32 * 32);
for (const w of NUMBER_WORDS) NUMBER_OPENINGS[(w.charCodeAt(0) - 97) * 32 + w.charCodeAt(1) - 97] = 1;

/**
 * A number read out among the next four words after a value cue ("sort code is three oh, ...",
 * "national insurance is J, K, nine three ..."), with the tens and teens a sort code or an account is
 * read out in, over the next 48 characters.
 */
function spokenNumberNext(text: string, u: Uint16Array, p: number): boolean {
  return numberWordNext(text, u, p, 48, true, (i, j) => {
    if (j - i < 2 || j - i > 9) return false;
    const a = (u[i]! | 32) - 97;
    const b = (u[i + 1]! | 32) - 97;
    return (
      a >= 0 &&
      a < 26 &&
      b >= 0 &&
      b < 26 &&
      NUMBER_OPENINGS[a * 32 + b] === 1 &&
      NUMBER_WORDS.has(text.slice(i, j).toLowerCase())
    );
  });
}

/** A value of the kind at VALUE_KINDS[index] read out in words from `p`. */
function spokenNext(text: string, u: Uint16Array, index: number, p: number): boolean {
  if (index === PHONE_READ) return spokenDigitNext(text, p);
  return index === DOB_READ ? spokenDateNext(text, p) : spokenNumberNext(text, u, p);
}

/** A date of birth read out in words after a birth cue ("DOB third of July nineteen sixty one"). */
function spokenDateNext(text: string, p: number): boolean {
  const start = valueStart(text, p, false);
  return start >= 0 && spokenDateMayStart(text, start);
}

/** Record numbers, licences and passports: the cue decides their type. */
function isKeyed(kind: ContextKind): boolean {
  return kind === 'MRN' || kind === 'LICENSE' || kind === 'PASSPORT';
}

/** Whether a candidate of `type` scoring at least 0.5 starts in [from, to). */
function foundIn(s: Scan, from: number, to: number, type: PiiType): boolean {
  const out = s.out;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.start >= from && c.start < to && c.type === type && c.score >= 0.5) return true;
  }
  return false;
}

/** Values right after a keyword cue in running text or a "Field: value" line. */
export function cuedValues(s: Scan, plan: Plan): void {
  const text = s.text;
  wanted = plan;
  const lines = s.hasLines;
  const quotes = s.hasQuotes;
  const hits = s.hits;
  const flags = runFlagsOf(plan);
  const { count, starts } = s.runs;
  const u = s.codes;
  // The first digit run starting at or after the current hit's end: hit ends ascend, so it only moves on.
  let run = 0;
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k]!;
    const index = h.read;
    if (index < 0) continue;
    const flag = flags[index]!;
    if (flag === 0) continue;
    // Letters right before digits open a code ("pp446765a"), they do not name the next value.
    const next = u[h.end]!;
    if (next >= 48 && next <= 57) continue;
    // Every value but a read-out phone number holds a digit within reach of its cue.
    while (run < count && starts[run]! < h.end) run++;
    const digitNear = run < count && starts[run]! < h.end + 32;
    // Read at the cue, or at the next speaker's answer in a transcript with no lines (cued-turns.ts).
    let from = h.end;
    if (!digitNear && !spokenNext(text, u, index, h.end)) {
      from = lines ? -1 : turnAnswerStart(s, h.end);
      if (from < 0 || !(isDigit(u[from]!) || spokenNext(text, u, index, from))) continue;
    }
    const reader = READER_LIST[index]!;
    // Where the recognizers above already found this type just after the cue, there is nothing to add
    // (and a phone parse to save). Keyed ids are read again: the cue decides their type.
    if (index < FIRST_KEYED_READ && foundIn(s, h.end, h.end + 32, reader[0])) continue;
    if ((flag & FOR_OVERLAPS) !== 0 && !lines && !quotes && keyedOnlyForOverlaps(s, k, flags)) continue;
    readValue(s, h.kind, reader, from);
  }
  if (lines) {
    columns(s);
    answers(s);
  }
  if (quotes) jsonValues(s);
  // Query strings and XML elements name their values as JSON keys do ("?sortCode=..&accountNumber=..",
  // "<dateOfBirth>..</dateOfBirth>"); the cheap tests keep prose out.
  if (s.hasEquals) pairValues(s, QUERY_PAIR);
  if (s.hasClosingTag) pairValues(s, XML_PAIR);
  if ((s.hasEquals || quotes) && NAMES_A_FIELD.test(text)) changedFields(s);
  if (plan.EMAIL && (s.hasSpokenDot || mailBeforeAt(s))) spokenEmails(s);
  if (plan.CREDIT_CARD) spokenCardsLater(s);
  if (plan.POSTCODE && s.hasKind('POSTAL')) postcodeCues(s);
}

/** How far after a card cue a card number read out is looked for. */
const CARD_READ_REACH = 320;

/**
 * A card number read out later in the message than right after its cue: "my card ending four four one
 * two was used in Lisbon. Full number is four nine six oh, three oh eight two, ...". After the first
 * card cue with no written number of four digits or more after it, each run of digit words is read as
 * a card (spokenCardEnd).
 */
function spokenCardsLater(s: Scan): void {
  const hits = s.hits;
  let cue: ContextHit | null = null;
  for (const h of hits) {
    if (h.kind === 'CARD') {
      cue = h;
      break;
    }
  }
  if (cue === null) return;
  const text = s.text;
  const u = s.codes;
  const from = cue.end;
  const to = Math.min(text.length, from + CARD_READ_REACH);
  // A message that writes a number of four digits or more after the cue typed its card number: the
  // written recognizers read it (and most card cues are followed so). Runs are in text order.
  const { count, starts, ends } = s.runs;
  for (let k = 0; k < count && starts[k]! < to; k++)
    if (starts[k]! >= from && ends[k]! - starts[k]! >= 4) return;
  let inRun = false;
  let i = from;
  while (i < to) {
    if (!isWordChar(u[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isWordChar(u[j]!)) j++;
    const a = (u[i]! | 32) - 97;
    const b = (u[i + 1]! | 32) - 97;
    const digitWord =
      j - i >= 2 &&
      j - i <= 5 &&
      a >= 0 &&
      a < 26 &&
      b >= 0 &&
      b < 26 &&
      NUMBER_OPENINGS[a * 32 + b] === 1 &&
      DIGIT_WORD_KEYS.has(wordKey(u, i, j)) &&
      DIGIT_WORDS.has(text.slice(i, j).toLowerCase());
    if (digitWord && !inRun) {
      const end = spokenCardEnd(text, i);
      if (end > 0) {
        s.add(i, end, 'CREDIT_CARD', SCORE);
        return;
      }
    }
    inRun = digitWord;
    i = j;
  }
}

/** Postcodes read out or spaced letter by letter after a postcode word ("Postcode :  B 1 5  2 T T"). */
function postcodeCues(s: Scan): void {
  const text = s.text;
  for (const h of s.hits) {
    if (h.kind !== 'POSTAL' || !isPostcodeCue(text, h)) continue;
    const zip = isZipCue(text, h);
    let p = valueStart(text, h.end, false);
    if (p < 0) continue;
    // A call transcript's answer: "postcode caller yeah it's b one five ...".
    p = skipHedge(text, p);
    let lineEnd = text.indexOf('\n', p);
    if (lineEnd < 0) lineEnd = text.length;
    spokenPostcode(s, p, Math.min(lineEnd, p + 60), zip);
    if (zip) laterZip(s, p, lineEnd);
  }
}

// A ZIP given later in the cue's sentence: "ZIP field was blank, should be 60614", "my zip was wrong,
// it is 60614-1234 now". Only the sentence's first number, when it has a ZIP's shape alone.
const LATER_ZIP = /[^\d.!?\n]{0,40}?(?<![\w-])(\d{5}(?:-\d{4})?)(?![\w-])/y;

function laterZip(s: Scan, p: number, lineEnd: number): void {
  if (foundIn(s, p, lineEnd, 'POSTCODE')) return;
  LATER_ZIP.lastIndex = p;
  const m = LATER_ZIP.exec(s.text);
  if (m === null || LATER_ZIP.lastIndex > lineEnd) return;
  s.add(LATER_ZIP.lastIndex - m[1]!.length, LATER_ZIP.lastIndex, 'POSTCODE', 0.8);
}

/** "zip" / "zip code": a US desk's question, answered with five digits (or ZIP+4). */
function isZipCue(text: string, h: ContextHit): boolean {
  return (text.charCodeAt(h.start) | 32) === 122;
}

const EMAIL_CUE = /\be-?mail(?: address| addy)?\b/gi;

/** Whether the word at p holds an inner '.' before a letter ("example.org"). */
function dottedWordAt(u: Uint16Array, p: number): boolean {
  for (let i = p; i < p + 64; i++) {
    const c = u[i]!;
    if (c === 46) return ((u[i + 1]! | 32) - 97) >>> 0 < 26 && i > p;
    if (!isWordChar(c) && c !== 45) return false;
  }
  return false;
}

/** How far before an " at " an e-mail cue is looked for. */
const MAIL_REACH = 80;

/**
 * In a text that never says " dot ", an address in words is "jo.smith at example.org": an " at " before
 * a dotted domain, with "mail" in any case shortly before it. A look at the word after each " at "
 * (there are few) and a walk back, not a search of the whole text.
 */
function mailBeforeAt(s: Scan): boolean {
  const u = s.codes;
  for (const at of s.atSpaces) {
    if (!dottedWordAt(u, at + 4)) continue;
    const from = at > MAIL_REACH ? at - MAIL_REACH : 0;
    for (let i = at - 4; i >= from; i--) {
      if (
        (u[i]! | 32) === 109 &&
        (u[i + 1]! | 32) === 97 &&
        (u[i + 2]! | 32) === 105 &&
        (u[i + 3]! | 32) === 108
      )
        return true;
    }
  }
  return false;
}

/**
 * E-mail addresses read out after "email" / "e-mail (address)" ("my email is pedro dot alves at sapo dot
 * p t"), or given on the next line when the cue's line asks for one ("Agent: and an email?" / "Caller:
 * jo dot smith at ..."). Only texts that say " dot ", or " at " and "mail", are searched; the cue is
 * found here rather than in the keyword table, which every text pays for.
 */
function spokenEmails(s: Scan): void {
  const text = s.text;
  EMAIL_CUE.lastIndex = 0;
  for (let m = EMAIL_CUE.exec(text); m !== null; m = EMAIL_CUE.exec(text)) {
    const cueEnd = m.index + m[0].length;
    let p = valueStart(text, cueEnd, false);
    let end = p < 0 || foundIn(s, p - 1, p + 1, 'EMAIL') ? -1 : spokenEmailEnd(text, p);
    if (end < 0) {
      p = answerStart(text, cueEnd);
      end = p < 0 || foundIn(s, p - 1, p + 1, 'EMAIL') ? -1 : spokenEmailEnd(text, p);
    }
    if (end < 0 && !s.hasLines) {
      p = turnAnswerStart(s, cueEnd);
      end = p < 0 || foundIn(s, p - 1, p + 1, 'EMAIL') ? -1 : spokenEmailEnd(text, p);
    }
    if (end >= 0) s.add(p, end, 'EMAIL', SCORE);
  }
}

/**
 * Where the answer starts on the line after a question about an e-mail ("... email address?" /
 * "Caller: it's jo dot ..."): past the speaker's prefix and filler words; -1 when the cue's line goes
 * on past a few words or there is no next line.
 */
function answerStart(text: string, cueEnd: number): number {
  const lineEnd = text.indexOf('\n', cueEnd);
  if (lineEnd < 0 || lineEnd - cueEnd > 24) return -1;
  SPEAKER.lastIndex = lineEnd + 1;
  const from = SPEAKER.test(text) ? SPEAKER.lastIndex : lineEnd + 1;
  return valueStart(text, skipHedge(text, from), false);
}

/** Past a keyed value's furthest end: its start (28) plus idEnd's longest reading (22 + 7 separators). */
const KEYED_REACH = 60;

/**
 * A keyed id read for a request that does not report its type matters only where it can win or lose an
 * overlap. It cannot when nothing found lies within its reach and no later cue reads there: then it would
 * resolve alone and be filtered out, so it is not read. Only for the keyword loop of a text with no lines
 * or quotes (the field readers would add candidates afterwards) and no names (they come later too).
 */
function keyedOnlyForOverlaps(s: Scan, k: number, flags: Uint8Array): boolean {
  const from = s.hits[k]!.end;
  const to = from + KEYED_REACH;
  // Only a later cue whose reader runs can add a candidate in reach; the others are passed over.
  const hits = s.hits;
  for (let j = k + 1; j < hits.length && hits[j]!.start < to; j++) {
    const index = hits[j]!.read;
    if (index >= 0 && flags[index] !== 0) return false;
  }
  for (const c of s.out) if (c.start < to && from < c.end) return false;
  return true;
}

// ---- keys: JSON keys and column headers ------------------------------------------------------------

const KEY_KINDS: ReadonlyArray<[RegExp, ContextKind]> = [
  [
    /\b(?:mrn|medical record|hospital (?:no|number|id)|patient (?:id|no|number)|chart|unit (?:no|number)|pt id|hosp|epr|emis|casenote|case note|pas (?:no|number|id))\b/,
    'MRN',
  ],
  [/\b(?:dob|birth|d o b|birthdate|bdate|bday)\b/, 'DOB'],
  [/\bsort ?code\b|^(?:s ?c|sort|sort ?cd|srt ?cd)$/, 'SORT'],
  // A ZIP or postcode column or key: its value alone is a POSTCODE, read as an answer to "zip?" is.
  [/^(?:zip|zip ?code|zip ?5|postal ?code|post ?code|pcode|post ?cd|eircode)$/, 'POSTAL'],
  [/\b(?:account|acct|a\/c|acc|accnt|konto|kontonummer|cuenta)(?: (?:no|number|num))?\b/, 'ACCOUNT'],
  [/\b(?:nhs|hcn|h ?[&+] ?c)\b/, 'NHS'],
  [/\b(?:nino|ni (?:no|num|number)|national insurance)\b/, 'NINO'],
  [
    /\bpassport|\b(?:pasaporte|passeport|reisepass|passaporto|passaporte|paszport)|^ppt?(?: no)?$/,
    'PASSPORT',
  ],
  [/\blicen[cs]e|\bdl\b|\bdriver/, 'LICENSE'],
  [/\bssn\b|social security/, 'SSN'],
  [/\b(?:card|pan)\b/, 'CARD'],
  [/\b(?:phone|mobile|tel|telephone|contact (?:no|number)|cell)\b/, 'PHONE'],
  [
    /\b(?:name|surname|forename|customer|holder|payee|cardholder|beneficiary)\b|^(?:first|last|given|family)$/,
    'NAME',
  ],
  // A column or key that is a person by role alone ("staff,role,ext", "Patient,NHS Number").
  [/^(?:patient|staff|employee|client|member|tenant|student|pupil|resident|contact|attendee)$/, 'NAME'],
  [
    /\b(?:version|build|serial|model|sku|release|ticket|order|invoice|tracking|booking|ref|reference)\b/,
    'NOT_PII',
  ],
  // Organisations and places by column or key ("Surgery", "Branch", "Department"): no person in them.
  [
    /^(?:surgery|practice|branch|department|dept|team|company|employer|organi[sz]ation|school|role|job title|position|ward|clinic|hospital|site|region|city|town|country)$/,
    'NOT_PII',
  ],
];

/** "birthDate", "sort_code", "Patient ID" → "birth date", "sort code", "patient id". */
export function keyKind(key: string): ContextKind | null {
  const k = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toLowerCase()
    .trim();
  for (const [re, kind] of KEY_KINDS) if (re.test(k)) return kind;
  return null;
}

/** Reads a field's value of `kind` in [from, to); returns the value's end, or -1 when none was added. */
function readKeyed(s: Scan, kind: ContextKind, from: number, to: number): number {
  const text = s.text;
  let p = from;
  while (p < to && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 34)) p++;
  if (kind === 'NAME') {
    if (wanted === null || wanted.PERSON) addNames(s, p, 'strong', STRONG_SCORE, false);
    return -1;
  }
  const reader = READERS[kind];
  if (reader !== undefined && !runs(kind, reader[0])) return -1;
  if (kind === 'NOT_PII') {
    // A version or serial field holds no personal data, however its value looks ("3.12.0.4"); nor
    // does a surgery's, branch's or department's ("Elm Tree"), which the name readers see later.
    for (let i = s.out.length - 1; i >= 0; i--) {
      const c = s.out[i]!;
      if (c.start >= from && c.end <= to) s.out.splice(i, 1);
    }
    s.quietFields.push(from, to);
    return -1;
  }
  if (kind === 'POSTAL') {
    if (wanted === null || wanted.POSTCODE) spokenPostcode(s, p, to, isDigit(text.charCodeAt(p)));
    return -1;
  }
  if (reader === undefined) return -1;
  const end = reader[1](text, p);
  if (end <= p || end > to || (reader[0] === 'CREDIT_CARD' && testCardInContext(text, p, end))) return -1;
  s.add(p, end, reader[0], SCORE);
  return end;
}

const JSON_PAIR = /"([A-Za-z_][\w .-]{0,40})"\s*:\s*"([^"\n]{1,120})"/g;

function jsonValues(s: Scan): void {
  const text = s.text;
  JSON_PAIR.lastIndex = 0;
  for (const m of text.matchAll(JSON_PAIR)) {
    let kind = keyKind(m[1]!);
    if (kind === null && GENERIC_KEY.test(m[1]!)) kind = parentKind(text, m.index);
    if (kind === null) continue;
    const to = m.index + m[0].length - 1;
    readKeyed(s, kind, to - m[2]!.length, to);
  }
}

// A query-string parameter ("&accountNumber=70872490"): opened by '?', '&' or ';', so "a=b" in prose is not.
const QUERY_PAIR = /[?&;]([A-Za-z_][\w.-]{0,40})=([^&;\s"'<>#]{1,120})/g;
// An XML element holding only text ("<SortCode>40-47-84</SortCode>"), closed by its own name.
const XML_PAIR = /<([A-Za-z_][\w.-]{0,40})(?:\s[^<>]{0,80})?>([^<>\n]{1,120})<\/\1>/g;

/** A key's value, for a pattern whose group 1 is the key and group 2 the value running to the match's end. */
function pairValues(s: Scan, pattern: RegExp): void {
  pattern.lastIndex = 0;
  for (const m of s.text.matchAll(pattern)) {
    const kind = keyKind(m[1]!);
    if (kind === null) continue;
    const to = pattern === XML_PAIR ? m.index + m[0].length - m[1]!.length - 3 : m.index + m[0].length;
    if (pattern === QUERY_PAIR && READERS[kind] !== undefined && m[2]!.includes('%'))
      readEncoded(s, kind, to - m[2]!.length, to);
    else readKeyed(s, kind, to - m[2]!.length, to);
  }
}

/**
 * A percent-encoded query value ("phone=%2B447700900431", "dob=14%2F03%2F1961"): a URL carries '+', '/'
 * and spaces encoded, which no reader takes as written. Read decoded; reported over the encoded value
 * when the reader takes all of it.
 */
function readEncoded(s: Scan, kind: ContextKind, from: number, to: number): void {
  const reader = READERS[kind];
  if (reader === undefined || !runs(kind, reader[0])) return;
  let value: string;
  try {
    value = decodeURIComponent(s.text.slice(from, to));
  } catch {
    return;
  }
  let p = 0;
  while (value.charCodeAt(p) === 32) p++;
  const whole = p < value.length && reader[1](value, p) === value.length;
  // The readers share one code-unit buffer: give it back to the scanned text.
  codeUnits(s.text);
  let start = from;
  while (s.text.startsWith('%20', start)) start += 3;
  if (whole) s.add(start, to, reader[0], SCORE);
}

// An audit or change log names the field apart from its values: field="date_of_birth" old="..." new="...",
// {"field":"phone","from":"...","to":"..."}. The field's name is the values' key.
const NAMES_A_FIELD = /\b(?:field|attribute|attr|column|property)(?:_?name)?"?\s*[:=]/i;
const FIELD_NAMED =
  /\b(?:field|attribute|attr|column|property)(?:_?name)?"?\s*[:=]\s*"?([A-Za-z_][\w.-]{0,40})/gi;
const CHANGED_VALUE =
  /\b(?:old|new|from|to|before|after|value|old_?value|new_?value|previous|current)"?\s*[:=]\s*(?:"([^"\n]{1,80})"|([^\s",}&;]{1,80}))/gi;

/** Values of a field a change log names apart (NAMES_A_FIELD), up to the line's end or the next field. */
function changedFields(s: Scan): void {
  const text = s.text;
  FIELD_NAMED.lastIndex = 0;
  for (const m of text.matchAll(FIELD_NAMED)) {
    const kind = keyKind(m[1]!);
    if (kind === null || kind === 'NAME' || READERS[kind] === undefined) continue;
    let end = text.indexOf('\n', m.index);
    if (end < 0) end = text.length;
    const next = text.slice(m.index + m[0].length, end).search(NAMES_A_FIELD);
    if (next >= 0) end = m.index + m[0].length + next;
    const line = text.slice(m.index + m[0].length, end);
    CHANGED_VALUE.lastIndex = 0;
    for (const v of line.matchAll(CHANGED_VALUE)) {
      const value = v[1] ?? v[2]!;
      const to = m.index + m[0].length + v.index + v[0].length - (v[1] === undefined ? 0 : 1);
      readKeyed(s, kind, to - value.length, to);
    }
  }
}

const GENERIC_KEY = /^(?:number|no|num|nbr|id|value)$/i;
const PARENT_KEY = /"([A-Za-z_][\w .-]{0,40})"\s*:\s*$/;

/**
 * A generic field ("number", "id") inside an object named by its cue: {"dl":{"state":"NY","number":
 * "483 201 776"}}, {"passport":{"number":...}}. The enclosing object's key, when the pair is in it.
 */
function parentKind(text: string, at: number): ContextKind | null {
  const open = text.lastIndexOf('{', at);
  if (open < 1 || at - open > 200 || text.lastIndexOf('}', at) > open) return null;
  const key = PARENT_KEY.exec(text.slice(Math.max(0, open - 48), open));
  return key === null ? null : keyKind(key[1]!);
}

const UNSPACED_COMMA = /,(?! )/;

/** A CSV (or ; or tab separated) block: its header names a kind per column, applied to each row's cell. */
function columns(s: Scan): void {
  const text = s.text;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const header = text.slice(lineStart, lineEnd);
    const sep = [',', ';', '\t', '|'].find((c) => header.split(c).length >= 2 && !header.includes(': '));
    if (sep !== undefined) {
      const kinds = header.split(sep).map((h) => keyKind(h.trim().replace(/^"|"$/g, '')));
      if (kinds.some((k) => k !== null)) {
        let row = lineEnd + 1;
        while (row < text.length) {
          let rowEnd = text.indexOf('\n', row);
          if (rowEnd < 0) rowEnd = text.length;
          const line = text.slice(row, rowEnd);
          let cells = line.includes('"') ? quotedCells(line, sep) : line.split(sep);
          // An unquoted value with its own comma and a space ("May 15, 1996", "Hughes, Martin"): a
          // separator is not followed by a space in the rest of the row.
          if (cells.length > kinds.length && sep === ',' && line.includes(', '))
            cells = line.split(UNSPACED_COMMA);
          if (cells.length !== kinds.length) break;
          let at = row;
          cells.forEach((cell, i) => {
            const kind = kinds[i];
            if (kind) readKeyed(s, kind, at, at + cell.length);
            at += cell.length + sep.length;
          });
          row = rowEnd + 1;
        }
        lineStart = row;
        continue;
      }
    }
    lineStart = lineEnd + 1;
  }
}

/**
 * A row's cells as RFC 4180 reads them: a cell in double quotes may hold the separator ("Hughes, Martin"
 * in a comma-separated export), so a plain split would shift every later column. Cells keep their quotes:
 * the caller walks the row by cell lengths.
 */
function quotedCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let from = 0;
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '"' && (quoted || i === from)) quoted = !quoted;
    else if (!quoted && line.startsWith(sep, i)) {
      cells.push(line.slice(from, i));
      i += sep.length;
      from = i;
      continue;
    }
    i++;
  }
  cells.push(line.slice(from));
  return cells;
}

// "Agent: ", "[10:02] Mo: ", "Ella (agent): ", "> ": a speaker's prefix on a chat line.
const SPEAKER = /(?:\[[^\]\n]{1,12}\] ?)?(?:[A-Za-z][\w .'-]{0,20}(?: \([\w .'-]{1,12}\))?: ?|[<>]:? ?)/y;

/** The answer on the line after a question: the question's last cue says what it is. */
function answers(s: Scan): void {
  const text = s.text;
  const hits = s.hits;
  const cues = s.cues;
  let prevStart = -1;
  let lineStart = 0;
  // The line asking, normally the previous one; kept over a line that only holds ("sure", "hang on").
  let qEnd = -1;
  let held = 0;
  // The last question's cue: "and yours?" on a later line asks for the same again.
  let asked: ContextHit | null = null;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (prevStart >= 0 && lineEnd - lineStart <= 80) {
      let cue = questionCue(text, hits, cues, prevStart, qEnd);
      let again = false;
      if (cue === null && asked !== null && asksAgain(text, prevStart, qEnd)) {
        cue = asked;
        again = true;
      } else if (cue !== null) asked = cue;
      SPEAKER.lastIndex = lineStart;
      const from = SPEAKER.test(text) ? SPEAKER.lastIndex : lineStart;
      // The previous line asks (nothing but a few words after its cue) and this line only answers (no
      // cue of its own before the value: "NINO: ..." under "Passport: ..." is a field, not an answer).
      const asking = cue !== null && (again || asks(text, cue.end, qEnd));
      if (asking && held < 2 && holds(text, from, lineEnd)) {
        // The answer comes on a later line: the question stays the one asked.
        held++;
        lineStart = lineEnd + 1;
        continue;
      }
      if (cue !== null && asking && !hasHit(hits, lineStart, from)) {
        const kind = cue.kind;
        if (kind === 'NAME') {
          // A line opening with a name field of its own ("Given names  ...") is the form's next field.
          if ((wanted === null || wanted.PERSON) && !hasHit(cues, from, from + 1))
            addNames(s, skipIntro(text, from), 'strong', STRONG_SCORE, false);
        } else if (kind === 'POSTAL') {
          // "the postcode?" / "L eight, seven T Y": a postcode read out; nothing else answers it.
          if (POSTCODE_CUES.has(text.slice(cue.start, cue.end).toLowerCase())) {
            if (wanted === null || wanted.POSTCODE) spokenPostcode(s, from, lineEnd, isZipCue(text, cue));
          }
          // "first line of your address?" / "The Old Forge, Mill Lane, Hexham NE46 3TA".
          else if (wanted === null || wanted.ADDRESS) addressValue(s, from, lineEnd);
        } else answerValues(s, cue, prevStart, qEnd, skipHedge(text, from), lineEnd);
      }
    }
    held = 0;
    prevStart = lineStart;
    qEnd = lineEnd;
    lineStart = lineEnd + 1;
  }
}

// A reply that only holds the line or assents before the value comes on the next: "sure", "one sec",
// "yes of course", "hang on let me check".
const HOLDS =
  /(?:(?:yes|yeah|yep|sure|ok|okay|of course|no problem|right|um+|erm|hang on|hold on|one sec(?:ond)?|one moment|just a (?:sec|moment|minute)|let me (?:check|look|find it|see)|bear with me)[ ,.!]*)+/iy;

/** Whether the answer [from, to) only holds the line. */
function holds(text: string, from: number, to: number): boolean {
  if (to - from > 40) return false;
  HOLDS.lastIndex = from;
  return HOLDS.test(text) && HOLDS.lastIndex >= to - (text.charCodeAt(to - 1) === 13 ? 1 : 0);
}

/**
 * The value (or values) answering a question: the first cue's value, then, when the question asks for
 * a second value of another kind ("sort code and account number?"), that value after the first one
 * ("sixty, sixteen, thirteen, then three one nine ...").
 */
function answerValues(s: Scan, cue: ContextHit, qFrom: number, qTo: number, from: number, to: number): void {
  const end = readKeyed(s, cue.kind, from, to);
  if (end < 0) return;
  let second: ContextHit | null = null;
  for (const h of s.hits) {
    if (h.start <= cue.start || h.end > qTo || h.start < qFrom) continue;
    if (h.kind !== cue.kind && READERS[h.kind] !== undefined) {
      second = h;
      break;
    }
  }
  if (second === null) return;
  CONNECTIVE.lastIndex = end;
  const p = CONNECTIVE.test(s.text) ? CONNECTIVE.lastIndex : end;
  if (p > end && p < to) readKeyed(s, second.kind, p, to);
}

// What joins two values in one answer: ", then ", " and the account number is ", "; ".
const CONNECTIVE = /(?:[ ,;.:]+|\b(?:and|then|plus|the|my|account|acc|number|no|sort|code|is|it's|its)\b)+/iy;

// What an answer may say before its value: "is it ...?", "yeah, it's ...", "I think it's ...".
const HEDGE =
  /(?:(?:caller|customer|patient|client)[:,]? +)?(?:(?:yes|yeah|yep|ok|okay|um|umm|erm|er|uh|so|right|sure|sorry)[,.]? +)*(?:i think |i believe |hmm )?(?:is it|it['’]?s|it is|that['’]?s|that is|should be) +/iy;

/** Past an answer's hedge, when it has one. */
function skipHedge(text: string, p: number): number {
  HEDGE.lastIndex = p;
  return HEDGE.test(text) ? HEDGE.lastIndex : p;
}

const POSTCODE_CUES: ReadonlySet<string> = new Set(['postcode', 'post code', 'zip', 'eircode']);

/**
 * Whether a postal hit is a postcode word: most are "address" or "deliver to", told from their first
 * code unit (an ASCII one lower-cases only by bit 5) before the slice.
 */
function isPostcodeCue(text: string, h: ContextHit): boolean {
  const c = text.charCodeAt(h.start);
  if (c < 128 && (c | 32) !== 112 && (c | 32) !== 122 && (c | 32) !== 101) return false;
  return POSTCODE_CUES.has(text.slice(h.start, h.end).toLowerCase());
}

/**
 * A UK postcode read out as an answer ("L eight, seven T Y", "S W one A, one A A"): letters spelled one
 * by one and digit words, checked against the postcode's shape. A postcode written on the line is the
 * recognizer's already.
 */
function spokenPostcode(s: Scan, from: number, to: number, zip: boolean): void {
  if (foundIn(s, from, to, 'POSTCODE')) return;
  const text = s.text;
  const u = s.codes;
  let p = from;
  while (p < to && (u[p] === 32 || u[p] === 9)) p++;
  if (zip && isDigit(u[p]!)) {
    // A ZIP code asked for, written: five digits or ZIP+4, alone.
    WRITTEN_ZIP.lastIndex = p;
    if (WRITTEN_ZIP.test(text) && WRITTEN_ZIP.lastIndex <= to)
      s.add(p, WRITTEN_ZIP.lastIndex, 'POSTCODE', SCORE);
    return;
  }
  if (!isWordLetter(u[p]!)) return;
  // Typed in lower case, as chat answers are ("g12 8qq"): the recognizer reads capitals only.
  WRITTEN_POSTCODE.lastIndex = p;
  if (!zip && WRITTEN_POSTCODE.test(text) && WRITTEN_POSTCODE.lastIndex <= to) {
    s.add(p, WRITTEN_POSTCODE.lastIndex, 'POSTCODE', SCORE);
    return;
  }
  let v = spokenValue(text, p, 9, true);
  // A word read on as a letter after the postcode ("... t t mike will call"): its shorter readings.
  for (let n = 7; !zip && v !== null && n >= 5 && !SPOKEN_POSTCODE.test(v.value); n--)
    v = v.value.length > n ? spokenValue(text, p, 9, true, n) : v;
  if (v === null || v.end > to || !(zip ? SPOKEN_ZIP : SPOKEN_POSTCODE).test(v.value)) return;
  s.add(p, v.end, 'POSTCODE', SCORE);
}
const WRITTEN_POSTCODE = /[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/iy;
const WRITTEN_ZIP = /(?<![\d-])\d{5}(?:-\d{4})?(?![\d-])/y;
const SPOKEN_ZIP = /^\d{5}$/;
// Area, district, inward code: Royal Mail's shapes, inward letters without C I K M O V.
const SPOKEN_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2}$/;

const ASKS_NAME = new Set(['name', 'full name', 'speaking with', 'surname']);

/** "it's Jo", "this is Jo": the answer's own introduction. */
function skipIntro(text: string, p: number): number {
  const m = /(?:it'?s|this is|i'm|im|my name is) /iy;
  m.lastIndex = p;
  return m.test(text) ? m.lastIndex : p;
}

/**
 * Only a few words and no digits between a question's cue and its line end; past a question mark within
 * those few words, a short sentence of help may follow ("... hospital number? It's on your letter.").
 */
function asks(text: string, from: number, to: number): boolean {
  if (to - from > 32) {
    const q = text.indexOf('?', from);
    if (q < 0 || q - from > 32 || to - q > 64) return false;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 58) return false;
  }
  return true;
}

/** A keyword in a line's prefix makes it a field ("NINO: ..."); a speaker ("Customer: ") is no keyword. */
function hasHit(hits: readonly ContextHit[], from: number, to: number): boolean {
  for (const h of hits) if (h.start >= from && h.start < to) return true;
  return false;
}

/**
 * A follow-up question with no cue of its own that asks for the last thing asked again, of another
 * person: "and yours?", "and urs Alex?", "what about his?", "same for you?" (a possessive, or "for" a
 * person: "and how are you?" asks nothing). Short, and a question.
 */
function asksAgain(text: string, from: number, to: number): boolean {
  if (to - from > 60 || text.charCodeAt(to - 1) !== 63) return false;
  SPEAKER.lastIndex = from;
  ASKS_AGAIN.lastIndex = SPEAKER.test(text) ? SPEAKER.lastIndex : from;
  return ASKS_AGAIN.test(text) && ASKS_AGAIN.lastIndex <= to;
}
const ASKS_AGAIN =
  /(?:and|what about|how about|same for|now)\b[^?\n]{0,12}\b(?:yours?|urs|ur|his|hers|theirs?|for (?:you|him|her|them))\b[^?\n]{0,24}\?/iy;

function questionCue(
  text: string,
  hits: readonly ContextHit[],
  cues: readonly ContextHit[],
  from: number,
  to: number,
): ContextHit | null {
  // The first cue is what is asked: "sort code on the account?" asks for a sort code.
  let best: ContextHit | null = null;
  for (const h of hits) {
    if (
      h.start >= from &&
      h.end <= to &&
      (READERS[h.kind] !== undefined || h.kind === 'POSTAL') &&
      (!best || h.start < best.start)
    )
      best = h;
  }
  for (const h of cues) {
    if (h.start < from || h.end > to || (best && h.start > best.start)) continue;
    // Only a question about a name asks for one ("can I take your name"); greetings do not.
    if (h.kind === 'NAME' && ASKS_NAME.has(text.slice(h.start, h.end).toLowerCase())) best = h;
  }
  return best;
}
