/**
 * Recognizers for structured identifiers: a bounded regex finds candidates (every quantifier has an
 * upper bound, so no input can make them backtrack catastrophically), a validator confirms them, and
 * the nearest context keyword raises or lowers the score.
 */
import { isAsciiAlnum, isAsciiLetter, isDigit } from './chars';
import type { ContextHit, ContextKind } from './context';
import type { DigitRuns, Scan } from './scan';
import { yearStamped } from './cued-values';
import {
  cardPrefixPlausible,
  luhnDigitsAny,
  digitCount,
  ibanCodesValid,
  ibanLengthOf,
  luhnDigitsIn,
  nhsValid,
  leadingDigits,
  testCardInContext,
  ninoPrefixValid,
  ssnShapeValid,
  ssnSpecimen,
} from './validators';

export { datesOfBirth } from './structured-dates';
export { emails, ips } from './structured-net';

const CARD_RE =
  /\d(?<![\d-]\d)(?:\d{3}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}|\d{3}[ -]?\d{6}[ -]?\d{4,5}|\d{12,18})(?!\d)/y;

/**
 * The ISO/IEC 7812 groupings other than CARD_RE's: 19-digit cards (4-4-4-4-3), Diners' 4-6-4, and any
 * grouping written with dots or two spaces. One separator throughout; returns the end, or -1.
 */
function groupedCardEnd(text: string, u: Uint16Array, at: number): number {
  // digitGroups(text, at, 19) read in place: group sizes, digit count and the one separator (32 a
  // space, 64 two spaces, 45 '-', 46 '.'), with no array or digit string.
  if (!isDigit(u[at]!) || (at > 0 && isAsciiAlnum(u[at - 1]!))) return -1;
  let groups = 0;
  let digits = 0;
  let sep = 0;
  let first = 0;
  let second = 0;
  let last = 0;
  // Whether every group before the last holds four digits.
  let fours = true;
  let i = at;
  for (;;) {
    const start = i;
    while (i < text.length && isDigit(u[i]!)) i++;
    const size = i - start;
    if (groups > 0 && last !== 4) fours = false;
    if (groups === 0) first = size;
    else if (groups === 1) second = size;
    last = size;
    groups++;
    digits += size;
    if (digits > 19) return -1;
    const c = u[i]!;
    let s = 0;
    let width = 1;
    if (c === 32) {
      if (u[i + 1]! === 32) {
        s = 64;
        width = 2;
      } else s = 32;
    } else if (c === 45 || c === 46) s = c;
    if (s === 0 || (sep !== 0 && s !== sep) || !isDigit(u[i + width]!)) break;
    sep = s;
    i += width;
  }
  // A value never runs into letters ("123abc") or into a decimal or further digits.
  if (isAsciiLetter(u[i]!) || digits < 13 || groups === 1) return -1;
  const amexLike = groups === 3 && first === 4 && second === 6 && last >= 4;
  if (!(fours && last <= 4) && !amexLike) return -1;
  return luhnDigitsAny(u, at, i) === digits ? i : -1;
}

/**
 * Whether runs from k, each one or two characters after the last, hold 13 digits: groupedCardEnd's
 * groups are such runs, so most four-digit runs (a year before a full stop) are turned away here,
 * from the pass's digit-run table, before any digit string is built.
 */
function groupsReach13(runs: DigitRuns, k: number): boolean {
  const { count, starts, ends } = runs;
  let digits = ends[k]! - starts[k]!;
  for (let j = k + 1; j < count && digits < 13; j++) {
    const gap = starts[j]! - ends[j - 1]!;
    if (gap !== 1 && gap !== 2) return false;
    digits += ends[j]! - starts[j]!;
  }
  return digits >= 13;
}

function moreDigitsAfter(u: Uint16Array, end: number): boolean {
  const c = u[end]!;
  return (c === 32 || c === 45 || c === 46) && u[end + 1]! >= 48 && u[end + 1]! <= 57;
}

/** Whether a digit run is followed by a separator CARD_RE does not take: '.', or two spaces. */
function oddSeparator(u: Uint16Array, end: number): boolean {
  const c = u[end]!;
  return (c === 46 || (c === 32 && u[end + 1]! === 32)) && u[end + 2]! !== 0;
}

