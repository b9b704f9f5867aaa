/**
 * Places: UK postcodes and US ZIP codes, and street addresses (house number, up to three name words,
 * a Royal Mail or USPS street type). Candidates start at digit runs found in one pass (see Scan.runs).
 */
import { continentalStreet } from './continental-addresses';
import { isAsciiLetter, isDigit, isWordChar } from './chars';
import type { Scan } from './scan';

const UK_POSTCODE_RE =
  /[A-Z](?<![A-Za-z0-9][A-Z])(?:[A-Z]?\d[A-Z\d]?|IR) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/y;
const US_ZIP_RE = /\d(?<![\w-]\d)\d{4}(?:-\d{4})?(?![\w-])/y;
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  ),
);

const STATE_BEFORE = /([A-Z]{2}),? $/;

/**
 * Two capitals after the digit run ending at `end`, as a UK inward code ends ("1AA"). Every UK
 * match ends so, its inward digit closing the first or second digit run after its first letter.
 */
function inwardAt(u: Uint16Array, end: number): boolean {
  return u[end]! - 65 < 26 && u[end]! >= 65 && u[end + 1]! - 65 < 26 && u[end + 1]! >= 65;
}

export function postcodes(s: Scan): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  let m: RegExpExecArray | null;
  let from = 0;
  let tried = -1;
  for (let k = 0; k < count; k++) {
    if (ends[k]! - starts[k]! <= 2 && starts[k]! > 0 && isAsciiLetter(u[starts[k]! - 1]!))
      otherPostcodeAt(s, k);
    // A UK postcode's first digit opens a digit run one or two letters in ("M1", "SW1A"), or three
    // or four in "GIR 0AA"; its inward digit ends this run or the next, at most 5 after the start
    // letter. Positions skipped here cannot match, so trying them under a later run changes nothing.
    if (
      !inwardAt(u, ends[k]!) &&
      !(k + 1 < count && ends[k + 1]! <= starts[k]! + 5 && inwardAt(u, ends[k + 1]!))
    ) {
      continue;
    }
    for (let at = starts[k]! - 4; at < starts[k]!; at++) {
      if (at <= tried || at < from) continue;
      tried = at;
      const c = u[at]!;
      if (c < 65 || c > 90) continue;
      UK_POSTCODE_RE.lastIndex = at;
      m = UK_POSTCODE_RE.exec(text);
      if (m === null) continue;
      from = at + m[0].length;
      const ctx = s.hasBefore('POSTAL', m.index, 80);
      s.add(m.index, from, 'POSTCODE', ctx ? 0.95 : 0.8);
    }
  }
  from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || ends[k]! - at !== 5) continue;
    US_ZIP_RE.lastIndex = at;
    m = US_ZIP_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
    // A ZIP code only counts after a state abbreviation ("CA 94107") or a zip/address keyword.
    const before = s.text.slice(Math.max(0, m.index - 4), m.index);
    const state = STATE_BEFORE.exec(before);
    const inAddress = (state && US_STATES.has(state[1] ?? '')) || s.hasBefore('POSTAL', m.index, 24);
    if (inAddress) s.add(m.index, m.index + m[0].length, 'POSTCODE', 0.85);
  }
}

// Irish Eircode routing keys (Eircode's published list of 139), and the letters of its unique identifiers.
const EIRCODE_KEYS: ReadonlySet<string> = new Set(
  `A41 A42 A45 A63 A67 A75 A81 A82 A83 A84 A85 A86 A91 A92 A94 A96 A98 C15 D01 D02 D03 D04 D05 D06 D07 D08
  D09 D10 D11 D12 D13 D14 D15 D16 D17 D18 D20 D22 D24 D6W E21 E25 E32 E34 E41 E45 E53 E91 F12 F23 F26 F28
  F31 F35 F42 F45 F52 F56 F91 F92 F93 F94 H12 H14 H16 H18 H23 H53 H54 H62 H65 H71 H91 K32 K34 K36 K45 K56
  K67 K78 N37 N39 N41 N91 P12 P14 P17 P24 P25 P31 P32 P36 P43 P47 P51 P56 P61 P67 P72 P75 P81 P85 R14 R21
  R32 R35 R42 R45 R51 R56 R93 R95 T12 T23 T34 T45 T56 V14 V15 V23 V31 V35 V42 V92 V93 V94 V95 W12 W23 W34
  W91 X35 X42 X91 Y14 Y21 Y25 Y34 Y35`.split(/\s+/),
);
/** A routing key or area as a number, its code units one byte each: looked up without a slice. */
const codeKey = (w: string): number => {
  let key = 0;
  for (let i = 0; i < w.length; i++) key = key * 256 + w.charCodeAt(i);
  return key;
};
const EIRCODE_KEY_CODES: ReadonlySet<number> = new Set([...EIRCODE_KEYS].map(codeKey));
const EIRCODE_ID = /[0-9ACDEFHKNPRTVWXY]{4}(?![A-Za-z0-9])/y;

