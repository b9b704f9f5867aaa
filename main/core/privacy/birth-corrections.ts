/**
 * A birth date corrected in the same breath: "shows my DOB as 01/01/1900 instead of 19 June 1985",
 * "DOB on file is 03/04/1980 but should be 04/03/1980", "(should read 21/05/1971)". The date the
 * correction gives is the person's birth date too, though no birth cue stands before it. Not the date
 * after "not" or "rather than": that is the wrong one, which the record may hold in another order.
 */
import { birthDateEnd } from './cued-dates';
import type { Scan } from './scan';

const CORRECTION =
  /[ ,;:(]*(?:but |and |which |it )?(?:instead of|should (?:be|read|have been|say)|corrected to|changed to|to read|(?:it'?s |is )?actually) +/iy;

/** After every birth-date reader: the candidates found so far are read, those added are not. */
export function correctedBirthDates(s: Scan): void {
  const text = s.text;
  const out = s.out;
  for (let i = 0, n = out.length; i < n; i++) {
    const c = out[i]!;
    if (c.type !== 'DATE_OF_BIRTH' || c.score < 0.5) continue;
    CORRECTION.lastIndex = c.end;
    if (!CORRECTION.test(text)) continue;
    const p = CORRECTION.lastIndex;
    const end = birthDateEnd(text, p);
    if (end <= p || end - p > 40 || taken(s, p, end)) continue;
    s.add(p, end, 'DATE_OF_BIRTH', c.score);
  }
}

function taken(s: Scan, from: number, to: number): boolean {
  for (const c of s.out) if (c.start < to && from < c.end && c.score >= 0.5) return true;
  return false;
}