export function cards(s: Scan): void {
  const text = s.text;
  const { count, starts, ends, chain } = s.runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    // Sticky at digit-run starts only: the same matches as a global scan, a fraction of the work.
    const at = starts[k]!;
    if (at < from) continue;
    if (chain[k]! < 13) {
      if (ends[k]! - at !== 4 || !oddSeparator(u, ends[k]!) || !groupsReach13(s.runs, k)) continue;
      const end = groupedCardEnd(text, u, at);
      if (end < 0) continue;
      from = end;
      addCard(s, at, end);
      continue;
    }
    CARD_RE.lastIndex = at;
    let end = CARD_RE.test(text) ? CARD_RE.lastIndex : -1;
    if (end >= 0) from = end;
    // Most long digit runs fail Luhn: check it on the text before building a digit string.
    const n = end < 0 ? -1 : luhnDigitsIn(u, at, end);
    // CARD_RE misses only longer groupings (19 digits as 4-4-4-4-3): where it matched, try those only
    // when more digits follow.
    // Every grouping CARD_RE misses opens with a group of four.
    if (
      (n < 13 || n > 19) &&
      ends[k]! - at === 4 &&
      (end < 0 || moreDigitsAfter(u, end)) &&
      groupsReach13(s.runs, k)
    ) {
      end = groupedCardEnd(text, u, at);
      if (end < 0) continue;
      from = end;
    } else if (n < 13 || n > 19) continue;
    addCard(s, at, end);
  }
}

// A handset's IMEI (14 digits and a Luhn check, GSMA TS.06) and a SIM's ICCID pass Luhn as a card
// does: after their label they are the device's number, never a card.
const DEVICE_WORDS: ReadonlySet<string> = new Set(['imei', 'iccid', 'meid']);

function addCard(s: Scan, at: number, end: number): void {
  // Digits glued to letters are a code's tail ("JD014600006281937245" is a parcel's tracking number).
  if (at > 0 && isAsciiLetter(s.codes[at - 1]!)) return;
  if (testCardInContext(s.text, at, end)) return;
  const hit = s.beforeHit(at);
  if (hit !== null && DEVICE_WORDS.has(s.text.slice(hit.start, hit.end).toLowerCase())) return;
  const before = hit === null ? null : hit.kind;
  let score = cardPrefixPlausible(leadingDigits(s.text, at, end, 4)) ? 0.9 : 0.6;
  if (before === 'CARD' || s.after(end) === 'CARD') score += 0.1;
  else if (before !== null && before !== 'PHONE') score -= 0.25;
  s.add(at, end, 'CREDIT_CARD', score);
}

/**
 * True when runs k, k+1 and k+2 hold exactly a, b and c digits, joined by the same single space or
 * hyphen ("123-45-6789"). SSN, NHS and sort-code patterns match at a run start only in that shape or
 * as one run of a + b + c digits, so other runs are skipped without a regex call.
 */
function groupedAs(u: Uint16Array, runs: DigitRuns, k: number, a: number, b: number, c: number): boolean {
  const { count, starts, ends } = runs;
  if (k + 2 >= count) return false;
  const end0 = ends[k]!;
  const end1 = ends[k + 1]!;
  if (end0 - starts[k]! !== a || starts[k + 1] !== end0 + 1 || end1 - starts[k + 1]! !== b) return false;
  const sep = u[end0]!;
  if ((sep !== 32 && sep !== 45) || starts[k + 2] !== end1 + 1 || u[end1]! !== sep) return false;
  return ends[k + 2]! - starts[k + 2]! === c;
}

function runLength(runs: DigitRuns, k: number): number {
  return runs.ends[k]! - runs.starts[k]!;
}

// An IBAN's upper-cased characters, filled from the text; 34 is the longest IBAN.
const IBAN_CODES = new Uint16Array(64);

