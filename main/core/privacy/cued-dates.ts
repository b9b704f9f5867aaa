/**
 * Dates of birth as people say and type them after a birth cue, beyond the written forms of
 * `dateEnd`: ordinals for the month ("3rd of the 7th 61"), a clipped year ("3rd July '61"), a run of
 * digits ("030761", "03071961", "19610703", checked as a calendar date), and dates read out in words
 * ("third of July nineteen sixty one", "the twelfth of March eighty four"). They are read only right
 * after a birth cue (a keyword, key, column or question), so a word date costs nothing elsewhere.
 */
import { isAsciiLetter, isDigit } from './chars';
import { codeUnits } from './code-units';
import type { Scan } from './scan';
import { dateEnd } from './cued-values';
import { MONTH_NAMES } from './months';

const MONTH = `(?:${MONTH_NAMES})`;
const ORD = '(?:st|nd|rd|th)';
// Other languages' month names (French, Spanish, Italian, Portuguese, German, Dutch, Turkish, and Polish
// in the genitive a date takes), the English ones left out (MONTH reads those).
const FOREIGN_MONTH =
  '(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|januar|februar|m[äa]rz|juni|juli|oktober|dezember|januari|februari|maart|mei|augustus|ocak|[şs]ubat|mart|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia)';
// A year of four digits, or two with or without the apostrophe of a clipped year ('61, ’61).
const YEAR = String.raw`(?:\d{4}|['’]?\d{2})(?![\d/])`;
const FORMS = new RegExp(
  [
    // "3rd of the 7th 61", "3 of the 7 1961": the month as an ordinal.
    String.raw`\d{1,2}${ORD}?(?: of)? the \d{1,2}${ORD}?,? ${YEAR}`,
    String.raw`\d{1,2}${ORD} \d{1,2}${ORD},? ${YEAR}`,
    // "3rd July '61", "July 3rd '61", "July 3 61".
    String.raw`\d{1,2}${ORD}?(?: of)?[ \-]${MONTH}\.?,?[ \-]${YEAR}`,
    String.raw`${MONTH}\.? \d{1,2}${ORD}?,? ${YEAR}`,
    // Spaces around the separators, as forms and scans space them: "14 / 03 / 1967", "03 - 07 - 61".
    String.raw`\d{1,2} {0,2}([/.\-]) {0,2}\d{1,2} {0,2}\1 {0,2}${YEAR}`,
    // Chinese and Japanese 1991年8月6日, Korean 1991년 8월 6일: year, month, day each with its sign.
    String.raw`\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日`,
    String.raw`\d{4} ?년 ?\d{1,2} ?월 ?\d{1,2} ?일`,
    // A month named in another language: "14 mars 1982", "3 de julio de 1975".
    String.raw`\d{1,2}(?:er|º|\.)?(?: de)? ${FOREIGN_MONTH}(?: de)? \d{4}(?!\d)`,
    // A bilingual document's month, as passports and ID cards print it: "02 JUL /JUIL 88", "5 DEC/DÉC 1990".
    String.raw`\d{1,2} ${MONTH}\.? ?/ ?[A-Za-zÀ-ÿ]{3,5}\.? ${YEAR}`,
  ].join('|'),
  'iy',
);

/** Where a date of birth starting at p ends, or -1: `dateEnd`'s forms first, then the ones above. */
export function birthDateEnd(text: string, p: number): number {
  const end = dateEnd(text, p);
  if (end >= 0) return end;
  const u = codeUnits(text);
  const c = u[p]!;
  if (isDigit(c)) {
    const compact = compactDateEnd(u, text.length, p);
    if (compact >= 0) return compact;
  } else if (!isAsciiLetter(c)) return -1;
  FORMS.lastIndex = p;
  if (FORMS.test(text)) return FORMS.lastIndex;
  return isAsciiLetter(c) ? spokenDateEnd(text, p) : -1;
}