// UK postcode areas of two letters: a postcode typed in lower case ("ls17 8ht") counts only with one.
// One-letter areas are left out there: "b4 4th" is shorthand, not Birmingham B4.
const UK_AREAS: ReadonlySet<string> = new Set(
  `ab al ba bb bd bh bl bn br bs bt ca cb cf ch cm co cr ct cv cw da dd de dg dh dl dn dt dy ec eh en ex fk
  fy gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je ka kt kw ky la ld le ll ln ls lu me mk ml ne ng nn np nr
  nw ol ox pa pe ph pl po pr rg rh rm sa se sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw ub wa
  wc wd wf wn wr ws wv yo ze`.split(/\s+/),
);
const UK_AREA_CODES: ReadonlySet<number> = new Set([...UK_AREAS].map(codeKey));
const LOWER_UK_RE = /[a-z]{2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/y;

const isLower = (c: number): boolean => c >= 97 && c <= 122;

/**
 * Postcodes the upper-case UK pattern does not read, at a digit run of one or two digits with a letter
 * right before it (the k-th run): an
 * Irish Eircode (a routing key from Eircode's list, then four characters of its identifier alphabet:
 * "H91 E2K3", "D6W 1234"), and a UK postcode typed in lower case with a two-letter area ("ls17 8ht").
 */
function otherPostcodeAt(s: Scan, k: number): void {
  const text = s.text;
  const { starts, ends } = s.runs;
  const u = s.codes;
  const d = starts[k]!;
  const c = u[d - 1]!;
  if (c >= 65 && c <= 90 && (d < 2 || !isAsciiAlnumCode(u[d - 2]!))) {
    // Routing key: a capital and two digits, or D6W.
    let keyEnd = ends[k]!;
    if (keyEnd - d === 1 && u[keyEnd]! === 87) keyEnd++;
    // Every character here is ASCII (a capital, then digits or W), so the key is its code units.
    if (keyEnd - d !== 2 || !EIRCODE_KEY_CODES.has((c * 256 + u[d]!) * 256 + u[d + 1]!)) return;
    const idAt = u[keyEnd]! === 32 ? keyEnd + 1 : keyEnd;
    EIRCODE_ID.lastIndex = idAt;
    if (!EIRCODE_ID.test(text)) return;
    s.add(d - 1, idAt + 4, 'POSTCODE', s.hasBefore('POSTAL', d - 1, 80) ? 0.95 : 0.85);
  } else if (isLower(c) && d >= 2 && isLower(u[d - 2]!) && (d < 3 || !isAsciiAlnumCode(u[d - 3]!))) {
    if (!UK_AREA_CODES.has(u[d - 2]! * 256 + c)) return;
    LOWER_UK_RE.lastIndex = d - 2;
    if (!LOWER_UK_RE.test(text)) return;
    s.add(d - 2, LOWER_UK_RE.lastIndex, 'POSTCODE', s.hasBefore('POSTAL', d - 2, 80) ? 0.95 : 0.8);
  } else if (isLower(c) && ONE_LETTER_AREAS.includes(c) && (d < 2 || !isAsciiAlnumCode(u[d - 2]!))) {
    // A one-letter area in lower case ("m14 5rq") only right after a postcode word: "b4 4th" is shorthand.
    if (!LOWER_ONE_LETTER_RE.test(text.slice(d - 1, d + 7)) || !s.hasBefore('POSTAL', d - 1, 16)) return;
    const m = LOWER_ONE_LETTER_RE.exec(text.slice(d - 1, d + 7))!;
    s.add(d - 1, d - 1 + m[0].length, 'POSTCODE', 0.95);
  }
}

// B, E, G, L, M, N, S, W: Royal Mail's one-letter areas, in lower case.
const ONE_LETTER_AREAS: readonly number[] = [98, 101, 103, 108, 109, 110, 115, 119];
const LOWER_ONE_LETTER_RE = /^[a-z]\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/;

function isAsciiAlnumCode(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

// Royal Mail and USPS street suffixes, less generic words that would turn "2 Barclays Bank accounts"
// or "3 Service Station" into an address.
export const STREET_TYPES = [
  'Road|Rd|Close|Street|St|Lane|Ln|Avenue|Ave|Drive|Dr|Way|Place|Pl|Court|Ct|Gardens|Crescent|Cres|Grove|Terrace|Terr',
  'Hill|View|Walk|Park|Mews|Rise|Green|Square|Sq|Croft|Row|Meadow|Gate|Drove|Mead|Field|Chase|Mount|Meadows|Orchard',
  'Fields|Yard|Garth|Fold|Wynd|Parade|Vale|Brae|Grange|Approach|Wood|Paddock|Brow|Lea|Path|Heights|Copse|Corner',
  'Ridge|Glade|Alley|Branch|Bridge|Brook|Brooks|Burg|Burgs|Bypass|Camp|Canyon|Cape|Causeway|Circle|Cir|Circles|Cliff',
  'Cliffs|Common|Corners|Courts|Cove|Coves|Creek|Crest|Crossing|Crossroad|Curve|Dale|Dam|Divide|Drives|Estates',
  'Expressway|Extension|Extensions|Falls|Ferry|Flat|Flats|Ford|Fords|Forest|Forge|Forges|Fork|Forks|Fort|Freeway',
  'Garden|Gateway|Glen|Glens|Greens|Groves|Harbor|Harbors|Haven|Highway|Hwy|Hills|Hollow|Inlet|Island|Islands|Isle',
  'Junction|Junctions|Knoll|Knolls|Lake|Lakes|Landing|Lodge|Loop|Manor|Manors|Mill|Mills|Motorway|Mountain|Mountains',
  'Neck|Oval|Overpass|Parks|Parkway|Pkwy|Parkways|Pass|Passage|Pike|Pine|Pines|Plain|Plains|Plaza|Points|Ports|Prairie',
  'Radial|Ramp|Ranch|Rapid|Rapids|Ridges|River|Roads|Route|Rue|Shoal|Shoals|Shore|Shores|Skyway|Springs|Spur|Spurs',
  'Squares|Stravenue|Stream|Streets|Summit|Throughway|Trace|Track|Trafficway|Trail|Tunnel|Turnpike|Underpass|Valley',
  'Valleys|Via|Viaduct|Views|Village|Villages|Ville|Vista|Walks|Ways',
  // Waterside, estate and boulevard types Royal Mail and USPS use too.
  'Quay|Quays|Wharf|Estate|Boulevard|Blvd|Embankment|Promenade|Circus',
  // Royal Mail's abbreviations as staff and forms shorten them ("4 Orchard Cl", "12 Ferndale Gdns").
  'Cl|Gdns|Gr|Pde|Tce|Hts',
].join('|');
const STREETS: ReadonlySet<string> = new Set(STREET_TYPES.split('|'));
// USPS suffixes that are also everyday words ("a 3 Day Course", "2 Weeks Rest"): they end an address
// only when a town follows after a comma ("653 Hermann Centers, Lakeside").
const WEAK_STREETS: ReadonlySet<string> = new Set([
  'Center',
  'Centers',
  'Course',
  'Light',
  'Lights',
  'Loaf',
  'Rest',
  'Well',
  'Wells',
  // Rows of houses and blocks named as a thoroughfare ("3 Wharf Cottages, Little Marlow").
  'Cottages',
  'Villas',
  'Mansions',
  'Buildings',
]);
// Street types by first capital (& 31) and length, as bits: most candidate words are turned away by
// these without a slice and a Set lookup.
const TYPE_SHAPES = new Uint32Array(32);
for (const type of [...STREETS, ...WEAK_STREETS]) TYPE_SHAPES[type.charCodeAt(0) & 31]! |= 1 << type.length;
const DIRECTIONS: ReadonlySet<string> = new Set(['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW']);
const FLAT_BEFORE = /(?:Flat|Apt|Apartment|Unit|Suite) {0,2}\d{1,4}[A-Za-z]? {0,2},? {1,2}$/i;
// "flat 6 carlton court": the flat's own number opens the address.
const FLAT_WORD_BEFORE = /(?<![A-Za-z])(?:Flat|Apt|Apartment|Unit|Suite) {1,2}$/i;

/**
 * Whether FLAT_BEFORE or FLAT_WORD_BEFORE may match before `at`: both end in a space, and hold a word
 * opening "fl", "ap", "un" or "su" in any case (an ASCII letter's only cases set bit 5 alike; /i maps
 * no character above ASCII onto them) within the sixteen code units they read. Most house numbers
 * have none, and no slice or regex is tried for them.
 */
function mayFollowFlat(u: Uint16Array, at: number): boolean {
  if (at === 0 || u[at - 1] !== 32) return false;
  for (let i = Math.max(0, at - 16); i < at - 1; i++) {
    const a = u[i]! | 32;
    const b = u[i + 1]! | 32;
    if (
      (a === 102 && b === 108) ||
      (a === 97 && b === 112) ||
      (a === 117 && b === 110) ||
      (a === 115 && b === 117)
    )
      return true;
  }
  return false;
}

/** What may open a street-name word: A-Z and Latin capitals (plus Latin Extended-A). */
function opensWord(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde) || (c >= 0x100 && c <= 0x17f);
}
/** What may continue one: letters (Latin-1 to Extended-B), apostrophes, dots and hyphens. */
function continuesWord(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f) || c === 39 || c === 0x2019 || c === 46 || c === 45;
}

