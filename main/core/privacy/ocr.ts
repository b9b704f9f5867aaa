/**
 * Values in scanned text where OCR read a digit as a letter: O or o for 0, l or I for 1 ("4O31 3721 59Ol
 * O923", "GB5O NWBK ... l4", "JT 4l 82 96 C", "D.O.B: l4 / 03 / 1967"). A word of digits and those
 * letters (or an IBAN's head) is read as digits, and the checksummed and cued recognizers
 * run again on that reading: a card still needs Luhn, an IBAN mod-97, a NINO HMRC's prefixes, a date of
 * birth its cue. Only what covers a letter read as a digit is added, a little below the value's own
 * score. Texts with no such letter beside a digit (nearly all) cost one look at each digit run's ends.
 */
import { isAsciiAlnum, isDigit } from './chars';
import type { Plan } from './detect-plan';
import { cuedValues } from './cued';
import { Scan } from './scan';
import { phones } from './phones';
import { cards, datesOfBirth, ibans, nhsNumbers, ninos, ssns } from './structured';
import type { PiiType } from './types';

/** O, o, l, I: what OCR reads for 0 and 1. */
function confusable(c: number): boolean {
  return c === 79 || c === 111 || c === 108 || c === 73;
}

/** Whether a digit run touches a confusable letter (the cheap gate): noted by the text pass. */
export function mayHaveOcrDigits(s: Scan): boolean {
  return s.ocrNear;
}

/** A word's letters and digits, apostrophes included ("O'Brien" is one word). */
function inWord(c: number): boolean {
  return isAsciiAlnum(c) || c === 39 || c === 0x2019;
}

/**
 * The text with every confusable letter read as a digit in a word made only of digits and confusables
 * with at least one digit ("4O31", "59Ol", "l4"), or in an IBAN's head, two capitals then two of them
 * ("GB5O"); and the positions changed. Same length, so positions carry over. Null when nothing changed.
 */
export function ocrReading(s: Scan): { text: string; changed: Uint8Array } | null {
  const text = s.text;
  const u = s.codes;
  const { count, starts, ends } = s.runs;
  let out: string[] | null = null;
  let changed: Uint8Array | null = null;
  let done = 0;
  // Every such word holds a digit run with a confusable letter beside it: only those words are read.
  for (let r = 0; r < count; r++) {
    const a = starts[r]!;
    if (a < done || !((a > 0 && confusable(u[a - 1]!)) || confusable(u[ends[r]!]!))) continue;
    let i = a;
    while (i > 0 && inWord(u[i - 1]!)) i--;
    let j = a;
    let others = 0;
    for (let k = i; k < text.length && inWord(u[k]!); k++, j = k) {
      const c = u[k]!;
      if (!isDigit(c) && !confusable(c)) others++;
    }
    done = j;
    let from = -1;
    if (others === 0) from = i;
    else if (j - i === 4 && others === 2 && isUpper(u[i]!) && isUpper(u[i + 1]!)) from = i + 2;
    if (from < 0) continue;
    out ??= text.split('');
    changed ??= new Uint8Array(text.length);
    // A card's later groups may have come out all letters ("4lll  llll  llll  llll"): a group of four
    // confusables right after a group read as digits is read too.
    for (let g = groupAfter(u, j); others === 0 && g > 0; g = groupAfter(u, j)) j = g;
    done = j;
    for (let k = from; k < j; k++) {
      const c = u[k]!;
      if (!confusable(c)) continue;
      out[k] = c === 79 || c === 111 ? '0' : '1';
      changed[k] = 1;
    }
  }
  return out === null || changed === null ? null : { text: out.join(''), changed };
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** The end of a group of four digits or confusables one or two spaces after `end`, or -1. */
function groupAfter(u: Uint16Array, end: number): number {
  let i = end;
  if (u[i] !== 32) return -1;
  i++;
  if (u[i] === 32) i++;
  for (let k = i; k < i + 4; k++) if (!isDigit(u[k]!) && !confusable(u[k]!)) return -1;
  return inWord(u[i + 4]!) ? -1 : i + 4;
}

/**
 * A phone read through the confusion is written as phones are (digit groups and spaces or dashes) and
 * its letters are O, o or l: a capital I beside digits is as often the pronoun or a stray stroke, and
 * dotted groups are dates and versions ("I12.03.1961O").
 */
function phoneShaped(text: string, c: { start: number; end: number }): boolean {
  for (let k = c.start; k < c.end; k++) {
    const d = text.charCodeAt(k);
    if (d === 73 || d === 46) return false;
  }
  return true;
}

// An NHS number keeps its mod-11 check and a phone its number plan (and, at this score, a cue) when
// read from letters: forms scanned from handwriting hold them as often as cards ("Tel: O77OO ...").
const OCR_TYPES: readonly PiiType[] = [
  'CREDIT_CARD',
  'IBAN',
  'UK_NINO',
  'US_SSN',
  'DATE_OF_BIRTH',
  'UK_NHS',
  'PHONE',
  // Only after their cue ("Account no: 4l382O59"): cuedValues is the one reader run for them here.
  'BANK_ACCOUNT',
  'SORT_CODE',
];
// Read again with the plan's own flags for these types and nothing else.
const plans = new WeakMap<Plan, Plan>();

function ocrPlan(plan: Plan): Plan {
  let p = plans.get(plan);
  if (p === undefined) {
    const only = Object.fromEntries(Object.keys(plan).map((t) => [t, false])) as Record<PiiType, boolean>;
    for (const t of OCR_TYPES) only[t] = plan[t];
    p = only;
    plans.set(plan, p);
  }
  return p;
}

/** A read value must keep this much of its score: it rests on a reading of letters as digits. */
const OCR_FACTOR = 0.95;
const MIN_SCORE = 0.75;

/**
 * Values found only in the OCR reading of `s`'s text, added to `s.out`. Run last: it scans another text,
 * which refills the shared code units.
 */
export function ocrValues(s: Scan, plan: Plan): void {
  if (!(
    plan.CREDIT_CARD ||
    plan.IBAN ||
    plan.UK_NINO ||
    plan.US_SSN ||
    plan.DATE_OF_BIRTH ||
    plan.UK_NHS ||
    plan.PHONE ||
    plan.BANK_ACCOUNT ||
    plan.SORT_CODE
  ))
    return;
  if (!mayHaveOcrDigits(s)) return;
  const reading = ocrReading(s);
  if (reading === null) return;
  const run = ocrPlan(plan);
  const r = new Scan(reading.text, false, false);
  if (run.CREDIT_CARD) cards(r);
  if (run.IBAN) ibans(r);
  if (run.US_SSN) ssns(r);
  if (run.UK_NINO) ninos(r);
  if (run.UK_NHS) nhsNumbers(r);
  if (run.PHONE) phones(r);
  if (run.DATE_OF_BIRTH && r.hasKind('DOB')) datesOfBirth(r);
  cuedValues(r, run);
  for (const c of r.out) {
    // A letter read as a digit needs the value's cue or its check's full weight: an uncued card's Luhn
    // alone (0.6) is one chance in ten.
    if (!OCR_TYPES.includes(c.type) || !run[c.type] || c.score < MIN_SCORE) continue;
    let covers = false;
    for (let k = c.start; k < c.end && !covers; k++) covers = reading.changed[k] === 1;
    // Nor may the value run into letters the reading left alone ("4O31x").
    if (covers && !isAsciiAlnum(s.text.charCodeAt(c.end)) && (c.type !== 'PHONE' || phoneShaped(s.text, c)))
      s.add(c.start, c.end, c.type, c.score * OCR_FACTOR);
  }
}
