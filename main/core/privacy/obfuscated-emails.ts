/**
 * E-mail addresses written with their '@' in brackets, as people write them to foil address harvesters:
 * "jo.smith (at) example.org", "jo.smith[at]example[dot]org", "jo {at} example {dot} co {dot} uk". The
 * bracketed "at" is itself the cue, so no e-mail word is needed; the address is read from the local
 * part before it by the reader of addresses said in words (cued-values.ts).
 */
import { isAsciiAlnum } from './chars';
import { spokenEmailEnd } from './cued-values';
import type { Scan } from './scan';

const BRACKETED_AT = /[([{] ?at ?[)\]}]/gi;

/** Score of an address with its '@' in brackets: as sure as a written one, being no other thing's shape. */
const SCORE = 0.9;

export function bracketedEmails(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  BRACKETED_AT.lastIndex = 0;
  for (let m = BRACKETED_AT.exec(text); m !== null; m = BRACKETED_AT.exec(text)) {
    // The local part: one token ending at the bracket or one space before it.
    let i = m.index;
    if (i > 0 && u[i - 1]! === 32) i--;
    const localEnd = i;
    while (i > 0 && (isAsciiAlnum(u[i - 1]!) || isInner(u[i - 1]!))) i--;
    while (i < localEnd && !isAsciiAlnum(u[i]!)) i++;
    if (i === localEnd) continue;
    const end = spokenEmailEnd(text, i);
    if (end > m.index) s.add(i, end, 'EMAIL', SCORE);
  }
}

function isInner(c: number): boolean {
  return c === 46 || c === 95 || c === 45 || c === 43;
}
