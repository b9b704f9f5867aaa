/**
 * Recognizers for structured identifiers: a bounded regex finds candidates (every quantifier has an
 * upper bound, so no input can make them backtrack catastrophically), a validator confirms them, and
 * the nearest context keyword raises or lowers the score.
 */
import { isIPv6 } from 'node:net';
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
  /\d(?<![\d-]\d)(?:\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}|\d{3}[ -]?\d{6}[ -]?\d{4,5}|\d{12,18})(?!\d)/y;

export function cards(s: Scan): void {
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    // Sticky at digit-run starts only: the same matches as a global scan, a fraction of the work.
    const at = starts[k]!;
    if (at < from || chain[k]! < 13) continue;
    CARD_RE.lastIndex = at;
    const m = CARD_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
    const digits = digitsOf(m[0]);
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    const before = s.before(m.index);
    let score = cardPrefixPlausible(digits) ? 0.9 : 0.6;
    if (before === 'CARD' || s.after(m.index + m[0].length) === 'CARD') score += 0.1;
    else if (before !== null && before !== 'PHONE') score -= 0.25;
    s.add(m.index, m.index + m[0].length, 'CREDIT_CARD', score);
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const IBAN_START = /[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]\d{2}(?=[ -]?[A-Za-z0-9])/y;

export function ibans(s: Scan): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    // The check digits open a digit run two letters after the start.
    const at = starts[k]! - 2;
    if (at < from || ends[k]! - starts[k]! < 2 || !isAsciiLetter(text.charCodeAt(at))) continue;
    if (!isAsciiLetter(text.charCodeAt(at + 1))) continue;
    IBAN_START.lastIndex = at;
    const m = IBAN_START.exec(text);
    if (m === null) continue;
    from = at + 4;
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
    from = end;
  }
}

const SSN_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{2})\3(\d{4})(?![\d-])/y;

export function ssns(s: Scan): void {
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || chain[k]! < 9) continue;
    SSN_RE.lastIndex = at;
    const m = SSN_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
    if (!ssnValid((m[1] ?? '') + (m[2] ?? ''), m[4] ?? '', m[5] ?? '')) continue;
    const before = s.before(m.index);
    let score = m[3] === '-' ? 0.8 : m[3] === ' ' ? 0.55 : 0.35;
    if (before === 'SSN' || s.after(m.index + m[0].length) === 'SSN') score += 0.4;
    else if (before !== null && before !== 'DOB') score -= 0.3;
    s.add(m.index, m.index + m[0].length, 'US_SSN', score);
  }
}

const NHS_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{3})\3(\d{4})(?![\d-])/y;

export function nhsNumbers(s: Scan): void {
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || chain[k]! < 10) continue;
    NHS_RE.lastIndex = at;
    const m = NHS_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
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
  /([A-Za-z])(?<![A-Za-z0-9][A-Za-z])([A-Za-z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])(?![A-Za-z0-9])/y;

export function ninos(s: Scan): void {
  const text = s.text;
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const digit = starts[k]!;
    if (chain[k]! < 6 || digit < 2) continue;
    // The prefix letters sit just before the first digit, with or without one space.
    const at = text.charCodeAt(digit - 1) === 32 ? digit - 3 : digit - 2;
    if (at < from || !isAsciiLetter(text.charCodeAt(at)) || !isAsciiLetter(text.charCodeAt(at + 1))) continue;
    NINO_RE.lastIndex = at;
    const m = NINO_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
    const prefix = (m[1] ?? '') + (m[2] ?? '');
    const upper = prefix.toUpperCase();
    if (!ninoPrefixValid(upper)) continue;
    const ctx = s.before(m.index);
    let score = prefix === upper && (m[6] ?? 'a') <= 'D' ? 0.85 : 0.5;
    if (ctx === 'NINO') score += 0.15;
    s.add(m.index, m.index + m[0].length, 'UK_NINO', score);
  }
}

const SORT_RE = /\d(?<![\d-]\d)\d([ -]?)\d{2}\1\d{2}(?![\d-])/y;

export function sortCodes(s: Scan): void {
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || chain[k]! < 6) continue;
    SORT_RE.lastIndex = at;
    const m = SORT_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
    if (!s.hasBefore('SORT', m.index, 64)) continue;
    s.add(m.index, m.index + m[0].length, 'SORT_CODE', 0.9);
  }
}

const ACCOUNT_RE = /\d(?<![\w-]\d)(?:\d{3}[ -]\d{4}|\d{5,11})(?![\w-])/y;
const ACCOUNT_KINDS: ReadonlySet<ContextKind> = new Set(['ACCOUNT', 'NOT_PII', 'SORT', 'CARD', 'PHONE']);

export function bankAccounts(s: Scan): void {
  const { count, starts, chain } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || chain[k]! < 5) continue;
    ACCOUNT_RE.lastIndex = at;
    const m = ACCOUNT_RE.exec(s.text);
    if (m === null) continue;
    const end = at + m[0].length;
    from = end;
    if (s.nearestOf(ACCOUNT_KINDS, m.index, end)?.kind !== 'ACCOUNT') continue;
    const n = digitsOf(m[0]).length;
    s.add(m.index, end, 'BANK_ACCOUNT', n === 8 ? 0.88 : 0.75);
  }
}

const IPV4_RE =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/y;
const IPV6_HINT = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;
const IPV6_RE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

export function ips(s: Scan, hasColon: boolean): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  let from = 0;
  let m: RegExpExecArray | null;
  for (let k = 0; k < count; k++) {
    // An address opens with a digit run of one to three digits and a dot.
    const at = starts[k]!;
    if (at < from || ends[k]! - at > 3 || text.charCodeAt(ends[k]!) !== 46) continue;
    IPV4_RE.lastIndex = at;
    m = IPV4_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
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

/** Identifiers recognised only right after their keyword: passports, licences, record numbers. */
const KEYED_ID_RE =
  /(?<![A-Za-z0-9])(?=[A-Za-z0-9-]{0,17}\d)[A-Za-z]{0,3}[-]?[A-Za-z0-9]{4,15}(?![A-Za-z0-9-])/g;
const UK_LICENCE_RE =
  /[A-Z9](?<![A-Za-z0-9][A-Z9])[A-Z9]{4}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?(?![A-Za-z0-9])/y;

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
  // A UK licence has six digits five characters in; they lie in a digit run of six or more, which
  // may start earlier when the surname is padded with 9s.
  const text = s.text;
  const { count, starts, ends } = s.runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    for (let at = Math.max(from, starts[k]! - 5); at <= ends[k]! - 11; at++) {
      const c = text.charCodeAt(at);
      if ((c < 65 || c > 90) && c !== 57) continue;
      UK_LICENCE_RE.lastIndex = at;
      const m = UK_LICENCE_RE.exec(text);
      if (m === null) continue;
      s.add(at, at + m[0].length, 'DRIVER_LICENSE', 0.9);
      from = at + m[0].length;
      break;
    }
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