// The address matcher reads code units from Scan.codes (cheaper than charCodeAt), where the text
// is followed by a 0: every test below fails on it as it did on charCodeAt's NaN past the end, and a
// read one further only happens where the 0 already decided the answer.

/** The `n` code units before `p` are all letters (ASCII or Latin-1 to Extended-B). */
function lettersBefore(u: Uint16Array, p: number, n: number): boolean {
  for (let i = p - n; i < p; i++) {
    const c = u[i]!;
    if (!isAsciiLetter(c) && !(c >= 0xc0 && c <= 0x24f)) return false;
  }
  return true;
}

/** End of the maximal [A-Za-z0-9_] run at `p`. */
function wordRunEnd(text: string, u: Uint16Array, p: number): number {
  while (p < text.length && isWordChar(u[p]!)) p++;
  return p;
}

/**
 * One street-name word at `p` followed by a space ("Baker ", "O'Neil ", "5th "); returns the position
 * after the space, or -1. A capitalised word has at most 20 more letters; an ordinal 1-3 digits.
 */
function streetWord(text: string, u: Uint16Array, p: number): number {
  const c = u[p]!;
  let q = p + 1;
  if (opensWord(c)) {
    while (q < text.length && q - p <= 21 && continuesWord(u[q]!)) q++;
    if (q - p > 21) return -1;
    // A word of four letters or more then '.' ends a sentence ("8 Weeks. Hi Brooks"); "St." does not.
    if (u[q - 1]! === 46 && q - p >= 5 && lettersBefore(u, q - 1, 4)) return -1;
  } else if (isDigit(c)) {
    while (q < text.length && q - p < 3 && isDigit(u[q]!)) q++;
    if (isDigit(u[q]!)) return -1;
    const a = u[q]!;
    const b = u[q + 1]!;
    const ordinal =
      (a === 115 && b === 116) ||
      (a === 110 && b === 100) ||
      (a === 114 && b === 100) ||
      (a === 116 && b === 104);
    if (!ordinal) return -1;
    q += 2;
  } else return -1;
  return spaceEnd(u, q);
}

