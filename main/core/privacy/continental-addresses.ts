/**
 * A continental street line with no street type among its words ("Knez Mihailova 12, 11000 Beograd",
 * "Nørregade 7, 1165 København"): most of Europe writes the street's name, the house number, then the
 * postcode and the town. The postcode and town after the number are the evidence the street's words
 * cannot give; the span runs from the street's first word to the town (a country after it too).
 */
import { isAsciiLetter, isDigit } from './chars';
import type { Scan } from './scan';

/** Capitals of Latin-1 and Latin Extended-A: a name's first letter. */
function opensName(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde) || (c >= 0x100 && c <= 0x17f);
}

/** Letters (Latin-1 to Extended-B), apostrophes, dots and hyphens: what continues a name. */
function inName(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f) || c === 39 || c === 0x2019 || c === 46 || c === 45;
}

/**
 * End of ", <postcode> <Town>" at p (just after a house number): a postcode of five digits, of four
 * that are no year (19xx, 20xx), or Poland's dd-ddd, then a capitalised town; then ", <Country>" when a
 * capitalised word closes the line or the sentence. -1 if none.
 */
function postcodeTownEnd(u: Uint16Array, p: number): number {
  if (u[p]! !== 44 || u[p + 1]! !== 32) return -1;
  let i = p + 2;
  const start = i;
  while (isDigit(u[i]!)) i++;
  const n = i - start;
  if (n === 2 && u[i]! === 45) {
    const q = i + 1;
    i = q;
    while (isDigit(u[i]!)) i++;
    if (i - q !== 3) return -1;
  } else if (n === 4) {
    const century = (u[start]! - 48) * 10 + (u[start + 1]! - 48);
    if (century === 19 || century === 20) return -1;
  } else if (n !== 5) return -1;
  if (u[i]! !== 32 || !opensName(u[i + 1]!)) return -1;
  i++;
  while (inName(u[i]!)) i++;
  // A country closing the line: ", Serbia".
  if (u[i]! === 44 && u[i + 1]! === 32 && opensName(u[i + 2]!)) {
    let j = i + 2;
    while (inName(u[j]!)) j++;
    const after = u[j]!;
    if (after === 0 || after === 10 || after === 46 || after === 44 || after === 59) i = j;
  }
  // A sentence's full stop is not the town's.
  return u[i - 1]! === 46 ? i - 1 : i;
}

/**
 * The address whose house number is the digit run [at, runEnd) when a postcode and town follow it:
 * [start, end) over one to four capitalised words before the number, opening a line, a field or a
 * clause; null if none.
 */
export function continentalStreet(
  u: Uint16Array,
  at: number,
  runEnd: number,
  s: Scan,
): { start: number; end: number } | null {
  if (runEnd - at > 4 || at < 3 || u[at - 1]! !== 32) return null;
  let p = runEnd;
  if (isAsciiLetter(u[p]!) && !isAsciiLetter(u[p + 1]!)) p++;
  const end = postcodeTownEnd(u, p);
  // A sentence going on in lower case after the "town" ("12, 40000 Units shipped") holds a count.
  if (end < 0 || (u[end]! === 32 && (u[end + 1]! - 97) >>> 0 < 26)) return null;
  let i = at - 1;
  let start = -1;
  let words = 0;
  for (let w = 0; w < 4 && i > 0 && u[i]! === 32; w++) {
    let ws = i;
    while (ws > 0 && i - ws < 25 && inName(u[ws - 1]!)) ws--;
    if (ws === i || !opensName(u[ws]!)) break;
    start = ws;
    words++;
    i = ws - 1;
  }
  if (start < 0) return null;
  // One plain English-looking word and a number ("Total 12, 10000 Units") is a count, not a street:
  // a one-word street needs a letter beyond ASCII (most such names have one) or a postal cue.
  if (words === 1 && !hasNonAscii(u, start, end) && !s.hasBefore('POSTAL', at, 64)) return null;
  // What opens the street: the text's or a line's start, or ", ", ": ".
  const b = start > 0 ? u[start - 1]! : 10;
  const opened = b === 10 || (b === 32 && (u[start - 2]! === 44 || u[start - 2]! === 58));
  return opened ? { start, end } : null;
}

function hasNonAscii(u: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (u[i]! >= 0xc0) return true;
  return false;
}