export function ibans(s: Scan): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    // The check digits open a digit run two letters after the start; the country letters start a
    // word, and the rest follows at once or after one space or hyphen.
    const at = starts[k]! - 2;
    if (at < from || ends[k]! - starts[k]! < 2) continue;
    // Most runs follow a space: test the letter right before the run first.
    const b = u[at + 1]!;
    if (!isAsciiLetter(b)) continue;
    const a = u[at]!;
    if (!isAsciiLetter(a) || (at > 0 && isAsciiAlnum(u[at - 1]!))) continue;
    const after = u[at + 4]!;
    if (!isAsciiAlnum(after) && !((after === 32 || after === 45) && isAsciiAlnum(u[at + 5]!))) {
      continue;
    }
    from = at + 4;
    const length = ibanLengthOf(a & ~32, b & ~32);
    if (length === 0) continue;
    // Walk the rest, allowing one space or hyphen before each character (grouped by four on paper).
    const codes = IBAN_CODES;
    codes[0] = a & ~32;
    codes[1] = b & ~32;
    codes[2] = u[at + 2]!;
    codes[3] = u[at + 3]!;
    let n = 4;
    let i = at + 4;
    while (n < length && i < text.length) {
      let c = u[i]!;
      if (c === 32 || c === 45) c = u[++i]!;
      if (!isAsciiAlnum(c)) break;
      codes[n++] = c >= 97 ? c - 32 : c;
      i++;
    }
    if (n !== length || isAsciiAlnum(u[i]!) || !ibanCodesValid(codes, n)) continue;
    s.add(at, i, 'IBAN', 0.95);
    from = i;
  }
}

const SSN_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{2})\3(\d{4})(?![\d-])/y;

export function ssns(s: Scan): void {
  const runs = s.runs;
  const { count, starts } = runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || (runLength(runs, k) !== 9 && !groupedAs(u, runs, k, 3, 2, 4))) continue;
    SSN_RE.lastIndex = at;
    const m = SSN_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
    const area = (m[1] ?? '') + (m[2] ?? '');
    if (!ssnShapeValid(area, m[4] ?? '', m[5] ?? '')) continue;
    const before = s.before(m.index);
    const cued = before === 'SSN' || s.after(m.index + m[0].length) === 'SSN';
    if (!cued && ssnSpecimen(area, m[4] ?? '', m[5] ?? '')) continue;
    let score = m[3] === '-' ? 0.8 : m[3] === ' ' ? 0.55 : 0.35;
    if (cued) score += 0.4;
    else if (before !== null && before !== 'DOB') score -= 0.3;
    s.add(m.index, m.index + m[0].length, 'US_SSN', score);
  }
}

const NHS_RE = /(\d)(?<![\d-]\d)(\d{2})([ -]?)(\d{3})\3(\d{4})(?![\d-])/y;

export function nhsNumbers(s: Scan): void {
  const runs = s.runs;
  const { count, starts } = runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || (runLength(runs, k) !== 10 && !groupedAs(u, runs, k, 3, 3, 4))) continue;
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
  const { count, starts, ends, chain } = s.runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const digit = starts[k]!;
    if (chain[k]! < 6 || digit < 2) continue;
    // The prefix letters sit just before the first digit, with or without one space.
    const at = u[digit - 1]! === 32 ? digit - 3 : digit - 2;
    if (at < from || !isAsciiLetter(u[at]!) || !isAsciiLetter(u[at + 1]!)) continue;
    // The letters open a word ("phone 07700 900123" is no NINO) and the digits come in pairs.
    const length = ends[k]! - digit;
    if ((at > 0 && isAsciiAlnum(u[at - 1]!)) || (length !== 2 && length !== 4 && length !== 6)) {
      continue;
    }
    NINO_RE.lastIndex = at;
    const m = NINO_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
    const prefix = (m[1] ?? '') + (m[2] ?? '');
    const upper = prefix.toUpperCase();
    const ctx = s.before(m.index);
    if (!ninoPrefixValid(upper, ctx === 'NINO')) continue;
    let score = prefix === upper && (m[6] ?? 'a') <= 'D' ? 0.85 : 0.5;
    if (ctx === 'NINO') score += 0.15;
    s.add(m.index, m.index + m[0].length, 'UK_NINO', score);
  }
}

