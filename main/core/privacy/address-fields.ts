/**
 * An address in a form field ("Address: 1412 Calle Ocho, Miami, FL 33135", "Address line 1: Apt 4,
 * The Maltings") that the street parser (places.ts) does not read, for want of a house number or a
 * street suffix it knows: the field says what the value is. The value runs to the line's end or to the
 * postcode found on it (a postcode is its own span). Only fields whose value the parser left alone
 * are read, so an address it found keeps its own boundaries.
 */
import type { Scan } from './scan';
import { FOREIGN_STREET_SCORE } from './places';

// "Address:", "Address line 1:", "Address*:", "address 1 -": the rest of a field name, then its colon.
const FIELD_REST = /^(?: line ?\d)?(?: ?\d)?\*? ?: ?/i;

export function addressFields(s: Scan): void {
  const text = s.text;
  for (const hit of s.hits) {
    if (hit.kind !== 'POSTAL' || hit.end - hit.start !== 7 || (text.charCodeAt(hit.start) | 32) !== 97)
      continue;
    // Cheap first: a colon within reach ("address is ..." in a sentence has none).
    if (!colonNear(s.codes, hit.end)) continue;
    const rest = FIELD_REST.exec(text.slice(hit.end, hit.end + 12));
    if (rest === null) continue;
    const from = hit.end + rest[0].length;
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    addressValue(s, from, to);
  }
}

/**
 * The address in [from, to) (a field's value or a chat answer to "your address?"), cut before a
 * postcode on it; nothing when the street parser already found one there or the value is no address.
 */
export function addressValue(s: Scan, from: number, to: number): void {
  const text = s.text;
  {
    // A postcode on the line ends the address before it.
    for (const c of s.out) {
      if (c.type === 'POSTCODE' && c.start > from && c.start < to) to = c.start;
      // The street parser's own addresses keep their boundaries; a street read from a type word before
      // its name (FOREIGN_STREET_SCORE, as sure as a field) yields to the longer field value.
      if (c.type === 'ADDRESS' && c.score > FOREIGN_STREET_SCORE && c.start < to && from < c.end) to = -1;
      if (to < 0) break;
    }
    if (to < 0) return;
    while (to > from && /[\s,]/.test(text[to - 1]!)) to--;
    const value = text.slice(from, to);
    // Two words at least and a capital: "3 yrs" (time at an address) or "same as above" is no address.
    if (!/\S \S/.test(value) || !/[A-Z]/.test(value) || /^same\b/i.test(value)) return;
    s.add(from, to, 'ADDRESS', FOREIGN_STREET_SCORE);
  }
}

/** A ':' among the next 11 code units before a line break. */
function colonNear(u: Uint16Array, p: number): boolean {
  for (let i = p; i < p + 11; i++) {
    const c = u[i]!;
    if (c === 58) return true;
    if (c === 10 || c === 0) return false;
  }
  return false;
}
