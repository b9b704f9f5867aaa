/**
 * Recognizers for structured identifiers: a bounded regex finds candidates (every quantifier has an
 * upper bound, so no input can make them backtrack catastrophically), a validator confirms them, and
 * the nearest context keyword raises or lowers the score.
 */
import { isIPv6 } from 'node:net';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AFTER_WINDOW, BEFORE_WINDOW, type ContextKind } from './context';
import { digitsOf, type Scan } from './scan';
import {
  cardPrefixPlausible,
  IBAN_LENGTHS,
  ibanValid,
  luhnValid,
  nhsValid,
  ninoPrefixValid,
  ssnValid,
} from './validators';

const CARD_RE =
  /\d(?<![\d-]\d)(?:\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}|\d{3}[ -]?\d{6}[ -]?\d{4,5}|\d{12,18})(?!\d)/g;

export function cards(s: Scan): void {
  CARD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CARD_RE.exec(s.text)) !== null) {
    const digits = digitsOf(m[0]);
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    const before = s.before(m.index);
    let score = cardPrefixPlausible(digits) ? 0.9 : 0.6;
    if (before === 'CARD' || s.after(m.index + m[0].length) === 'CARD') score += 0.1;
    else if (before !== null && before !== 'PHONE') score -= 0.25;
    s.add(m.index, m.index + m[0].length, 'CREDIT_CARD', score);
  }
}

const IBAN_START = /[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]\d{2}(?=[ -]?[A-Za-z0-9])/g;

export function ibans(s: Scan): void {
  const text = s.text;
  IBAN_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_START.exec(text)) !== null) {
    const country = m[0].slice(0, 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    // Walk the rest, allowing one space or hyphen between characters (grouped by four on paper).
    let collected = country + m[0].slice(2, 4);
    let i = m.index + 4;
    let end = i;
    while (collected.length < length && i < text.length) {
      let c = text.charCodeAt(i);
      if ((c === 32 || c === 45) && end === i) {
        i++;
        c = text.charCodeAt(i);
      }
      const isDigit = c >= 48 && c <= 57;
      const isAlpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (!isDigit && !isAlpha) break;
      collected += String.fromCharCode(isAlpha && c >= 97 ? c - 32 : c);
      i++;
      end = i;
    }
    if (collected.length !== length) continue;
    const next = text.charCodeAt(end);
    if ((next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)) continue;
    if (!ibanValid(collected)) continue;
    s.add(m.index, end, 'IBAN', 0.95);
    IBAN_START.lastIndex = end;
  }
}

const SSN_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{2})\3(\d{4})(?![\d-])/g;

export function ssns(s: Scan): void {
  SSN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SSN_RE.exec(s.text)) !== null) {
    if (!ssnValid((m[1] ?? '') + (m[2] ?? ''), m[4] ?? '', m[5] ?? '')) continue;
    const before = s.before(m.index);
    let score = m[3] === '-' ? 0.8 : m[3] === ' ' ? 0.55 : 0.35;
    if (before === 'SSN' || s.after(m.index + m[0].length) === 'SSN') score += 0.4;
    else if (before !== null && before !== 'DOB') score -= 0.3;
    s.add(m.index, m.index + m[0].length, 'US_SSN', score);
  }
}

const NHS_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{3})\3(\d{4})(?![\d-])/g;

export function nhsNumbers(s: Scan): void {
  NHS_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NHS_RE.exec(s.text)) !== null) {
    const digits = (m[1] ?? '') + (m[2] ?? '') + (m[4] ?? '') + (m[5] ?? '');
    if (!nhsValid(digits)) continue;
    const before = s.before(m.index);
    const ctx = before ?? s.after(m.index + m[0].length);
    // England and Wales issue from the 4xx and 6xx-7xx ranges; other leading digits are weaker.
    const first = digits.charCodeAt(0) - 48;
    let score = first === 4 || first === 6 || first === 7 ? 0.7 : 0.5;
    if (ctx === 'NHS') score += 0.3;
    else if (ctx === 'MRN') score += 0.1;
    else if (before !== null && before !== 'DOB') score -= 0.3;
    s.add(m.index, m.index + m[0].length, 'UK_NHS', score);
  }
}