/** Past one space, or two (forms and scans space words out: "22  Hilltop  Ave"), at `q`; else -1. */
function spaceEnd(u: Uint16Array, q: number): number {
  if (u[q]! !== 32) return -1;
  return u[q + 1]! === 32 ? q + 2 : q + 1;
}

/**
 * End of an address whose name words start at `p`: one to three words then a street type (most words
 * first), then an optional '.' and compass suffix; -1 if none. A hand-written matcher: the same
 * language as `num (dir )?(word ){1,3}STREET\b\.?( DIR\b)?` without the regex's ~200-way
 * alternation being retried after every word.
 */
function streetEnd(text: string, u: Uint16Array, p: number): number {
  // Where the second, third and fourth word would start (-1: no such name word); no array per call.
  const w1 = streetWord(text, u, p);
  if (w1 < 0) return -1;
  const w2 = streetWord(text, u, w1);
  const w3 = w2 < 0 ? -1 : streetWord(text, u, w2);
  let end = w3 < 0 ? -1 : streetTypeEnd(text, u, w3);
  if (end < 0 && w2 >= 0) end = streetTypeEnd(text, u, w2);
  return end < 0 ? streetTypeEnd(text, u, w1) : end;
}

/** End of a street type at `q` with its optional '.' and compass suffix, or -1. */
function streetTypeEnd(text: string, u: Uint16Array, q: number): number {
  const e = wordRunEnd(text, u, q);
  const first = u[q]!;
  if (first < 65 || first > 90 || e - q > 31 || ((TYPE_SHAPES[first & 31]! >>> (e - q)) & 1) === 0) return -1;
  let type = text.slice(q, e);
  // An address in capitals ("4 THE MEWS, HARROGATE") counts when a town follows, as a weak type does.
  const capitals = e - q > 1 && u[q + 1]! <= 90 && type === type.toUpperCase();
  if (capitals) type = type[0]! + type.slice(1).toLowerCase();
  const weak = capitals || WEAK_STREETS.has(type);
  if (!(STREETS.has(type) || WEAK_STREETS.has(type)) || (weak && !townFollows(text, u, e))) return -1;
  let end = e;
  // "St." and "Ave." keep their abbreviation's point; after "Lane" or "Road" it ends the sentence.
  if (u[end]! === 46 && abbreviated(type)) end++;
  if (u[end]! === 32) {
    const d = wordRunEnd(text, u, end + 1);
    if (d > end + 1 && d - end <= 3 && DIRECTIONS.has(text.slice(end + 1, d))) end = d;
  }
  return end;
}

