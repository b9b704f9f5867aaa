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
    if (hit.kind !== 'POSTAL') continue;
    if (hit.end - hit.start !== 7 || (text.charCodeAt(hit.start) | 32) !== 97) {
      // "lives at", "moved to", "deliver to" (not a postcode's or a zip's own cue): a numbered line.
      if (text.charCodeAt(hit.end - 3) === 32) numberedBeforePostcode(s, hit.end);
      continue;
    }
    // Cheap first: a colon within reach ("address is ..." in a sentence has none).
    if (!colonNear(s.codes, hit.end)) {
      numberedBeforePostcode(s, hit.end);
      continue;
    }
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

// How far a house number's line may run to its postcode: a flat, a street, a district and a town.
const LINE_REACH = 72;

/**
 * "Address 27 Whalley Range, Blackburn BB1 6EE": the cue with no colon, a house number right after it
 * and a postcode closing the line in the same sentence. The postcode says it is an address even where
 * the street's type word is one the parser does not know (Range, Lanes, Parade ...).
 */
function numberedBeforePostcode(s: Scan, cueEnd: number): void {
  const text = s.text;
  let from = cueEnd;
  if (text.charCodeAt(from) !== 32) return;
  from++;
  if (text.startsWith('is ', from)) from += 3;
  const c = text.charCodeAt(from);
  if (c < 48 || c > 57) return;
  for (const p of s.out) {
    if (p.type !== 'POSTCODE' || p.start <= from || p.start - from > LINE_REACH) continue;
    if (/[\n.?!;:]/.test(text.slice(from, p.start))) return;
    addressValue(s, from, p.start);
    return;
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

// One part of an address line: an optional house number, then one to four words, each capitalised or a
// short lower-case joining word ("Heol y Llan", "Newton upon Derwent").
const LINE_PART =
  /^(?:\d{1,5}[A-Za-z]? )?(?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*|[a-z]{1,4})(?: (?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*|[a-z]{1,4})){0,3}$/;

/** Where the text before `at` ends once spaces and commas are trimmed back, never before `floor`. */
export function endBefore(text: string, at: number, floor: number): number {
  let to = at;
  while (to > floor && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 44)) to--;
  return to;
}

/** Whether an ADDRESS candidate overlaps [from, to). */
export function addressOverlaps(s: Scan, from: number, to: number): boolean {
  for (const a of s.out) if (a.type === 'ADDRESS' && a.start < to && from < a.end) return true;
  return false;
}

/**
 * An address line that ends in a UK postcode and that the street parser did not read, for want of a house
 * number or a street type it knows ("Ty Newydd, Heol y Llan, Llandeilo SA19 6BN", "The Old Rectory,
 * Church Hill, Ledbury HR8 1AB"): the whole line before the postcode, two to five comma-separated parts
 * that each open with a capital or a house number. The postcode stays its own span.
 */
export function postcodeLines(s: Scan): void {
  const text = s.text;
  const out = s.out;
  for (let i = 0, n = out.length; i < n; i++) {
    const pc = out[i]!;
    if (pc.type !== 'POSTCODE') continue;
    const c = text.charCodeAt(pc.start);
    if (c < 65 || c > 90) continue;
    const lineStart = text.lastIndexOf('\n', pc.start - 1) + 1;
    const to = endBefore(text, pc.start, lineStart);
    if (to - lineStart < 8 || to - lineStart > 100) continue;
    if (addressOverlaps(s, lineStart, pc.end)) continue;
    const line = text.slice(lineStart, to);
    // "I, Ann Roe, of 3 Mill Lane, Bala ...": the address a deed or letter names its writer 'of' opens there.
    const of = line.lastIndexOf(', of ');
    let from = of < 0 ? lineStart : lineStart + of + 5;
    const parts = (of < 0 ? line : line.slice(of + 5)).split(',');
    if (parts.length < 2 || parts.length > 5) continue;
    if (!parts.every((p) => LINE_PART.test(p.trim()))) continue;
    while (text.charCodeAt(from) === 32) from++;
    // Each part may hold a joining word, but the line opens with a capital or a house number.
    const first = text.charCodeAt(from);
    if (!((first >= 65 && first <= 90) || (first >= 48 && first <= 57))) continue;
    s.add(from, to, 'ADDRESS', 0.8);
  }
}

// The last word of an organisation's name on a letterhead or an address block ("HARBOUR VIEW DENTAL
// PRACTICE", "Riverside Medical Centre", "Northgate Solicitors LLP"). Not "Home": a care home is where
// its residents live.
const ORGANISATION_LINE =
  /^(?:[A-Z][A-Za-z&'’.-]*|&|of|and|the|for)(?: (?:[A-Z][A-Za-z&'’.-]*|&|of|and|the|for)){1,6}$/;
const ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  `practice surgery ltd ltd. limited plc llp inc inc. bank council hospital clinic centre center pharmacy
  trust solicitors associates partnership university college school society ombudsman authority
  department`.split(/\s+/),
);

function organisationLine(line: string): boolean {
  if (line.length >= 60 || !ORGANISATION_LINE.test(line)) return false;
  return ORGANISATION_WORDS.has(line.slice(line.lastIndexOf(' ') + 1).toLowerCase());
}

/**
 * An address on the line under an organisation's name is the organisation's (a letterhead, a surgery's
 * or a bank's address block), not a person's: its address and postcode candidates are dropped.
 */
export function organisationAddresses(s: Scan): void {
  const text = s.text;
  const out = s.out;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'ADDRESS' && c.type !== 'POSTCODE') continue;
    const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
    if (lineStart === 0) continue;
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1).trim();
    if (organisationLine(prev)) out.splice(i, 1);
  }
}

// An organisation's name ending the text before an address on its line, with the comma after it
// ("Previous GP: Parkside Medical Centre, 3 Park Road"), or a field naming an organisation's address
// ("Employer address:", "Practice address -").
const ORGANISATION_BEFORE =
  /(?:^|[:;(]\s*|[.!?]\s+|\b(?:at|from|with|to|by)\s+)((?:[A-Z][A-Za-z&'’.-]*|&|of|and|the|for)(?: (?:[A-Z][A-Za-z&'’.-]*|&|of|and|the|for)){0,6}),\s*$/;
const ADDRESS_FIELD_END = /address\s*[:\-–]?$/i;
const ORGANISATION_FIELD =
  /\b(?:employer|employer's|practice|surgery|company|business|branch|office|head office|registered office|work)\s+address\s*[:\-–]?\s*$/i;

// The last words of a named organisation inline. Not "Bank" or "School" (Holly Bank is a street, The
// Old School a house).
const INLINE_ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  `practice surgery ltd ltd. limited plc llp inc inc. hospital clinic centre center pharmacy solicitors
  associates partnership university`.split(/\s+/),
);

/** The word ending at `end` (exclusive), lower case: letters and dots only, at most twelve. */
function wordBefore(text: string, end: number): string {
  let a = end;
  while (a > 0 && end - a < 12) {
    const c = text.charCodeAt(a - 1) | 32;
    if (!((c >= 97 && c <= 122) || c === 46)) break;
    a--;
  }
  return a === end ? '' : text.slice(a, end).toLowerCase();
}

/** Two words or more, the last an organisation's, and no "Old" (a house named for what it was). */
function organisationName(name: string): boolean {
  const words = name.split(' ');
  return (
    words.length >= 2 &&
    !words.includes('Old') &&
    INLINE_ORGANISATION_WORDS.has(words[words.length - 1]!.toLowerCase())
  );
}

/**
 * An address written after an organisation's name on the same line, or under an organisation's
 * address field, is the organisation's (a GP practice, an employer), not a person's: its address and
 * the postcode closing it are dropped.
 */
export function inlineOrganisationAddresses(s: Scan): void {
  const text = s.text;
  const out = s.out;
  // The ends of the organisations' addresses, whose postcodes go with them.
  let ends: number[] | null = null;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'ADDRESS') continue;
    // Cheap tests first: a name ends in a comma, a field in "address" and its separator.
    let b = c.start - 1;
    while (b > 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
    // After a comma, only when the word before it is an organisation's last word ("Centre,").
    const comma = text.charCodeAt(b) === 44 && INLINE_ORGANISATION_WORDS.has(wordBefore(text, b));
    if (!comma && !ADDRESS_FIELD_END.test(text.slice(Math.max(0, b - 10), b + 1))) continue;
    const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
    const before = text.slice(Math.max(lineStart, c.start - 80), c.start);
    const org = comma ? ORGANISATION_BEFORE.exec(before) : null;
    if (!(org !== null && organisationName(org[1]!)) && !ORGANISATION_FIELD.test(before)) continue;
    (ends ??= []).push(c.end);
    out.splice(i, 1);
  }
  if (ends === null) return;
  for (let k = out.length - 1; k >= 0; k--) {
    const p = out[k]!;
    if (p.type !== 'POSTCODE') continue;
    for (const end of ends) {
      if (p.start >= end && p.start - end <= 40 && !text.slice(end, p.start).includes('\n')) {
        out.splice(k, 1);
        break;
      }
    }
  }
}