const NINO_RE =
  /([A-Za-z])(?<![A-Za-z0-9][A-Za-z])([A-Za-z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])(?![A-Za-z0-9])/g;

export function ninos(s: Scan): void {
  NINO_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NINO_RE.exec(s.text)) !== null) {
    const prefix = (m[1] ?? '') + (m[2] ?? '');
    const upper = prefix.toUpperCase();
    if (!ninoPrefixValid(upper)) continue;
    const ctx = s.before(m.index);
    let score = prefix === upper && (m[6] ?? 'a') <= 'D' ? 0.85 : 0.5;
    if (ctx === 'NINO') score += 0.15;
    s.add(m.index, m.index + m[0].length, 'UK_NINO', score);
  }
}

const SORT_RE = /\d(?<![\d-]\d)\d([ -]?)\d{2}\1\d{2}(?![\d-])/g;

export function sortCodes(s: Scan): void {
  SORT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SORT_RE.exec(s.text)) !== null) {
    if (!s.hasBefore('SORT', m.index, 64)) continue;
    s.add(m.index, m.index + m[0].length, 'SORT_CODE', 0.9);
  }
}

const ACCOUNT_RE = /\d(?<![\w-]\d)(?:\d{3}[ -]\d{4}|\d{5,11})(?![\w-])/g;
const ACCOUNT_KINDS: ReadonlySet<ContextKind> = new Set(['ACCOUNT', 'NOT_PII', 'SORT', 'CARD', 'PHONE']);

export function bankAccounts(s: Scan): void {
  ACCOUNT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ACCOUNT_RE.exec(s.text)) !== null) {
    const end = m.index + m[0].length;
    if (s.nearestOf(ACCOUNT_KINDS, m.index, end)?.kind !== 'ACCOUNT') continue;
    const n = digitsOf(m[0]).length;
    s.add(m.index, end, 'BANK_ACCOUNT', n === 8 ? 0.88 : 0.75);
  }
}

// A '+' or '(' may open a phone number; digits with single separators follow. Bounded throughout.
const PHONE_RE =
  /(?<![\w+\-/.])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\(?\d\)?){5,15}(?![\w])/g;
const PHONE_COMPETITORS: ReadonlySet<ContextKind> = new Set([
  'ACCOUNT',
  'SORT',
  'NHS',
  'SSN',
  'CARD',
  'NOT_PII',
  'MRN',
  'PASSPORT',
  'LICENSE',
  'NINO',
  'DOB',
  'EVENT_DATE',
]);

/**
 * UK and North American numbers are the bulk of what desks see; checking them against the Ofcom and
 * NANPA numbering plans directly is ~50x cheaper than a full libphonenumber parse. Everything else
 * with an international prefix goes through libphonenumber-js.
 */
function ukNsnVerdict(nsn: string): PhoneVerdict {
  const possible = nsn.length === 10 || (nsn.length === 9 && (nsn[0] === '1' || nsn.startsWith('800')));
  if (!possible) return { valid: false, possible: false };
  const a = nsn[0];
  const two = nsn.slice(0, 2);
  let valid = false;
  if (a === '1') valid = true;
  else if (a === '2') valid = two === '20' || two === '23' || two === '24' || two === '28' || two === '29';
  else if (a === '3') valid = two === '30' || two === '33' || two === '34' || two === '37';
  // Ofcom reserves 07700 900000-999 for drama: well formed, never allocated.
  else if (a === '7') valid = two !== '76' && two !== '70' && !nsn.startsWith('7700900');
  else if (a === '8') valid = two === '80' || two === '84' || two === '87';
  else if (a === '9') valid = true;
  return { valid, possible };
}