// Abbreviations of street types that hold a vowel after their first letter (most have none: St, Rd,
// Ln, Blvd, Gdns, Pkwy).
const VOWELLED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Ave',
  'Av',
  'Cres',
  'Terr',
  'Ter',
  'Cir',
  'Clo',
]);

/** Whether a street type (title case) is an abbreviation, which a point may close: "St", "Ave". */
function abbreviated(type: string): boolean {
  if (type.length > 4) return false;
  return VOWELLED_ABBREVIATIONS.has(type) || !/[aeiouy]/.test(type.slice(1));
}

/** ", " and a capital letter at `p`. */
function townFollows(text: string, u: Uint16Array, p: number): boolean {
  const c = u[p + 2]!;
  return u[p]! === 44 && u[p + 1]! === 32 && c >= 65 && c <= 90;
}

/** End of an address at the house number at `at`, or -1. */
export function addressEnd(text: string, u: Uint16Array, at: number, runEnd: number): number {
  if (runEnd - at > 5) return -1;
  // The minutes of a time ("10:30-11:45, Canary Wharf") are no house number.
  if (at >= 2 && (u[at - 1]! === 58 || u[at - 1]! === 46) && isDigit(u[at - 2]!)) return -1;
  let p = runEnd;
  if (isAsciiLetter(u[p]!)) p++;
  if (u[p]! === 44) p++;
  p = spaceEnd(u, p);
  if (p < 0) return -1;
  // An optional compass point before the name ("12 N. Main St"), tried with it first.
  const c = u[p]!;
  if (c === 78 || c === 83 || c === 69 || c === 87) {
    const q = u[p + 1]! === 46 ? p + 2 : p + 1;
    if (u[q]! === 32) {
      const end = streetEnd(text, u, q + 1);
      if (end >= 0) return end;
    }
  }
  return streetEnd(text, u, p);
}

/**
 * The score of a street read from a type word before its name (and of an address field's value): below
 * the street parser's own, and equal to a field's, so the longer field value wins an overlap.
 */
export const FOREIGN_STREET_SCORE = 0.8;

// Street types written before the name (Welsh, French, Spanish, Italian, Portuguese): "44 Heol y Deri",
// "12 rue des Lilas", "7 Via Garibaldi". Capitalised, but French writes "rue" in lower case.
const LEADING_TYPES: ReadonlySet<string> = new Set(
  `Heol Ffordd Stryd Rhodfa Rue rue Chemin Allée Impasse Quai Calle Avenida Paseo
  Camino Via Viale Piazza Corso Rua Travessa`.split(/\s+/),
);
// LEADING_TYPES by first character and length, as bits: most words after a number ("3 pm", "2 of")
// are turned away without a slice.
const LEADING_SHAPES = new Uint32Array(128);
for (const type of LEADING_TYPES) LEADING_SHAPES[type.charCodeAt(0)]! |= 1 << type.length;