const ACCOUNT_KINDS: ReadonlySet<ContextKind> = new Set(['ACCOUNT', 'NOT_PII', 'SORT', 'CARD', 'PHONE']);
const SORT_RE = /\d(?<![\d-]\d)\d([ -]?)\d{2}\1\d{2}(?![\d-])/y;

/**
 * Sort codes after their cue, and sort code and account pairs. Without a sort code keyword in the text
 * only a grouped 2-2-2 can count (a pair), and without an account keyword either only one with 8 digits
 * right after it: other digit runs are passed over from the run table alone.
 */
export function sortCodes(s: Scan, sortCue: boolean, accountCue: boolean): void {
  const runs = s.runs;
  const { count, starts, ends } = runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from) continue;
    if (sortCue) {
      if (runLength(runs, k) !== 6 && !groupedAs(u, runs, k, 2, 2, 2)) continue;
    } else if (accountCue) {
      if (!groupedAs(u, runs, k, 2, 2, 2)) continue;
    } else {
      const after =
        k + 3 < count && runLength(runs, k + 3) === 8 && nearCell(u, ends[k + 2]!, starts[k + 3]!);
      const before = k > 0 && runLength(runs, k - 1) === 8 && nearCell(u, ends[k - 1]!, at);
      if (!(after || before) || !groupedAs(u, runs, k, 2, 2, 2)) continue;
    }
    SORT_RE.lastIndex = at;
    const m = SORT_RE.exec(s.text);
    if (m === null) continue;
    from = at + m[0].length;
    const cue = sortCue && s.hasBefore('SORT', m.index, 64);
    const account = cue || m[1] !== '' ? pairedAccount(s, u, from, m.index, cue) : -1;
    if (cue) s.add(m.index, from, 'SORT_CODE', 0.9);
    else if (account >= 0) s.add(m.index, from, 'SORT_CODE', 0.85);
    if (account >= 0) s.add(account, pairEnd, 'BANK_ACCOUNT', 0.85);
    else if (cue || m[1] === '-') {
      // Account first: "pay into 31926819, 40-47-84", "account 55013287 (60-83-71)"; uncued, the code
      // must be dashed as sort codes are printed, and the account exactly eight digits.
      const before = accountBefore(s, u, m.index);
      if (before < 0) continue;
      if (!cue) s.add(m.index, from, 'SORT_CODE', 0.85);
      s.add(before, pairEnd, 'BANK_ACCOUNT', 0.85);
    }
  }
}

/**
 * Whether [from, to) parts two neighbouring values: up to three characters of any kind ("40-47-84,
 * 31926819"), or a column's padding of up to eight spaces and tabs, as a pasted spreadsheet row
 * without a header aligns its cells ("31926819    40-47-84").
 */
function nearCell(u: Uint16Array, from: number, to: number): boolean {
  if (to - from <= 3) return true;
  if (to - from > 8) return false;
  for (let i = from; i < to; i++) if (u[i]! !== 32 && u[i]! !== 9) return false;
  return true;
}

/**
 * A sort code and an account number in adjacent cells of a tab-separated row with no header, either
 * order ("Bill Rose<tab>58291034<tab>090129<tab>£1,200.00"): a cell of exactly six digits beside a cell
 * of exactly eight (the UK lengths), each cell nothing but its digits. Only texts with a tab are read.
 */
export function tabCellPairs(s: Scan): void {
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  const n = s.text.length;
  for (let k = 0; k + 1 < count; k++) {
    const a = ends[k]! - starts[k]!;
    const b = ends[k + 1]! - starts[k + 1]!;
    if (!((a === 8 && b === 6) || (a === 6 && b === 8))) continue;
    if (
      starts[k + 1]! !== ends[k]! + 1 ||
      u[ends[k]!] !== 9 ||
      !tabCell(s.runs, u, n, k) ||
      !tabCell(s.runs, u, n, k + 1)
    )
      continue;
    const sort = a === 6 ? k : k + 1;
    const account = a === 6 ? k + 1 : k;
    s.add(starts[sort]!, ends[sort]!, 'SORT_CODE', 0.85);
    s.add(starts[account]!, ends[account]!, 'BANK_ACCOUNT', 0.85);
    k++;
  }
}

