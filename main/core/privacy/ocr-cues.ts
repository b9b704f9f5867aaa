/**
 * Cue words in scanned text where OCR read a letter as a digit: 0 for O, 1 for l ("Passp0rt N0",
 * "D.0.B", "Medical Rec0rd N0", "NHS N0"). ocr.ts reads values whose digits came out as letters; here
 * the cue came out wrong and the value right. The text is read with each such digit put back as its
 * letter in a word of letters, the cued readers run on that reading, and a value is kept when its cue
 * was one of the words put back (a digit changed shortly before it), it covers no changed character,
 * and nothing was found on its digits already.
 */
import { isAsciiLetter, isDigit } from './chars';
import { changedIn, ocrReading, type OcrReading } from './ocr-reading';
import type { Plan } from './detect-plan';
import { cuedValues } from './cued';
import { ocrValues } from './ocr';
import { Scan } from './scan';
import { datesOfBirth, keyedIds, nhsNumbers } from './structured';
import { addresses } from './places';
import { addressOverlaps, postcodeLines } from './address-fields';
import { inlineAddresses } from './inline-addresses';
import type { PiiType } from './types';

/** How far before a value the cue read through the confusion may be. */
const CUE_REACH = 40;
/** A value read this way keeps most of its score: its digits are as written. */
const FACTOR = 0.95;
const MIN_SCORE = 0.7;

const CUE_TYPES: readonly PiiType[] = [
  'DATE_OF_BIRTH',
  'PASSPORT',
  'MEDICAL_RECORD_NUMBER',
  'DRIVER_LICENSE',
  'UK_NHS',
  'UK_NINO',
  'BANK_ACCOUNT',
  'SORT_CODE',
  'PHONE',
];

const SMALL = ['o', 'l'] as const;

/**
 * The text with 0 read as o and 1 as l in words of letters whose only digits are those ("Passp0rt",
 * "N0", "C0unci1"), and in a lone digit between dots after a letter ("D.0.B"). Null when nothing changed.
 */
function cueReading(text: string, u: Uint16Array): OcrReading | null {
  return ocrReading(text, u, ({ start, end, upper, lower }) => {
    const letters = upper + lower;
    const length = end - start;
    const dotted = length === 1 && u[start - 1]! === 46 && u[end]! === 46 && isAsciiLetter(u[start - 2]!);
    if (!(letters > 0 || dotted)) return null;
    // A code of one letter and several digits ("B1", "N0" stays in; "K101" is a code, not a word).
    return letters === 1 && length > 2 ? null : SMALL;
  });
}

/** Call only when `s.ocrInWord`: the text pass saw a lone 0 or 1 inside a word. */
export function ocrCueValues(s: Scan, plan: Plan): void {
  const reading = cueReading(s.text, s.codes);
  if (reading === null) return;
  const r = new Scan(reading.text, false, false);
  if (plan.DATE_OF_BIRTH && r.hasKind('DOB')) datesOfBirth(r);
  if (plan.UK_NHS) nhsNumbers(r);
  if (plan.PASSPORT || plan.MEDICAL_RECORD_NUMBER || plan.DRIVER_LICENSE) keyedIds(r);
  cuedValues(r, plan);
  const changed = reading.changed;
  // Before ocrValues, which refills the shared code units with another text.
  if (plan.ADDRESS) ocrAddresses(s, r, changed);
  // Both confusions in one field ("D0B: 12/O3/l984"): the value's letters are read as digits too.
  if (r.ocrNear) ocrValues(r, plan);
  for (const c of r.out) {
    if (!CUE_TYPES.includes(c.type) || !plan[c.type] || c.score < MIN_SCORE) continue;
    if (!cueChanged(changed, c.start) || changedIn(changed, c.start, c.end)) continue;
    if (foundOn(s, c.start, c.end) || isDigit(s.text.charCodeAt(c.end))) continue;
    s.add(c.start, c.end, c.type, c.score * FACTOR);
  }
}

/**
 * Address lines whose words OCR broke with digits ("14 Wl11ow Road", "Mi11 Lane"): read on the reading
 * with the words' letters put back, kept where a changed letter is inside the address and no address was
 * found there already. Its postcode was read on the scanned text as written.
 */
function ocrAddresses(s: Scan, r: Scan, changed: Uint8Array): void {
  // A word of lower-case letters was changed: not only a cue in capitals or a postcode's district.
  if (!lowerWordChanged(r.text, changed)) return;
  const from = r.out.length;
  // The postcodes as the scanned text has them: the reading turns a district's 1 into l ("WN1").
  for (const c of s.out) if (c.type === 'POSTCODE') r.add(c.start, c.end, 'POSTCODE', c.score);
  if (r.out.length === from) return;
  addresses(r);
  postcodeLines(r);
  inlineAddresses(r);
  for (let i = from; i < r.out.length; i++) {
    const c = r.out[i]!;
    if (c.type !== 'ADDRESS' || c.score < MIN_SCORE || !changedIn(changed, c.start, c.end)) continue;
    if (addressOverlaps(s, c.start, c.end)) continue;
    s.add(c.start, c.end, 'ADDRESS', c.score * FACTOR);
  }
}

/** Whether a changed character stands beside a lower-case letter that was written so. */
function lowerWordChanged(text: string, changed: Uint8Array): boolean {
  for (let k = 1; k < changed.length; k++) {
    if (changed[k] !== 1) continue;
    const b = text.charCodeAt(k - 1);
    const a = text.charCodeAt(k + 1);
    if ((b >= 97 && b <= 122 && changed[k - 1] !== 1) || (a >= 97 && a <= 122 && changed[k + 1] !== 1))
      return true;
  }
  return false;
}

function cueChanged(changed: Uint8Array, start: number): boolean {
  for (let k = Math.max(0, start - CUE_REACH); k < start; k++) if (changed[k] === 1) return true;
  return false;
}

/** Whether the main pass found something (at a score that counts) on these characters. */
function foundOn(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.start < end && start < c.end && c.score >= 0.5) return true;
  return false;
}