// Street types before the name where the house number follows the name (Poland, Spain, Italy, Portugal):
// "ul. Długa 14/3", "Calle Mayor 12", "Via Roma 15", "Rua Augusta 100".
const TYPES_BEFORE_NUMBER: ReadonlySet<string> = new Set(
  'ul. ulica al. aleja os. Calle Carrer Avenida Via Viale Piazza Corso Rua Travessa Plaza Paseo'.split(' '),
);
// German and Dutch street names end in their type and are followed by the number: "Hauptstraße 5".
const TYPE_ENDINGS = [
  'straße',
  'strasse',
  'str.',
  'gasse',
  'weg',
  'allee',
  'platz',
  'damm',
  'straat',
  'laan',
  'gracht',
];
// The last characters of TYPE_ENDINGS (e g z m t n .): most capitalised words ("January 12") end
// otherwise and are passed without the endsWith calls.
const ENDING_LAST = [...new Set(TYPE_ENDINGS.map((t) => t.charCodeAt(t.length - 1)))];
// Lower-case words inside such a name: "Heol y Deri", "rue des Lilas", "Via della Spiga".
const PARTICLES: ReadonlySet<string> = new Set(
  'y yr de des du la le les del della delle dei degli dello di da dal do dos das el los las van der den'.split(
    ' ',
  ),
);
// TYPES_BEFORE_NUMBER and PARTICLES by first character and length, as bits.
const BEFORE_NUMBER_SHAPES = new Uint32Array(128);
for (const w of [...TYPES_BEFORE_NUMBER, ...PARTICLES])
  BEFORE_NUMBER_SHAPES[w.charCodeAt(0)]! |= 1 << w.length;

/** The end of the letter word at `p` (letters, apostrophes, dots and hyphens), or p. */
function letterWordEnd(text: string, u: Uint16Array, p: number): number {
  let q = p;
  while (q < text.length && q - p <= 24 && continuesWord(u[q]!)) q++;
  return q;
}

/**
 * End of a street whose type comes before its name, at `p` after the house number ("rue des Lilas"):
 * the type, then up to four words, capitalised or particles, ending in a capitalised one; or -1.
 */
function leadingTypeEnd(text: string, u: Uint16Array, p: number): number {
  const first = u[p]!;
  if (first >= 128 || LEADING_SHAPES[first] === 0) return -1;
  const e = letterWordEnd(text, u, p);
  if (e - p > 31 || ((LEADING_SHAPES[first]! >>> (e - p)) & 1) === 0 || u[e]! !== 32) return -1;
  if (!LEADING_TYPES.has(text.slice(p, e))) return -1;
  let end = -1;
  let q = e + 1;
  for (let w = 0; w < 4; w++) {
    const we = letterWordEnd(text, u, q);
    if (we === q) break;
    if (opensWord(u[q]!)) end = we;
    else if (!PARTICLES.has(text.slice(q, we))) break;
    if (u[we]! !== 32) break;
    q = we + 1;
  }
  return end;
}

/**
 * Start of a street named before its house number at `at` ("ul. Długa 14/3", "Via Roma 15",
 * "Hauptstraße 5"): walking back over up to four capitalised words or particles to a type, or from a
 * German or Dutch name ending in its type; -1 if none.
 */
function streetBeforeNumber(text: string, u: Uint16Array, at: number): number {
  let i = at - 1;
  let names = 0;
  for (let w = 0; w < 5 && i > 0 && u[i]! === 32; w++) {
    const we = i;
    let ws = we;
    while (ws > 0 && ws > we - 25 && continuesWord(u[ws - 1]!)) ws--;
    if (ws === we) return -1;
    const first = u[ws]!;
    const capital = opensWord(first);
    // The word right before the number is the name's last (capitalised): most numbers after a
    // lower-case word ("at 3", "is 12") are turned away here, without a slice.
    if (w === 0) {
      if (!capital) return -1;
      if (
        we - ws > 5 &&
        ENDING_LAST.includes(u[we - 1]!) &&
        TYPE_ENDINGS.some((t) => we - ws > t.length + 2 && text.endsWith(t, we))
      )
        return ws;
    }
    // Only a word of a type's or a particle's shape is sliced and looked up; any other capitalised
    // word is one more word of the name, and any other lower-case word ends the walk.
    const shaped = first < 128 && we - ws < 32 && ((BEFORE_NUMBER_SHAPES[first]! >>> (we - ws)) & 1) !== 0;
    if (shaped) {
      const word = text.slice(ws, we);
      if (names > 0 && TYPES_BEFORE_NUMBER.has(word)) {
        // "et al. Smith 2019" is a citation.
        return word === 'al.' && text.slice(Math.max(0, ws - 3), ws) === 'et ' ? -1 : ws;
      }
      if (!capital && !PARTICLES.has(word)) return -1;
    } else if (!capital) return -1;
    if (capital) names++;
    i = ws - 1;
  }
  return -1;
}