/** Whether digit run k is a whole tab-separated cell: a tab or line end on either side. */
function tabCell(runs: DigitRuns, u: Uint16Array, n: number, k: number): boolean {
  const a = runs.starts[k]!;
  const b = runs.ends[k]!;
  const before = a > 0 ? u[a - 1]! : 10;
  const after = b < n ? u[b]! : 10;
  return (before === 9 || before === 10) && (after === 9 || after === 10 || after === 13);
}

// The words that may sit between an account number and the sort code written after it.
const BEFORE_SORT_WORDS: ReadonlySet<string> = new Set([
  'sort',
  'code',
  'sortcode',
  's/c',
  'sc',
  'and',
  'with',
  'the',
]);

/**
 * The pair written account first: "pay into 31926819, sort code 40-47-84", "31926819 s/c 40-47-84". An
 * 8-digit run (the UK length) ending within 24 characters before a cued sort code, with only the sort
 * code's cue, "and"/"with" and separators between; the run must not be the end of a longer number, and
 * no other kind of keyword may name it (an order or phone number). Returns its start (pairEnd: its end).
 */
function accountBefore(s: Scan, u: Uint16Array, sortStart: number): number {
  const text = s.text;
  let i = sortStart;
  const limit = Math.max(0, sortStart - 24);
  while (i > limit && !isDigitCode(u[i - 1]!)) {
    const c = u[i - 1]!;
    if (
      c === 32 ||
      c === 9 ||
      c === 44 ||
      c === 47 ||
      c === 38 ||
      c === 58 ||
      c === 45 ||
      c === 59 ||
      c === 40
    ) {
      i--;
      continue;
    }
    if (!isAsciiLetter(c)) return -1;
    let j = i - 1;
    while (j > limit && (isAsciiLetter(u[j - 1]!) || u[j - 1]! === 47)) j--;
    if (!BEFORE_SORT_WORDS.has(text.slice(j, i).toLowerCase())) return -1;
    i = j;
  }
  if (i <= limit || !isDigitCode(u[i - 1]!)) return -1;
  const end = i;
  let start = end;
  while (start > 0 && isDigitCode(u[start - 1]!)) start--;
  if (end - start !== 8) return -1;
  // "+44 20 7946 00182233" or "12-31926819": part of a longer number.
  const b = start > 0 ? u[start - 1]! : 32;
  if (isAsciiLetter(b) || b === 45 || b === 43 || (start >= 2 && b === 32 && isDigitCode(u[start - 2]!)))
    return -1;
  const kind = s.before(start);
  if (kind !== null && kind !== 'ACCOUNT' && kind !== 'SORT') return -1;
  pairEnd = end;
  return start;
}

const PAIR_WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['acc', 'acct', 'account', 'a/c', 'ac'].map((w) => [w, true] as const),
  ...['and', 'no', 'number', 'num'].map((w) => [w, false] as const),
]);

/** The end of the account number pairedAccount found. */
let pairEnd = -1;

/**
 * A UK account is paid by its sort code and account number, written as a pair: "40-11-62 acct 71022384",
 * "its 20 32 06 and acc 53881204", "account for payroll: 04-00-75 / 19282736", "40-47-84, 31926819".
 * The account number right after a sort code (or a grouped 2-2-2) starts where this returns (-1: none):
 * 6-10 digits when an account keyword sits between them or before the pair, exactly 8 (the UK length)
 * when only a space, comma or slash does. A date of birth or a payment date next to an account has a
 * keyword of its own, so a 2-2-2 after any other keyword is left alone unless a sort code cue names it.
 */