/** ddmmyy, ddmmyyyy or yyyymmdd as one whole run of digits that is a calendar date; else -1. */
function compactDateEnd(u: Uint16Array, n: number, p: number): number {
  if (p > 0 && (isDigit(u[p - 1]!) || isAsciiLetter(u[p - 1]!))) return -1;
  let q = p;
  while (q < n && isDigit(u[q]!)) q++;
  if (q < n && (isAsciiLetter(u[q]!) || u[q] === 47 || u[q] === 45)) return -1;
  const len = q - p;
  if (len === 6) return dayMonth(twoDigits(u, p), twoDigits(u, p + 2)) ? q : -1;
  if (len !== 8) return -1;
  const century = twoDigits(u, p);
  // yyyymmdd when it opens with 19 or 20 and reads as a date that way; else ddmmyyyy.
  if ((century === 19 || century === 20) && dayMonth(twoDigits(u, p + 6), twoDigits(u, p + 4))) return q;
  const yearHead = twoDigits(u, p + 4);
  return (yearHead === 19 || yearHead === 20) && dayMonth(twoDigits(u, p), twoDigits(u, p + 2)) ? q : -1;
}

/** The two digits at i as a number (no closure per call: under tsx a named one costs a defineProperty). */
function twoDigits(u: Uint16Array, i: number): number {
  return (u[i]! - 48) * 10 + (u[i + 1]! - 48);
}

function dayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

// ---- dates read out in words -------------------------------------------------------------------------

const UNITS = 'one two three four five six seven eight nine'.split(' ');
const TEENS = 'ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
const ORDINALS = `first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
  fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`.split(/\s+/);
const MONTHS = new Set(
  `january february march april may june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec`.split(/\s+/),
);

/** An ordinal in words or digits ("third", "twenty-first", "3rd") as [value, words used], or null. */
function ordinalAt(w: readonly string[], i: number): [number, number] | null {
  const a = w[i];
  if (a === undefined) return null;
  const digits = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(a);
  if (digits) return [Number(digits[1]), 1];
  const o = ORDINALS.indexOf(a);
  if (o >= 0) return [o + 1, 1];
  if (a === 'thirtieth') return [30, 1];
  const t = a === 'twenty' ? 20 : a === 'thirty' ? 30 : 0;
  const b = w[i + 1];
  if (t > 0 && b !== undefined) {
    const k = ORDINALS.indexOf(b);
    if (k >= 0 && k < 9) return [t + k + 1, 2];
  }
  return null;
}

/** A number below 100 in words ("sixty one", "eighty", "oh five", "nine") as [value, words], or null. */
function below100(w: readonly string[], i: number): [number, number] | null {
  const a = w[i];
  if (a === undefined) return null;
  const unit = UNITS.indexOf(a);
  if (unit >= 0) return [unit + 1, 1];
  const teen = TEENS.indexOf(a);
  if (teen >= 0) return [teen + 10, 1];
  if (a === 'oh' || a === 'o') {
    const b = UNITS.indexOf(w[i + 1] ?? '');
    return b >= 0 ? [b + 1, 2] : null;
  }
  const tens = TENS.indexOf(a);
  if (tens < 0) return null;
  const b = UNITS.indexOf(w[i + 1] ?? '');
  return b >= 0 ? [(tens + 2) * 10 + b + 1, 2] : [(tens + 2) * 10, 1];
}

/** A year in words: "nineteen sixty one", "two thousand and three", "sixty one" (words used), or 0. */
function yearWords(w: readonly string[], i: number): number {
  const a = w[i];
  if (a === 'two' && w[i + 1] === 'thousand') {
    let j = i + 2;
    if (w[j] === 'and') j++;
    const rest = below100(w, j);
    return rest ? j - i + rest[1] : 2;
  }
  if (a === 'nineteen' || a === 'twenty') {
    const rest = below100(w, i + 1);
    if (rest && rest[0] >= 1) return 1 + rest[1];
  }
  // A clipped year read out ("sixty one", "eighty four"): tens first, so no stray number counts.
  if (a !== undefined && TENS.includes(a)) return below100(w, i)![1];
  return 0;
}

/** A month as a name or an ordinal (after "of the"): words used, or 0. */
function monthAt(w: readonly string[], i: number, ordinalOnly: boolean): number {
  const a = w[i];
  if (a === undefined) return 0;
  if (!ordinalOnly && MONTHS.has(a)) return 1;
  const o = ordinalAt(w, i);
  return o && o[0] <= 12 ? o[1] : 0;
}

