/**
 * Names on scanned forms where OCR read a letter as a digit: 0 for O, 1 for I or l ("Surname: H0LDEN",
 * "1 Name R0BERT J. KINCAID", "Surname/N0m: ..."). ocr-cues.ts puts such digits back for the value
 * readers; names need the same reading, with the letter in the word's own case, because capitals are
 * much of what tells a name. The name readers run again on that reading, and a name is kept when it
 * covers a letter put back, or its cue does, and nothing was found on it already. Only texts whose pass
 * saw a lone 0 or 1 inside a word (s.ocrInWord) get here: scanned forms, nearly nothing else.
 */
import { isAsciiLetter } from './chars';
import { changedIn, ocrReading, type OcrReading } from './ocr-reading';
import { Scan } from './scan';

/** How far after a letter put back a name may start, for the letter to be its cue's ("N0m:  ..."). */
const CUE_REACH = 24;

const CAPS = ['O', 'I'] as const;
const SMALL = ['o', 'l'] as const;

/**
 * The text with 0 read as O and 1 as I, in capitals when the word's letters are ("H0LDEN", "0K0NKW0"),
 * else o and l ("F0renames"); and the positions changed. Null when nothing changed.
 */
export function nameReading(text: string, u: Uint16Array): OcrReading | null {
  return ocrReading(text, u, ({ start, end, upper, lower }) => {
    const letters = upper + lower;
    // A code of one letter and digits ("B10", "K101") is no word.
    if (letters < 2 || end - start - letters > letters) return null;
    return lower === 0 || (upper > lower && isAsciiLetter(u[start]!) && u[start]! <= 90) ? CAPS : SMALL;
  });
}

/**
 * Names found only in the name reading of `s`'s text, added to `s.out`. `readNames` is the detector's
 * own name pass (passed in, as it lives with the pipeline). Run last: it scans another text, which
 * refills the shared code units and the names pass's tables.
 */
export function ocrNames(s: Scan, readNames: (r: Scan) => void): void {
  const reading = nameReading(s.text, s.codes);
  if (reading === null) return;
  const r = new Scan(reading.text, true, true);
  readNames(r);
  const changed = reading.changed;
  // Only what the main pass found counts against a reading; the readings themselves overlap (a given
  // name alone and the full name joined from it) and the resolver picks between them.
  const before = s.out.length;
  for (const c of r.out) {
    if (c.type !== 'PERSON' || c.score < 0.5) continue;
    if (!changedIn(changed, c.start, c.end) && !cueChanged(reading.text, changed, c.start)) continue;
    if (foundOn(s, before, c.start, c.end)) continue;
    s.add(c.start, c.end, 'PERSON', c.score);
  }
}

/** A letter put back shortly before `start` on its line: the field's label was the word misread. */
function cueChanged(text: string, changed: Uint8Array, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - CUE_REACH; k--) {
    if (text.charCodeAt(k) === 10) return false;
    if (changed[k] === 1) return true;
  }
  return false;
}

/** Whether the main pass found anything (at a score that counts) on these characters. */
function foundOn(s: Scan, count: number, start: number, end: number): boolean {
  for (let i = 0; i < count; i++) {
    const c = s.out[i]!;
    if (c.start < end && start < c.end && c.score >= 0.5) return true;
  }
  return false;
}