function pairedAccount(s: Scan, u: Uint16Array, end: number, start: number, cue: boolean): number {
  const text = s.text;
  // Groups inside a longer chain of digits ("+33 6 12 34 56 78") are some other number's.
  if (start >= 2 && (u[start - 1]! === 32 || u[start - 1]! === 45) && isDigitCode(u[start - 2]!)) return -1;
  let keyword = false;
  let words = false;
  const limit = Math.min(text.length, end + 20);
  let i = end;
  while (i < limit && !isDigitCode(u[i]!)) {
    const c = u[i]!;
    if (c === 32 || c === 9 || c === 47 || c === 44 || c === 38 || c === 58 || c === 35 || c === 46) {
      i++;
      continue;
    }
    if (!isAsciiLetter(c)) return -1;
    let j = i;
    while (j < limit && (isAsciiLetter(u[j]!) || u[j]! === 47)) j++;
    const account = PAIR_WORDS.get(text.slice(i, j).toLowerCase());
    if (account === undefined) return -1;
    keyword ||= account;
    words = true;
    i = j;
  }
  if (i >= limit) return -1;
  let j = i;
  while (isDigitCode(u[j]!)) j++;
  if (isAsciiAlnum(u[j]!) || ((u[j]! === 45 || u[j]! === 32) && isDigitCode(u[j + 1]!))) return -1;
  const n = j - i;
  if (n < 6 || n > 10) return -1;
  // The nearest keyword before the pair, read last: most 2-2-2 groups fail the tests above.
  const before = s.before(start);
  // A payment word names the transfer, not the pair ("Faster Payment to payee X 04-00-04 12398765"): a
  // hyphenated 2-2-2 and exactly eight digits after it is a payee's sort code and account, no date.
  const paid = before === 'EVENT_DATE' && u[start + 2] === 45 && n === 8 && !words && i - end <= 3;
  if (!cue && before !== null && before !== 'ACCOUNT' && !paid) return -1;
  keyword ||= before === 'ACCOUNT';
  if (!keyword && (words || !nearCell(u, end, i) || n !== 8)) return -1;
  // Without an account word, a keyword of another kind right after the pair names it ("... ref").
  if (!keyword && !cue) {
    // For a paid pair only a keyword right after it ("12398765 ref") names it: a clause later ("...,
    // total £18,400") names the amount.
    const after = s.afterHit(j);
    const kind = after === null || (paid && after.start - j > 1) ? null : after.kind;
    if (kind !== null && kind !== 'ACCOUNT' && kind !== 'SORT') return -1;
  }
  pairEnd = j;
  return i;
}

const ACCOUNT_RE = /\d(?<![\w-]\d)(?:\d{3}[ -]\d{4}|\d{5,11})(?![\w-])/y;

/** ACCOUNT_RE's shapes: one run of 6-12 digits, or 4 + 4 joined by one space or hyphen. */
function accountShaped(u: Uint16Array, runs: DigitRuns, k: number): boolean {
  const n = runLength(runs, k);
  if (n >= 6 && n <= 12) return true;
  if (n !== 4 || k + 1 >= runs.count) return false;
  const end = runs.ends[k]!;
  const sep = u[end]!;
  return (sep === 32 || sep === 45) && runs.starts[k + 1] === end + 1 && runLength(runs, k + 1) === 4;
}

export function bankAccounts(s: Scan): void {
  const runs = s.runs;
  const { count, starts } = runs;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from) continue;
    if (runLength(runs, k) === SORT_AND_ACCOUNT) {
      sortAndAccount(s, u, runs, k);
      continue;
    }
    if (!accountShaped(u, runs, k)) continue;
    ACCOUNT_RE.lastIndex = at;
    const m = ACCOUNT_RE.exec(s.text);
    if (m === null) continue;
    const end = at + m[0].length;
    from = end;
    if (s.nearestOf(ACCOUNT_KINDS, m.index, end)?.kind !== 'ACCOUNT') continue;
    const n = digitCount(s.text, at, end);
    s.add(m.index, end, 'BANK_ACCOUNT', n === 8 ? 0.88 : 0.75);
  }
}

/** Open Banking's SortCodeAccountNumber scheme: the six-digit sort code and eight-digit account as one. */
const SORT_AND_ACCOUNT = 14;

/**
 * A sort code and account stored as one 14-digit number ("acc: 40478431926819", as exports and Open
 * Banking payloads hold them), after an account keyword: reported as the two values it is. A run inside
 * a longer code (a letter, hyphen or another digit group beside it) is some other identifier.
 */