function nanpVerdict(ten: string): PhoneVerdict {
  if (ten.length !== 10) return { valid: false, possible: false };
  const npaOk = ten[0] !== '0' && ten[0] !== '1' && ten.slice(1, 3) !== '11';
  const nxxOk = ten[3] !== '0' && ten[3] !== '1' && ten.slice(4, 6) !== '11';
  return { valid: npaOk && nxxOk, possible: true };
}

interface PhoneVerdict {
  valid: boolean;
  possible: boolean;
}

function phoneScore(candidate: string): PhoneVerdict | null {
  const digits = digitsOf(candidate);
  if (digits.length < 7 || digits.length > 15) return null;
  const plus = candidate.startsWith('+');
  const intl = plus ? digits : candidate.startsWith('00') ? digits.slice(2) : null;
  if (intl !== null) {
    // "+44 (0)20 ..." writes the trunk 0 in brackets; drop it for the plan check.
    if (intl.startsWith('44')) {
      const nsn = intl.slice(2);
      return ukNsnVerdict(nsn.charCodeAt(0) === 48 ? nsn.slice(1) : nsn);
    }
    if (intl.startsWith('1')) return nanpVerdict(intl.slice(1));
    // libphonenumber-js checks the calling code and the national number's possible lengths; with an
    // explicit "+" that is strong enough, and skipping isValid() halves the cost.
    const parsed = parsePhoneNumberFromString(`+${intl}`);
    if (!parsed) return null;
    const possible = parsed.isPossible();
    return { valid: possible, possible };
  }
  if (digits.startsWith('0')) return ukNsnVerdict(digits.slice(1));
  if (digits.length === 11 && digits.startsWith('1')) return nanpVerdict(digits.slice(1));
  if (digits.length === 10) return nanpVerdict(digits);
  return null;
}

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const TRAILING_SEPARATORS = /[ .-]+$/;

export function phones(s: Scan): void {
  PHONE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE_RE.exec(s.text)) !== null) {
    let candidate = m[0];
    if (DOTTED_QUAD.test(candidate)) continue; // an IPv4 address, not a phone number
    let verdict = phoneScore(candidate);
    // A greedy match may swallow a following number ("07700 900123 2 times"): drop trailing groups.
    let shorter = candidate;
    for (let tries = 0; tries < 3 && !verdict?.valid; tries++) {
      const cut = Math.max(shorter.lastIndexOf(' '), shorter.lastIndexOf('-'), shorter.lastIndexOf('.'));
      if (cut <= 0) break;
      shorter = shorter.slice(0, cut).replace(TRAILING_SEPARATORS, '');
      const v = phoneScore(shorter);
      if (v?.valid) {
        verdict = v;
        candidate = shorter;
      }
    }
    if (!verdict) continue;
    const start = m.index;
    let end = start + candidate.length;
    if (candidate.endsWith(')') && !candidate.slice(0, -1).includes('(')) end -= 1;
    const before = s.before(start);
    let score = verdict.valid ? 0.7 : verdict.possible ? 0.4 : 0;
    if (score === 0) continue;
    if (before === 'PHONE') score += 0.25;
    else if (before !== null && PHONE_COMPETITORS.has(before)) score -= 0.3;
    else if (s.after(end) === 'PHONE') score += 0.2;
    if (candidate.startsWith('+') || candidate.startsWith('(')) score += 0.05;
    s.add(start, end, 'PHONE', score);
    if (end < m.index + m[0].length) PHONE_RE.lastIndex = end;
  }
}

const IPV4_RE =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g;
const IPV6_HINT = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;
const IPV6_RE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

export function ips(s: Scan, hasColon: boolean): void {
  IPV4_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IPV4_RE.exec(s.text)) !== null) {
    const ctx = s.before(m.index);
    s.add(m.index, m.index + m[0].length, 'IP_ADDRESS', ctx === 'IP' ? 0.95 : 0.85);
  }
  if (!hasColon || !IPV6_HINT.test(s.text)) return;
  IPV6_RE.lastIndex = 0;
  while ((m = IPV6_RE.exec(s.text)) !== null) {
    if (m[0].length < 6 || !isIPv6(m[0])) continue;
    s.add(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.9);
  }
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_RE = new RegExp(
  [
    String.raw`(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/-]|\.\d)`,
    String.raw`(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d-])`,
    String.raw`(?<![\w])\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\.?,? \d{4}(?!\d)`,
    String.raw`(?<![\w])(?:${MONTHS})\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}(?!\d)`,
  ].join('|'),
  'gi',
);
const DATE_KINDS: ReadonlySet<ContextKind> = new Set(['DOB', 'EVENT_DATE']);

