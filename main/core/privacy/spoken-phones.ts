/**
 * A UK number read out with no cue of its own, as voicemail and call transcripts give it ("you can get
 * me on oh one one three four nine six oh five five oh"): ten or eleven digits said as words from
 * an "oh" or "zero", valid in the UK numbering plan. No other value read out opens with a zero and runs
 * to ten digits or more, so the shape is its own cue; a cue's reader (cued.ts) takes the rest.
 */
import { isAsciiLetter } from './chars';
import { spokenValue } from './cued-values';
import { DIGITS, VALID, verdictOf } from './phones-plan';
import type { Scan } from './scan';

/** Where a read-out zero may open the number: "oh " or "zero " at a word's start. */
function nextOpener(text: string, from: number): number {
  const a = text.indexOf('oh ', from);
  const b = text.indexOf('zero ', from);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** Whether the digits are a number the UK plan allocates (phones-plan.ts, Ofcom's drama range included). */
function ukPlanValid(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    DIGITS[i] = d;
  }
  return verdictOf(value.length, false, false) === VALID;
}

export function spokenPhones(s: Scan): void {
  const text = s.text;
  // Most texts say no "oh " at all: one search each and out.
  for (let p = nextOpener(text, 0); p >= 0; p = nextOpener(text, p + 1)) {
    if (p > 0 && isAsciiLetter(text.charCodeAt(p - 1))) continue;
    const read = spokenValue(text, p, 15);
    if (read === null || read.value.length < 10 || read.value.length > 11 || read.value[0] !== '0') continue;
    if (!ukPlanValid(read.value)) continue;
    let end = read.end;
    while (end > p && !isAsciiLetter(text.charCodeAt(end - 1))) end--;
    s.add(p, end, 'PHONE', 0.8);
    p = read.end;
  }
}
