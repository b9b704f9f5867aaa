/**
 * A hospital number written straight after the patient it belongs to, with no record cue: "re pt
 * H0482671", "patient RXH1234567" (a trust's three-character ODS code before its seven digits). Case
 * notes name the patient by number as often as by name; a product or order code has a cue of its own.
 */
import { isAsciiAlnum, isAsciiLetter } from './chars';
import type { Scan } from './scan';

/** Reads the digit runs of 6-8 digits: an optional 1-3 capital prefix, then "pt" or "patient" before. */
export function patientRecords(s: Scan): void {
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  const text = s.text;
  for (let k = 0; k < count; k++) {
    const a = starts[k]!;
    const b = ends[k]!;
    if (b - a < 6 || b - a > 8 || (b < text.length && isAsciiAlnum(u[b]!))) continue;
    // The trust's or site's capitals glued to the digits, or none.
    let p = a;
    while (p > 0 && a - p < 3 && u[p - 1]! >= 65 && u[p - 1]! <= 90) p--;
    if (p > 0 && isAsciiLetter(u[p - 1]!)) continue;
    // Digits alone must be the hospital numbers' usual seven or eight ("pt 123456" may be anything).
    if (p === a && b - a < 7) continue;
    if (!patientBefore(text, u, p)) continue;
    s.add(p, b, 'MEDICAL_RECORD_NUMBER', 0.85);
  }
}

/** "pt ", "pt: ", "Pt# ", "patient ", "Patient: " right before `p`, as a word of its own. */
function patientBefore(text: string, u: Uint16Array, p: number): boolean {
  let i = p;
  if (i > 0 && u[i - 1] === 32) i--;
  if (i > 0 && (u[i - 1] === 58 || u[i - 1] === 35 || u[i - 1] === 46)) i--;
  for (const word of ['pt', 'patient']) {
    const from = i - word.length;
    if (from < 0 || (from > 0 && isAsciiAlnum(u[from - 1]!))) continue;
    if (text.slice(from, i).toLowerCase() === word) return true;
  }
  return false;
}