export function datesOfBirth(s: Scan): void {
  const text = s.text;
  // A birth keyword binds to the first date after it: "born 1/2/80, seen 3/4/25" has one birth date.
  let lastDateEnd = -1;
  // Dates only matter near a birth keyword, so only windows around those are scanned; overlapping
  // windows merge. Edges sit on whitespace with room for the longest written date, so no date is cut.
  const windows: Array<[number, number]> = [];
  for (const hit of s.hits) {
    if (hit.kind !== 'DOB') continue;
    let from = Math.max(0, hit.start - AFTER_WINDOW - 40);
    for (let n = 0; from > 0 && n < 40 && !isSpace(text.charCodeAt(from - 1)); n++) from--;
    let to = Math.min(text.length, hit.end + BEFORE_WINDOW + 40);
    for (let n = 0; to < text.length && n < 40 && !isSpace(text.charCodeAt(to)); n++) to++;
    const prev = windows[windows.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else windows.push([from, to]);
  }
  for (const [from, to] of windows) {
    const window = text.slice(from, to);
    DATE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DATE_RE.exec(window)) !== null) {
      const start = from + m.index;
      const end = start + m[0].length;
      const keyword = s.nearestOf(DATE_KINDS, start, end);
      const prevEnd = lastDateEnd;
      lastDateEnd = end;
      if (keyword?.kind !== 'DOB') continue;
      if (keyword.end <= start && prevEnd > keyword.end) continue;
      s.add(start, end, 'DATE_OF_BIRTH', 0.9);
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

const UK_POSTCODE_RE =
  /[A-Z](?<![A-Za-z0-9][A-Z])(?:[A-Z]?\d[A-Z\d]?|IR) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/g;
const US_ZIP_RE = /\d(?<![\w-]\d)\d{4}(?:-\d{4})?(?![\w-])/g;
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  ),
);

const STATE_BEFORE = /([A-Z]{2}),? $/;

export function postcodes(s: Scan): void {
  UK_POSTCODE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = UK_POSTCODE_RE.exec(s.text)) !== null) {
    const ctx = s.hasBefore('POSTAL', m.index, 80);
    s.add(m.index, m.index + m[0].length, 'POSTCODE', ctx ? 0.95 : 0.8);
  }
  US_ZIP_RE.lastIndex = 0;
  while ((m = US_ZIP_RE.exec(s.text)) !== null) {
    // A ZIP code only counts after a state abbreviation ("CA 94107") or a zip/address keyword.
    const before = s.text.slice(Math.max(0, m.index - 4), m.index);
    const state = STATE_BEFORE.exec(before);
    const inAddress = (state && US_STATES.has(state[1] ?? '')) || s.hasBefore('POSTAL', m.index, 24);
    if (inAddress) s.add(m.index, m.index + m[0].length, 'POSTCODE', 0.85);
  }
}

// Royal Mail and USPS street suffixes, less generic words that would turn "2 Barclays Bank accounts"
// or "3 Service Station" into an address.
const STREET_TYPES = [
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
].join('|');
// The full pattern runs sticky, only where a house number is followed by a capitalised word.
const ADDRESS_START =
  /\d(?<![A-Za-z0-9\u00C0-\u024F]\d)\d{0,4}[A-Za-z]?,? (?=[A-Z\u00C0-\u00DE\u0100-\u017F]|\d{1,3}(?:st|nd|rd|th) )/g;