/** After a house number: ',', '/', '-', a letter and one of those ("12a,"), a line end, the end, or " X". */
function endsAddress(u: Uint16Array, p: number): boolean {
  let c = u[p]!;
  if (isAsciiLetter(c)) c = u[++p]!;
  if (c === 44 || c === 47 || c === 45 || c === 10 || c === 0 || c === 41 || c === 46 || c === 59)
    return true;
  if (c !== 32) return false;
  const d = u[p + 1]!;
  return (d >= 65 && d <= 90) || isDigit(d) || d >= 0xc0 || d === 40;
}

/** End of a house number after its street at the digit run ending at `runEnd`: "14/3", "12a", "5-7". */
function houseNumberEnd(text: string, u: Uint16Array, runEnd: number): number {
  let e = runEnd;
  if ((u[e]! === 47 || u[e]! === 45) && isDigit(u[e + 1]!)) {
    e++;
    while (isDigit(u[e]!) && e - runEnd < 5) e++;
  } else if (isAsciiLetter(u[e]!) && !isAsciiLetter(u[e + 1]!)) e++;
  return isAsciiLetter(u[e]!) || isDigit(u[e]!) ? -1 : e;
}

export function addresses(s: Scan): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  // An address typed in lower case is read only after a postal cue ("deliver to", "address is"), or
  // before a postcode on its line ("14 bramble close ls17 8ht"): the postcode's shape is the evidence.
  const postal = s.hasKind('POSTAL');
  // Taken out of the candidates once: most digit runs are no address and ask for them.
  const postcodes = postcodeStarts(s);
  // The first of them after the current digit run: runs ascend, so it only moves on.
  let nextPostcode = 0;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from) continue;
    if (at > 0) {
      const b = u[at - 1]!;
      if (isAsciiLetter(b) || isDigit(b) || (b >= 0xc0 && b <= 0x24f)) continue;
    }
    let end = addressEnd(text, u, at, ends[k]!);
    let lower = false;
    if (end < 0) {
      lower = postal && s.hasBefore('POSTAL', at, 64);
      if (!lower && postcodes !== null) {
        const runEnd = ends[k]!;
        while (nextPostcode < postcodes.length && postcodes[nextPostcode]! <= runEnd) nextPostcode++;
        lower = nextPostcode < postcodes.length && postcodeAfter(u, postcodes[nextPostcode]!, at, runEnd);
      }
      if (lower) end = lowerAddressEnd(text, u, at, ends[k]!);
    }
    if (end < 0) {
      if (ends[k]! - at <= 4) {
        const foreign = foreignStreetAt(s, text, u, at, ends[k]!);
        if (foreign > 0) from = foreign;
      }
      continue;
    }
    // A building's number and name, then its street's: "6 Carlton Court 41 Park Lane" is one address.
    for (let q = spaceEnd(u, end); q > 0 && isDigit(u[q]!); q = spaceEnd(u, end)) {
      let r = q;
      while (isDigit(u[r]!)) r++;
      const next = lower ? lowerAddressEnd(text, u, q, r) : addressEnd(text, u, q, r);
      if (next < 0) break;
      end = next;
    }
    const flat = !mayFollowFlat(u, at)
      ? null
      : (FLAT_BEFORE.exec(text.slice(Math.max(0, at - 16), at)) ??
        FLAT_WORD_BEFORE.exec(text.slice(Math.max(0, at - 11), at)));
    s.add(flat ? at - flat[0].length : at, end, 'ADDRESS', 0.94);
    from = end;
  }
}

/** Where the postcodes found so far start, ascending, or null when there are none (most texts). */
function postcodeStarts(s: Scan): number[] | null {
  let starts: number[] | null = null;
  for (const c of s.out) if (c.type === 'POSTCODE') (starts ??= []).push(c.start);
  return starts === null ? null : starts.sort((a, b) => a - b);
}

