/**
 * Dates of birth: a date near a birth keyword. Dates are only looked for in windows around birth
 * keywords, and inside a window only where one can start, so the (case-insensitive, alternation-
 * heavy) date pattern runs at a few positions instead of over every character.
 */
import { isAsciiLetter, isDigit, isWordChar } from './chars';
import { AFTER_WINDOW, BEFORE_WINDOW, type ContextKind } from './context';
import type { Scan } from './scan';
import { MONTH_NAMES } from './months';

// Sticky: tried only at the candidate positions dateMayStart() lets through, in text order, which finds
// exactly what a global scan of the window would. numericDateEnd() answers its first two forms.
const DATE_RE = new RegExp(
  [
    String.raw`(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/-]|\.\d)`,
    String.raw`(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d-])`,
    String.raw`(?<![\w])\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTH_NAMES})\.?,? \d{4}(?!\d)`,
    String.raw`(?<![\w])(?:${MONTH_NAMES})\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}(?!\d)`,
  ].join('|'),
  'iy',
);
const DATE_KINDS: ReadonlySet<ContextKind> = new Set(['DOB', 'EVENT_DATE']);

export function datesOfBirth(s: Scan): void {
  const text = s.text;
  // Code units (then 0s) read faster than charCodeAt; fetched after s.hits, whose pass may reuse them.
  const hits = s.hits;
  const u = s.codes;
  let lastDateEnd = -1;
  // Dates only matter near a birth keyword, so only windows around those are scanned; overlapping
  // windows merge. Edges sit on whitespace with room for the longest written date, so no date is cut.
  const windows: Array<[number, number]> = [];
  for (const hit of hits) {
    if (hit.kind !== 'DOB') continue;
    let from = Math.max(0, hit.start - AFTER_WINDOW - 40);
    for (let n = 0; from > 0 && n < 40 && !isSpace(u[from - 1]!); n++) from--;
    let to = Math.min(text.length, hit.end + BEFORE_WINDOW + 40);
    for (let n = 0; to < text.length && n < 40 && !isSpace(u[to]!); n++) to++;
    const prev = windows[windows.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else windows.push([from, to]);
  }
  const { count, starts } = s.runs;
  let k = 0;
  for (const [from, to] of windows) {
    // DATE_RE runs on the window's own text (sliced on first need), so its lookarounds see the
    // window's edges; numericDateEnd() stops at them too.
    windowText = null;
    // Every date holds a digit run, and where one can start follows from the runs: at a run start, at
    // the window's first character when it cuts a run, or at a month word just before a run
    // ("March 3, 1990"). Those positions are tried in text order, as a global scan would meet them.
    while (k < count && starts[k]! < from) k++;
    let next = from;
    if (from > 0 && isDigit(u[from - 1]!)) {
      const end = dateEnd(text, u, from, from, to);
      if (end !== -1) lastDateEnd = report(s, from, (next = end), lastDateEnd);
    }
    for (; k < count && starts[k]! < to; k++) {
      const run = starts[k]!;
      const month = monthBefore(u, run, from);
      if (month >= next) {
        const end = dateEnd(text, u, month, from, to);
        if (end !== -1) lastDateEnd = report(s, month, (next = end), lastDateEnd);
      }
      if (run >= next) {
        const end = dateEnd(text, u, run, from, to);
        if (end !== -1) lastDateEnd = report(s, run, (next = end), lastDateEnd);
      }
    }
  }
}

// The current window as a string, sliced only when DATE_RE must run (written dates): numeric dates
// are matched on the text directly. Reset per window.
let windowText: string | null = null;

/** Where a date starting at `at` ends (as DATE_RE on the window [from, to) would match), or -1. */
function dateEnd(text: string, u: Uint16Array, at: number, from: number, to: number): number {
  if (!dateMayStart(u, at, from, to)) return -1;
  const c = u[at]!;
  if (c >= 48 && c <= 57) {
    // DATE_RE's numeric forms are exclusive with its written ones at the same start.
    const end = numericDateEnd(u, at, from, to);
    if (end !== -1 || !writtenMayFollow(u, at, to)) return end;
  }
  windowText ??= text.slice(from, to);
  DATE_RE.lastIndex = at - from;
  return DATE_RE.test(windowText) ? from + DATE_RE.lastIndex : -1;
}

/** text[p] inside the window [.., to), else -1: the pattern sees nothing past the window's end. */
function charAt(u: Uint16Array, p: number, to: number): number {
  return p < to ? u[p]! : -1;
}

/** Digits from p (at most 5 counted), inside the window. */
function digitsFrom(u: Uint16Array, p: number, to: number): number {
  let n = 0;
  while (n < 5 && isDigit(charAt(u, p + n, to))) n++;
  return n;
}

/**
 * DATE_RE's first two alternatives at `at`, written out: "d{1,2} sep d{1,2} sep (d{4}|d{2})" with the
 * same separator, or "dddd-dd-dd". Each group must be a whole digit run (a longer run makes the pattern
 * fail, not match a part), so the run lengths decide. Returns the end, or -1.
 */
function numericDateEnd(u: Uint16Array, at: number, from: number, to: number): number {
  const prev = at > from ? u[at - 1]! : -1;
  if (isDigit(prev) || prev === 47 || prev === 46 || prev === 45) return -1;
  const first = digitsFrom(u, at, to);
  if (first === 4) {
    const p = at + 4;
    if (charAt(u, p, to) !== 45 || digitsFrom(u, p + 1, to) !== 2) return -1;
    if (charAt(u, p + 3, to) !== 45 || digitsFrom(u, p + 4, to) !== 2) return -1;
    const next = charAt(u, p + 6, to);
    return isDigit(next) || next === 45 ? -1 : p + 6;
  }
  if (first > 2) return -1;
  const sep = charAt(u, at + first, to);
  if (sep !== 47 && sep !== 46 && sep !== 45) return -1;
  const mid = at + first + 1;
  const second = digitsFrom(u, mid, to);
  if (second < 1 || second > 2 || charAt(u, mid + second, to) !== sep) return -1;
  const last = mid + second + 1;
  const year = digitsFrom(u, last, to);
  if (year !== 4 && year !== 2) return -1;
  const end = last + year;
  const next = charAt(u, end, to);
  if (next === 47 || next === 45 || (next === 46 && isDigit(charAt(u, end + 1, to)))) return -1;
  return end;
}

/** Adds a date bound to a birth keyword; returns the new end of the last date seen. */
function report(s: Scan, start: number, end: number, lastDateEnd: number): number {
  const keyword = s.nearestOf(DATE_KINDS, start, end);
  // A birth keyword binds to the first date after it: "born 1/2/80, seen 3/4/25" has one birth date.
  if (keyword?.kind !== 'DOB') return end;
  if (keyword.end <= start && lastDateEnd > keyword.end) return end;
  s.add(start, end, 'DATE_OF_BIRTH', 0.9);
  return end;
}

/**
 * Where a month word would start if it ends just before the digit run at `run` ("May 3", "Sept. 3"),
 * else -1: the start of the ASCII letters before " " or ". ", three to nine of them, not before `from`.
 */
function monthBefore(u: Uint16Array, run: number, from: number): number {
  let q = run - 1;
  if (q <= from || u[q]! !== 32) return -1;
  if (u[q - 1]! === 46) q--;
  let p = q;
  while (p > from && q - p < 10 && isAsciiLetter(u[p - 1]!)) p--;
  return q - p >= 3 && q - p <= 9 ? p : -1;
}

/**
 * A necessary condition for DATE_RE to match at i within the window [from, to): a digit that does
 * not continue a run, or a month's first three letters opening a word. Only ASCII matches: the
 * pattern is not /u.
 */
function dateMayStart(u: Uint16Array, i: number, from: number, to: number): boolean {
  const c = u[i]!;
  const prev = i > from ? u[i - 1]! : -1;
  if (c >= 48 && c <= 57) return !isDigit(prev);
  if (i + 3 > to || isWordChar(prev)) return false;
  return isMonthHead(c | 32, u[i + 1]! | 32, u[i + 2]! | 32);
}

/** Whether DATE_RE's written form ("12 March", "3rd of March") may start at the digits at i. */
function writtenMayFollow(u: Uint16Array, i: number, to: number): boolean {
  const j = i + digitsFrom(u, i, to);
  if (j - i > 2) return false;
  // An optional ordinal, an optional " of", then " " and a month.
  return monthFollows(u, j, to) || (hasOrdinal(u, j, to) && monthFollows(u, j + 2, to));
}

/** st, nd, rd or th (any case) at text[p, p + 2) inside the window. */
function hasOrdinal(u: Uint16Array, p: number, to: number): boolean {
  if (p + 2 > to) return false;
  const a = u[p]! | 32;
  const b = u[p + 1]! | 32;
  return (
    (a === 115 && b === 116) ||
    (a === 110 && b === 100) ||
    (a === 114 && b === 100) ||
    (a === 116 && b === 104)
  );
}

/** " " and a month's first three letters at p, or " of " and then a month's, inside the window. */
function monthFollows(u: Uint16Array, p: number, to: number): boolean {
  if (p + 4 > to || u[p]! !== 32) return false;
  const a = u[p + 1]! | 32;
  const b = u[p + 2]! | 32;
  const c = u[p + 3]! | 32;
  if (isMonthHead(a, b, c)) return true;
  // " of" (then the " " and month checked from p + 3)
  return a === 111 && b === 102 && c === 32 && monthFollows(u, p + 3, to);
}

/** jan feb mar apr may jun jul aug sep oct nov dec, lower-cased with |32 (exact for ASCII letters). */
function isMonthHead(a: number, b: number, c: number): boolean {
  switch (a) {
    case 106: // j: jan, jun, jul
      return (b === 97 && c === 110) || (b === 117 && (c === 110 || c === 108));
    case 102: // f: feb
      return b === 101 && c === 98;
    case 109: // m: mar, may
      return b === 97 && (c === 114 || c === 121);
    case 97: // a: apr, aug
      return (b === 112 && c === 114) || (b === 117 && c === 103);
    case 115: // s: sep
      return b === 101 && c === 112;
    case 111: // o: oct
      return b === 99 && c === 116;
    case 110: // n: nov
      return b === 111 && c === 118;
    case 100: // d: dec
      return b === 101 && c === 99;
    default:
      return false;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