const ADDRESS_RE = new RegExp(
  // Without the u flag (explicit Latin ranges) V8 compiles this large alternation much more cheaply.
  String.raw`\d{1,5}[A-Za-z]?,? (?:[NSEW]\.? )?(?:(?:[A-Z\u00C0-\u00DE\u0100-\u017F][A-Za-z\u00C0-\u024F'’.-]{0,20}|\d{1,3}(?:st|nd|rd|th)) ){1,3}(?:${STREET_TYPES})\b\.?(?: (?:N|S|E|W|NE|NW|SE|SW)\b)?`,
  'y',
);
const FLAT_BEFORE = /(?:Flat|Apt|Apartment|Unit|Suite) ?\d{1,4}[A-Za-z]?,? $/;

export function addresses(s: Scan): void {
  ADDRESS_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ADDRESS_START.exec(s.text)) !== null) {
    ADDRESS_RE.lastIndex = m.index;
    const full = ADDRESS_RE.exec(s.text);
    if (!full) continue;
    const flat = FLAT_BEFORE.exec(s.text.slice(Math.max(0, m.index - 16), m.index));
    const start = flat ? m.index - flat[0].length : m.index;
    const end = m.index + full[0].length;
    s.add(start, end, 'ADDRESS', 0.94);
    ADDRESS_START.lastIndex = end;
  }
}

/** Identifiers recognised only right after their keyword: passports, licences, record numbers. */
const KEYED_ID_RE =
  /(?<![A-Za-z0-9])(?=[A-Za-z0-9-]{0,17}\d)[A-Za-z]{0,3}[-]?[A-Za-z0-9]{4,15}(?![A-Za-z0-9-])/g;
const UK_LICENCE_RE =
  /[A-Z9](?<![A-Za-z0-9][A-Z9])[A-Z9]{4}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?(?![A-Za-z0-9])/g;

export function keyedIds(s: Scan): void {
  for (const hit of s.hits) {
    const type =
      hit.kind === 'PASSPORT'
        ? 'PASSPORT'
        : hit.kind === 'LICENSE'
          ? 'DRIVER_LICENSE'
          : hit.kind === 'MRN'
            ? 'MEDICAL_RECORD_NUMBER'
            : null;
    if (type === null) continue;
    // Search a short slice only, so many keywords in a long text stay linear.
    const slice = s.text.slice(hit.end, hit.end + 48);
    KEYED_ID_RE.lastIndex = 0;
    const m = KEYED_ID_RE.exec(slice);
    if (!m || m.index > 32) continue;
    if (digitsOf(m[0]).length < 4) continue;
    const start = hit.end + m.index;
    s.add(start, start + m[0].length, type, 0.85);
  }
  UK_LICENCE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = UK_LICENCE_RE.exec(s.text)) !== null) {
    s.add(m.index, m.index + m[0].length, 'DRIVER_LICENSE', 0.9);
  }
}

const TLD = /^[A-Za-z]{2,24}$/;

/** Emails: expand around each '@' with bounded scans rather than a regex that could go quadratic. */
export function emails(s: Scan): void {
  const text = s.text;
  let at = text.indexOf('@');
  while (at !== -1) {
    let a = at;
    while (a > 0 && at - a < 64 && isLocalChar(text.charCodeAt(a - 1))) a--;
    while (a < at && text.charCodeAt(a) === 46) a++;
    let b = at + 1;
    while (b < text.length && b - at < 255 && isDomainChar(text.charCodeAt(b))) b++;
    while (b > at + 1 && (text.charCodeAt(b - 1) === 46 || text.charCodeAt(b - 1) === 45)) b--;
    const domain = text.slice(at + 1, b);
    const dot = domain.lastIndexOf('.');
    if (a < at && dot > 0 && TLD.test(domain.slice(dot + 1))) {
      s.add(a, b, 'EMAIL', 0.97);
    }
    at = text.indexOf('@', Math.max(b, at + 1));
  }
}

function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 45 ||
    c === 43 ||
    c === 37 ||
    (c >= 0xc0 && c <= 0x24f)
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}