/** How far after a house number the postcode closing its line may start. */
const POSTCODE_AFTER = 48;

/**
 * Whether the postcode at `start`, the first one after the digit run [at, runEnd), closes the run's
 * line shortly after it. Only the first can: a later one is farther, with the same line breaks before it.
 */
function postcodeAfter(u: Uint16Array, start: number, at: number, runEnd: number): boolean {
  if (start - at > POSTCODE_AFTER) return false;
  // No line break between the number and the postcode: code units, not a slice.
  let i = runEnd;
  while (i < start && u[i] !== 10) i++;
  return i === start;
}

/**
 * A street whose type comes before the name, at the digit run [at, runEnd) of at most four digits that
 * the street parser did not read: a number after a name ("ul. Długa 14/3", "Via Roma 15", "Hauptstraße
 * 5"), or a house number before a leading type ("44 Heol y Deri"). Returns the address's end, or -1.
 */
function foreignStreetAt(s: Scan, text: string, u: Uint16Array, at: number, runEnd: number): number {
  // A number after a word: a space, a letter or '.' before it, 1-3 digits, and the address's end after
  // it (a comma, '/', a line end, the text's end, or a space before a capital or a postcode's digits):
  // most numbers in a sentence are followed by a lower-case word ("3 days") and are passed here.
  if (at > 1 && u[at - 1] === 32 && runEnd - at <= 3 && endsAddress(u, runEnd) && continuesWord(u[at - 2]!)) {
    const start = streetBeforeNumber(text, u, at);
    if (start >= 0) {
      const end = houseNumberEnd(text, u, runEnd);
      if (end > 0) {
        s.add(start, end, 'ADDRESS', FOREIGN_STREET_SCORE);
        return end;
      }
    }
  }
  // A comma after the number (or its letter) opens the postcode and town: most numbers have none.
  if (u[runEnd]! !== 32) return continentalAt(s, u, at, runEnd);
  const end = leadingTypeEnd(text, u, runEnd + 1);
  if (end < 0) return -1;
  const flat = mayFollowFlat(u, at) ? FLAT_BEFORE.exec(text.slice(Math.max(0, at - 16), at)) : null;
  s.add(flat ? at - flat[0].length : at, end, 'ADDRESS', FOREIGN_STREET_SCORE);
  return end;
}

/** A continental street line at the digit run [at, runEnd) followed by a comma (continental-addresses.ts). */
function continentalAt(s: Scan, u: Uint16Array, at: number, runEnd: number): number {
  const comma = u[runEnd]! === 44 || (isAsciiLetter(u[runEnd]!) && u[runEnd + 1]! === 44);
  const continental = comma ? continentalStreet(u, at, runEnd, s) : null;
  if (continental === null) return -1;
  s.add(continental.start, continental.end, 'ADDRESS', FOREIGN_STREET_SCORE);
  return continental.end;
}

const LOWER_STREETS: ReadonlySet<string> = new Set([...STREETS].map((t) => t.toLowerCase()));
// Words that join a sentence, not a street's name: "3 of the way" is no address.
const NOT_STREET_WORDS: ReadonlySet<string> = new Set(
  'a an and at by for from i in is it me my of on or our so the to was we with you your'.split(' '),
);

/**
 * An address in lower case at the house number at `at` ("41 park lane", "6 carlton court"): one to three
 * lower-case name words, then a street type in lower case; -1 if none. Only after a postal cue.
 */
function lowerAddressEnd(text: string, u: Uint16Array, at: number, runEnd: number): number {
  if (runEnd - at > 5) return -1;
  let p = runEnd;
  if (u[p]! >= 97 && u[p]! <= 122 && u[p + 1]! === 32) p++;
  if (u[p]! === 44) p++;
  p = spaceEnd(u, p);
  for (let words = 0; p > 0 && words < 4; words++) {
    let q = p;
    while (q < text.length && q - p <= 21 && ((u[q]! >= 97 && u[q]! <= 122) || u[q]! === 39 || u[q]! === 45))
      q++;
    if (q === p || isAsciiLetter(u[q]!) || isDigit(u[q]!)) return -1;
    const word = text.slice(p, q);
    if (words > 0 && LOWER_STREETS.has(word)) return q;
    if (NOT_STREET_WORDS.has(word)) return -1;
    p = spaceEnd(u, q);
  }
  return -1;
}