function sortAndAccount(s: Scan, u: Uint16Array, runs: DigitRuns, k: number): void {
  const at = runs.starts[k]!;
  const end = runs.ends[k]!;
  const b = at > 0 ? u[at - 1]! : 32;
  const a = end < s.text.length ? u[end]! : 32;
  if (isAsciiAlnum(b) || b === 45 || isAsciiAlnum(a) || a === 45 || runs.chain[k]! !== SORT_AND_ACCOUNT)
    return;
  if (s.nearestOf(ACCOUNT_KINDS, at, end)?.kind !== 'ACCOUNT') return;
  s.add(at, at + 6, 'SORT_CODE', 0.8);
  s.add(at + 6, end, 'BANK_ACCOUNT', 0.8);
}

/** Identifiers recognised only right after their keyword: passports, licences, record numbers. */
const KEYED_ID_RE =
  /(?<![A-Za-z0-9])(?=[A-Za-z0-9-]{0,17}\d)[A-Za-z]{0,3}[-]?[A-Za-z0-9]{4,15}(?![A-Za-z0-9-])/g;
const UK_LICENCE_RE =
  /[A-Z9](?<![A-Za-z0-9][A-Z9])[A-Z9]{4}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?(?![A-Za-z0-9])/y;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function keyedIds(s: Scan): void {
  const { count, starts } = s.runs;
  // The first digit run starting after the current hit's end: hit ends ascend, so it only moves on.
  let r = 0;
  const hits = s.hits;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    const kind = hit.kind;
    if (kind !== 'PASSPORT' && kind !== 'LICENSE' && kind !== 'MRN') continue;
    // Letters right before digits open a code ("pp446765a"), they do not name the next one.
    if (isDigitCode(s.text.charCodeAt(hit.end))) continue;
    // An id holds four digits or more, all within the 48 characters searched: with no digit run
    // starting there ("my passport expired"), neither the slice nor the regex is needed.
    while (r < count && starts[r]! <= hit.end) r++;
    if (r >= count || starts[r]! >= hit.end + 48) continue;
    const type =
      kind === 'PASSPORT' ? 'PASSPORT' : kind === 'LICENSE' ? 'DRIVER_LICENSE' : 'MEDICAL_RECORD_NUMBER';
    // Search a short slice only, so many keywords in a long text stay linear.
    const slice = s.text.slice(hit.end, hit.end + 48);
    KEYED_ID_RE.lastIndex = 0;
    const m = KEYED_ID_RE.exec(slice);
    if (!m || m.index > 32) continue;
    const start = hit.end + m.index;
    const end = start + m[0].length;
    if (digitCount(s.text, start, end) < 4) continue;
    // The nearest cue names a value: a checklist's "Driving licence [ ]" does not reach past the
    // "Passport No." written before the number on the next line.
    if (cueBetween(hits, h, start)) continue;
    // A year or the end of a date ("exp 1/2030", "issued March 2025") is no identifier.
    if (m[0].length < 5 || s.text.charCodeAt(start - 1) === 47 || s.text.charCodeAt(end) === 47) continue;
    // The tail of a year-stamped serial ("CASE-2024-00417") is a case or claim counter's.
    if (s.text.charCodeAt(start - 1) === 45 && isAsciiAlnum(s.text.charCodeAt(start - 2))) {
      let codeStart = start - 1;
      while (
        codeStart > 0 &&
        (isAsciiAlnum(s.text.charCodeAt(codeStart - 1)) || s.text.charCodeAt(codeStart - 1) === 45)
      )
        codeStart--;
      if (yearStamped(s.text, codeStart, end)) continue;
    }
    s.add(start, start + m[0].length, type, 0.85);
  }
  // A UK licence has six digits five characters in; they lie in a digit run of six or more, which
  // starts after the surname's letters, or at the licence itself when the surname is padded with 9s
  // (the licence opens a word, so it never starts inside a run). The same loop reads the record
  // numbers with their own label (labelledRecordAt).
  const text = s.text;
  const ends = s.runs.ends;
  const u = s.codes;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const run = starts[k]!;
    const length = ends[k]! - run;
    // A record number with its own label holds 5-10 digits.
    if (length >= 5 && length <= 10 && run >= 2) labelledRecordAt(s, u, run, ends[k]!);
    const last = Math.min(run, ends[k]! - 11);
    for (let at = Math.max(from, run - 5); at <= last; at++) {
      const c = u[at]!;
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

/** Whether another value's cue starts after hit h and before `at`. */
function cueBetween(hits: readonly ContextHit[], h: number, at: number): boolean {
  for (let j = h + 1; j < hits.length && hits[j]!.start < at; j++) if (hits[j]!.read >= 0) return true;
  return false;
}

/**
 * A record number that carries its own label, with no cue before it: "MR-447120", "MRN0042187",
 * "RX#2203371" (the label is part of the token), "MR 3381920" (a title is never followed by a number,
 * so the capitals are the record's label, and the digits alone are its value). Upper-case labels
 * only; 5-10 digits (6 when only a space joins them), ending the token.
 */
function labelledRecordAt(s: Scan, u: Uint16Array, start: number, end: number): void {
  const digits = end - start;
  // Cheap first test: a capital R, M, N, X or one of the joins right before the digits.
  const before = u[start - 1]!;
  let at = start;
  if (before === 32 && digits === 7 && trustCodeAt(u, start - 4) && labelBefore(u, start - 1) < 0) {
    s.add(start - 4, end, 'MEDICAL_RECORD_NUMBER', 0.85);
    return;
  }
  if (before === 45 || before === 35 || before === 32) at--;
  else if (before !== 78 && before !== 88 && before !== 82) return;
  if (before === 32 && digits < 6) return;
  const after = u[end]!;
  if (isAsciiAlnumCode(after)) return;
  // "MR-4471203-B" is a part number's first groups, "RX-44920112.03.1961" runs into a date.
  if ((after === 45 || after === 47 || after === 46 || after === 58) && isAsciiAlnumCode(u[end + 1] ?? 0))
    return;
  const label = labelBefore(u, at);
  if (label < 0 || (u[label] === 82 && referenceBefore(s.hits, label))) return;
  s.add(before === 32 ? start : label, end, 'MEDICAL_RECORD_NUMBER', 0.85);
}

/**
 * Whether a reference's cue ("Ref", "Order", "Invoice") ends just before `at`: "Ref RX-88213" is a
 * prescription's or an order's reference, RX as pharmacies write it, not a hospital number ("case ref
 * MR-447120" keeps its medical-record label).
 */
function referenceBefore(hits: readonly ContextHit[], at: number): boolean {
  for (const h of hits) {
    if (h.start >= at) break;
    if (h.kind === 'NOT_PII' && at - h.end >= 0 && at - h.end <= 3) return true;
  }
  return false;
}

/**
 * An NHS trust's organisation code as hospitals prefix their numbers with it ("RBH 4471902", "RJ1
 * 2290481"): R and two capitals or digits, a capital among them, as a word of its own. Seven digits after
 * it (checked by the caller) are the trust's hospital number format.
 */
function trustCodeAt(u: Uint16Array, at: number): boolean {
  if (at < 0 || u[at] !== 82 || (at > 0 && isAsciiAlnumCode(u[at - 1]!))) return false;
  const a = u[at + 1]!;
  const b = u[at + 2]!;
  const cap = (c: number): boolean => c >= 65 && c <= 90;
  return (cap(a) || cap(b)) && (cap(a) || isDigit(a)) && (cap(b) || isDigit(b));
}

/** Where "MR", "MRN", "RX" or "RXN" ends at `at` as a word of its own, or -1. */
function labelBefore(u: Uint16Array, at: number): number {
  let i = at;
  if (i >= 3 && u[i - 1] === 78) i--;
  if (i < 2) return -1;
  const a = u[i - 2]!;
  const b = u[i - 1]!;
  if (!((a === 77 && b === 82) || (a === 82 && b === 88))) return -1;
  if (i - 2 > 0 && isAsciiAlnumCode(u[i - 3]!)) return -1;
  return i - 2;
}

function isAsciiAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