/**
 * "(the) third (of) (the) July (,) nineteen sixty one", "July (the) third nineteen sixty one", the day
 * an ordinal, the month a name (or an ordinal after "of the"), the year in digits or words; a year is
 * required, so a birthday alone ("born on the third of July") is not read.
 */
function spokenDateEnd(text: string, p: number): number {
  // Words (lower case) and where each ends, over at most 90 characters of one line.
  const slice = text.slice(p, p + 90).split('\n', 1)[0]!;
  const words: string[] = [];
  const ends: number[] = [];
  const re = /[a-z0-9'’]+/giy;
  for (let m = re.exec(slice); m !== null && words.length < 10; m = re.exec(slice)) {
    words.push(m[0].toLowerCase());
    ends.push(p + re.lastIndex);
    // Only spaces, hyphens and one comma sit between a date's words.
    const gap = /[ ,-]{1,3}/y;
    gap.lastIndex = re.lastIndex;
    if (!gap.test(slice)) break;
    re.lastIndex = gap.lastIndex;
  }
  const named = namedMonthDateEnd(words, ends);
  if (named >= 0) return named;
  const used = numericSpokenDate(words);
  return used > 0 ? ends[used - 1]! : -1;
}

const DIGIT_WORDS: Readonly<Record<string, number>> = {
  oh: 0,
  o: 0,
  zero: 0,
  nought: 0,
  ...Object.fromEntries(UNITS.map((u, k) => [u, k + 1])),
};

/**
 * A date said as numbers after its cue, as a form's boxes are read out: digit by digit ("one two oh
 * three one nine eight four", ddmmyy or ddmmyyyy, "double" allowed) or as day, month and year numbers
 * ("twelve oh three eighty four", "three eleven nineteen sixty"). The day and month must be in range
 * (either order, as UK and US callers say them). Words used, or 0.
 */
function numericSpokenDate(w: readonly string[]): number {
  let digits = '';
  let i = 0;
  while (i < w.length && digits.length <= 8) {
    const times = w[i] === 'double' ? 2 : w[i] === 'triple' ? 3 : 1;
    const d = DIGIT_WORDS[w[i + (times > 1 ? 1 : 0)] ?? ''];
    if (d === undefined) break;
    digits += String(d).repeat(times);
    i += times > 1 ? 2 : 1;
  }
  if (
    (digits.length === 6 || digits.length === 8) &&
    i >= 6 &&
    dayMonthValid(+digits.slice(0, 2), +digits.slice(2, 4))
  )
    return digits.length === 8 && !/^(?:19|20)/.test(digits.slice(4)) ? 0 : i;
  const day = below100(w, 0);
  if (day === null) return 0;
  const month = below100(w, day[1]);
  if (month === null || !dayMonthValid(day[0], month[0])) return 0;
  const at = day[1] + month[1];
  const year = yearWords(w, at);
  return year > 0 ? at + year : 0;
}

function dayMonthValid(a: number, b: number): boolean {
  return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
}

/** The forms with a month's name or ordinal (see spokenDateEnd); the end of the date, or -1. */
function namedMonthDateEnd(words: readonly string[], ends: readonly number[]): number {
  let i = words[0] === 'the' ? 1 : 0;
  let monthFirst = monthAt(words, i, false);
  if (monthFirst > 0 && !MONTHS.has(words[i]!)) monthFirst = 0;
  if (monthFirst > 0) {
    i += monthFirst;
    if (words[i] === 'the') i++;
    const day = ordinalAt(words, i);
    if (!day || day[0] > 31) return -1;
    i += day[1];
  } else {
    // The day as an ordinal, or as a plain number right before a month's name ("one January
    // nineteen thirty eight", "twenty one March 1961").
    let day = ordinalAt(words, i);
    if (!day) {
      const n = below100(words, i);
      if (n !== null && MONTHS.has(words[i + n[1]] ?? '')) day = n;
    }
    if (!day || day[0] < 1 || day[0] > 31) return -1;
    i += day[1];
    let ordinalOnly = false;
    if (words[i] === 'of') i++;
    if (words[i] === 'the') {
      i++;
      ordinalOnly = true;
    }
    const month = monthAt(words, i, ordinalOnly);
    if (month === 0) return -1;
    i += month;
  }
  const y = words[i];
  if (y === undefined) return -1;
  if (/^(?:\d{4}|['’]?\d{2})$/.test(y)) return ends[i]!;
  const used = yearWords(words, i);
  return used > 0 ? ends[i + used - 1]! : -1;
}

/** Whether a date read out in words may start at p (its first word): checked before any reading. */
export function spokenDateMayStart(text: string, p: number): boolean {
  const u = codeUnits(text);
  let q = p;
  while (q < text.length && q - p < 12 && isAsciiLetter(u[q]!)) q++;
  const w = text.slice(p, q).toLowerCase();
  return (
    w === 'the' ||
    w === 'oh' ||
    w === 'zero' ||
    MONTHS.has(w) ||
    ORDINALS.includes(w) ||
    UNITS.includes(w) ||
    TEENS.includes(w) ||
    w === 'twenty' ||
    w === 'thirty' ||
    w === 'thirtieth'
  );
}

const MONTH_OPENINGS: ReadonlySet<string> = new Set(
  'jan feb mar apr may jun jul aug sep oct nov dec'.split(' '),
);

/** Three code units with bit 5 set (an ASCII letter's lower case), packed. */
function threeKey(a: number, b: number, c: number): number {
  return ((a | 32) << 16) | ((b | 32) << 8) | (c | 32);
}
const MONTH_KEYS: ReadonlySet<number> = new Set(
  [...MONTH_OPENINGS].map((m) => threeKey(m.charCodeAt(0), m.charCodeAt(1), m.charCodeAt(2))),
);

/**
 * Whether a month's first three letters (any case) start at p: MONTH_OPENINGS.has(text.slice(p, p +
 * 3).toLowerCase()) told from the code units with no slice. Only a letter's two cases set bit 5 to a
 * lower-case letter, and a 0 past the text's end matches none; above ASCII the slice decides as before.
 */
function monthOpeningAt(text: string, u: Uint16Array, p: number): boolean {
  const a = u[p]!;
  const b = u[p + 1]!;
  const c = u[p + 2]!;
  if (a >= 128 || b >= 128 || c >= 128) return MONTH_OPENINGS.has(text.slice(p, p + 3).toLowerCase());
  return MONTH_KEYS.has(threeKey(a, b, c));
}

/** The latest year of birth read beside a name: an adult's (sixteen or over) this year. */
const LATEST_BIRTH_YEAR = new Date().getUTCFullYear() - 16;
const YEAR_IN_DATE = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/;

/**
 * A date of birth written right after a name on an identity line, as notes and registers give it:
 * "Mrs Patel, 12/03/1961, NHS ...", "Zainab Al-Masri (12.03.1961)", "Jo Bloggs 12/03/1961". The date
 * (any form birthDateEnd reads) follows the name after ", ", " (", " - " or one space, and has a
 * four-digit year sixteen or more years back; a date that a payment or appointment word names is left.
 */
export function datesAfterNames(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  const names = s.out.length;
  for (let k = 0; k < names; k++) {
    const c = s.out[k]!;
    if (c.type !== 'PERSON' || c.score < 0.5 || recordDate(s, u, c.start, c.end)) continue;
    let p = c.end;
    if (u[p] === 44) p++;
    if (u[p] === 32) p++;
    if (u[p] === 40) p++;
    else if ((u[p] === 45 || u[p] === 0x2013) && u[p + 1] === 32) p += 2;
    if (p === c.end) continue;
    // A digit, or a month's first three letters ("June 9, 1975"): most names are followed by words.
    const d = u[p]!;
    if (!isDigit(d) && !monthOpeningAt(text, u, p)) continue;
    // A written date opens with one or two digits and a separator, or a four-digit year and '-' or
    // '/' (a phone or account number after a name does not).
    if (isDigit(d) && !dateOpening(u, p)) continue;
    const end = birthDateEnd(text, p);
    if (end < 0) continue;
    const year = YEAR_IN_DATE.exec(text.slice(p, end));
    if (year === null || Number(year[1]) > LATEST_BIRTH_YEAR || Number(year[1]) < 1900) continue;
    if (eventAfter(s, u, end) || s.before(p, 24) === 'EVENT_DATE') continue;
    s.add(p, end, 'DATE_OF_BIRTH', 0.8);
  }
}

/**
 * Whether a payment or appointment word right after the date names it ("12/03/2025 paid"); past another
 * value with digits it names that one ("17/10/1990 - 3 items - PAID").
 */
function eventAfter(s: Scan, u: Uint16Array, end: number): boolean {
  const h = s.afterHit(end);
  if (h === null || h.kind !== 'EVENT_DATE') return false;
  for (let i = end; i < h.start; i++) if (isDigit(u[i]!)) return false;
  return true;
}

/**
 * A record field [p, q) that is one whole date: true once added as a birth date, false when its year or an
 * event cue rules that out, undefined when the field is no date at all.
 */
function birthDateField(s: Scan, u: Uint16Array, p: number, q: number): boolean | undefined {
  const text = s.text;
  if (!(isDigit(u[p]!) && dateOpening(u, p) && birthDateEnd(text, p) === q)) return undefined;
  const year = YEAR_IN_DATE.exec(text.slice(p, q));
  if (year === null || Number(year[1]) > LATEST_BIRTH_YEAR || Number(year[1]) < 1900) return false;
  if (s.after(q) === 'EVENT_DATE' || s.before(p, 24) === 'EVENT_DATE') return false;
  s.add(p, q, 'DATE_OF_BIRTH', 0.75);
  return true;
}

/**
 * A date of birth in a record row with the name, fields apart: "Jo Bloggs,AB123456C,12/03/1961,PAYE",
 * tab- or bar-separated alike. The name fills a field of its own (it opens the line or follows the
 * separator, and the separator, not a space, follows it), and the date fills a later field of the same
 * line, within six, whole; its year is an adult's, as beside a name, and no event word names it.
 */
function recordDate(s: Scan, u: Uint16Array, start: number, end: number): boolean {
  const sep = u[end]!;
  if (!((sep === 44 && u[end + 1] !== 32) || sep === 9 || sep === 124)) return false;
  const opener = start > 0 ? u[start - 1]! : 10;
  if (opener !== 10 && opener !== sep) return false;
  const text = s.text;
  const n = text.length;
  let p = end + 1;
  for (let field = 0; field < 6; field++) {
    let q = p;
    while (q < n && u[q] !== sep && u[q] !== 10 && u[q] !== 13) q++;
    const found = birthDateField(s, u, p, q);
    if (found !== undefined) return found;
    if (u[q] !== sep) break;
    p = q + 1;
  }
  return opener === sep && recordDateBefore(s, u, start - 1, sep);
}

/**
 * The date field of the same record row before the name's: a register pasted with the date first
 * ("19/05/1992<tab>Jo Bloggs<tab>Y13"). `at` is the separator opening the name's field; fields are read
 * back to the line's start, within six, with the same tests as after the name.
 */
function recordDateBefore(s: Scan, u: Uint16Array, at: number, sep: number): boolean {
  let q = at;
  for (let field = 0; field < 6 && q > 0; field++) {
    let p = q;
    while (p > 0 && u[p - 1] !== sep && u[p - 1] !== 10 && u[p - 1] !== 13) p--;
    const found = birthDateField(s, u, p, q);
    if (found !== undefined) return found;
    if (p === 0 || u[p - 1] !== sep) return false;
    q = p - 1;
  }
  return false;
}

/** One or two digits then '/', '.', '-', a space or a letter ("3rd"); or four digits then '-' or '/'. */
function dateOpening(u: Uint16Array, p: number): boolean {
  let q = p;
  while (q - p < 5 && isDigit(u[q]!)) q++;
  const c = u[q]!;
  if (q - p <= 2) return c === 47 || c === 46 || c === 45 || c === 32 || isAsciiLetter(c);
  return q - p === 4 && (c === 45 || c === 47);
}
