/**
 * Value shapes read right after a cue (a keyword, a field name, a column header, a JSON key, the
 * question on the previous chat line). A cue says what the value is, so the shapes here are the
 * formats' published layouts with every separator people type (space, double space, hyphen, dot, none),
 * still checked by the same validators (Luhn, mod-11, SSA rules) where the format has one.
 *
 * The readers read the text's code units (code-units.ts: the scan's own text is already there) rather
 * than charCodeAt, which dispatches on the string's representation at every call; past the text end
 * both give a value no class test accepts.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isAsciiAlnum, isAsciiLetter, isDigit } from './chars';
import { codeUnits } from './code-units';
import { SPOKEN_DIGITS } from './cued-spoken';
import { nationalPhone } from './phones-national';
import { luhnValid, nhsValid, ninoPrefixValid, ssnShapeValid } from './validators';
import { MONTH_NAMES } from './months';

/** Digit groups from p: each group's length, with one consistent separator ('' when contiguous). */
export interface Groups {
  sizes: number[];
  digits: string;
  end: number;
}

function sepAt(text: string, u: Uint16Array, p: number): string {
  const c = u[p]!;
  if (c === 32) {
    // A dash between spaces, as a form's spaced boxes are typed out: "40 - 47 - 84".
    const d = u[p + 1]!;
    if ((d === 45 || d === 8211) && u[p + 2]! === 32) return text.slice(p, p + 3);
    return d === 32 ? '  ' : ' ';
  }
  if (c === 45 || c === 46) return text[p]!;
  return '';
}

/** A '?' between a group's digits (or before another '?'): a digit left unread, no question mark. */
function unreadAt(u: Uint16Array, i: number, start: number): boolean {
  return u[i] === 63 && i > start && (isDigit(u[i + 1]!) || u[i + 1] === 63);
}

/**
 * Digit groups joined by one repeated separator (space, two spaces, '-', '.', ' - '), at most `max`
 * digits. With `unread`, up to two '?' inside a group stand for digits a note typed up from handwriting
 * could not read ("768 426 84?5"); they come back as '0'.
 */
export function digitGroups(text: string, p: number, max: number, unread = false): Groups | null {
  const u = codeUnits(text);
  if (!isDigit(u[p]!) || (p > 0 && isAsciiAlnum(u[p - 1]!))) return null;
  const sizes: number[] = [];
  let digits = '';
  let sep: string | null = null;
  let i = p;
  let unclear = 0;
  for (;;) {
    const start = i;
    while (i < text.length && (isDigit(u[i]!) || (unread && unreadAt(u, i, start) && unclear++ < 2))) i++;
    // More than two unread digits ('?') make a guess, no value.
    if (unclear > 2) return null;
    sizes.push(i - start);
    digits += unclear === 0 ? text.slice(start, i) : text.slice(start, i).replaceAll('?', '0');
    if (digits.length > max) return null;
    const s = sepAt(text, u, i);
    if (s === '' || (sep !== null && s !== sep) || !isDigit(u[i + s.length]!)) break;
    sep = s;
    i += s.length;
  }
  // A value never runs into letters ("123abc") or into a decimal or further digits.
  if (isAsciiLetter(u[i]!)) return null;
  return { sizes, digits, end: i };
}

const sameSizes = (a: number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A number read out after its cue ("three oh, nine two, one six"; "sixty, eighty-three, double one"):
 * digit words, "double"/"triple", tens and teens as two digits ("sixty" 60, "eighty-three" 83, "sixty
 * three" 63, "twelve" 12), digits, joined by spaces, commas and hyphens. With `letters`, single letters
 * spelled out count too ("J, K, nine three ..." for a National Insurance number); they come back upper
 * case. Stops at the first other word; null when nothing was read or more than `max` characters.
 */
export function spokenValue(
  text: string,
  p: number,
  max: number,
  letters = false,
  stop = max + 1,
): { value: string; end: number } | null {
  const u = codeUnits(text);
  let i = p;
  let value = '';
  let end = -1;
  let repeat = 1;
  // `stop`: read no further once the value is that long (a shorter reading of the same words).
  while (i < text.length && i - p < 160 && value.length < stop) {
    const c = u[i]!;
    if (isDigit(c)) {
      // A digit run into letters ("4111abc") is a code, not a number read out.
      if (repeat > 1 || isAsciiLetter(u[i + 1]!)) break;
      value += text[i];
      i++;
      end = i;
    } else if (c === 32 || c === 44 || c === 45) {
      // A hyphen only inside a number word ("eighty-three"), handled below; elsewhere a gap.
      if (c === 44 && u[i + 1]! !== 32) break;
      i++;
    } else if (isAsciiLetter(c)) {
      let j = i;
      while (j < text.length && isAsciiLetter(u[j]!)) j++;
      // A word run into digits ("one337651188") is a code, not a word read out.
      if (isDigit(u[j]!)) break;
      const word = text.slice(i, j).toLowerCase();
      const d = SPOKEN[word];
      const tens = TENS[word];
      if (d !== undefined && word !== 'o') {
        if (d < 0) {
          if (repeat > 1) break;
          repeat = -d;
        } else {
          for (let r = 0; r < repeat; r++) value += String(d);
          repeat = 1;
          end = j;
        }
      } else if (tens !== undefined && repeat === 1) {
        // "eighty-three", "sixty three": the tens and a unit are one pair of digits.
        let k = j;
        if (tens % 10 === 0 && tens >= 20 && (u[k]! === 45 || u[k]! === 32)) {
          let m = k + 1;
          while (m < text.length && isAsciiLetter(u[m]!)) m++;
          const unit = SPOKEN[text.slice(k + 1, m).toLowerCase()];
          if (unit !== undefined && unit > 0) {
            value += String(tens + unit);
            end = j = m;
            k = -1;
          }
        }
        if (k >= 0) {
          value += String(tens);
          end = j;
        }
      } else if (letters && j - i === 1 && repeat === 1) {
        value += word.toUpperCase();
        end = j = pastSpelling(text, u, j, u[i]! | 32);
      } else if (letters && repeat === 1 && NATO[word] !== undefined) {
        value += NATO[word];
        end = j;
      } else if ((word === 'dash' || word === 'hyphen') && end >= 0 && repeat === 1) {
        // A separator said aloud ("one two three dash four five"): a gap, as a written hyphen is.
      } else break;
      i = j;
    } else break;
    if (value.length > max) return null;
  }
  return end < 0 ? null : { value, end };
}

// The phonetic alphabet letters are spelled in on the phone ("bravo one four seven bravo papa").
const NATO: Readonly<Record<string, string>> = Object.fromEntries(
  `alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar
  papa quebec romeo sierra tango uniform victor whiskey whisky xray yankee zulu`
    .split(/\s+/)
    .map((w) => [w, w[0]!.toUpperCase()]),
);
// A letter's spelling word after it: "b as in bravo", "b for bravo", "m for mother".
const SPELLING = / (?:as in|for|like) ([a-z]+)\b/iy;

/** Past "as in Bravo" / "for Bravo" after the letter `letter` (lower case) ending at `j`, else j. */
function pastSpelling(text: string, u: Uint16Array, j: number, letter: number): number {
  if (u[j] !== 32) return j;
  SPELLING.lastIndex = j;
  const m = SPELLING.exec(text);
  return m !== null && (m[1]!.charCodeAt(0) | 32) === letter ? SPELLING.lastIndex : j;
}

const TENS: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** A value read out (it starts with a letter: the written readers need a digit): its end, or -1. */
function spokenEnd(text: string, p: number, max: number, ok: (digits: string) => boolean): number {
  // Most words after a cue are no number ("account was hacked"): spokenValue would slice and look the
  // word up only to stop there.
  if (!numberWordAt(codeUnits(text), p)) return -1;
  const v = spokenValue(text, p, max);
  return v !== null && /^\d+$/.test(v.value) && ok(v.value) ? v.end : -1;
}

const startsWord = (text: string, p: number): boolean => isAsciiLetter(codeUnits(text)[p]!);

/**
 * A card number read out at p away from its cue ("My card ending ... . Full number is four nine six
 * oh, ..."): 15-19 digit words passing Luhn, longer than a phone number read out with its country code.
 */
export function spokenCardEnd(text: string, p: number): number {
  return spokenEnd(text, p, 19, (d) => d.length >= 15 && luhnValid(d));
}

/**
 * Whether a value spelled out may start at p: a single letter ("M R N ...", "J, K, ...") or a digit
 * word. Tested before spokenValue, which slices every word: most ids after a cue are written.
 */
function spokenOpening(text: string, p: number): boolean {
  const u = codeUnits(text);
  if (!isAsciiLetter(u[p]!)) return false;
  let j = p + 1;
  while (isAsciiLetter(u[j]!)) j++;
  return j === p + 1 || SPOKEN[text.slice(p, j).toLowerCase()] !== undefined;
}

export function sortCodeEnd(text: string, p: number): number {
  if (startsWord(text, p)) return spokenEnd(text, p, 6, (d) => d.length === 6);
  const g = digitGroups(text, p, 6);
  if (!g || g.digits.length !== 6) return -1;
  return g.sizes.length === 1 || sameSizes(g.sizes, [2, 2, 2]) ? g.end : -1;
}

export function accountEnd(text: string, p: number): number {
  if (startsWord(text, p)) return spokenEnd(text, p, 10, (d) => d.length >= 6);
  const g = digitGroups(text, p, 12);
  if (!g) return -1;
  const n = g.digits.length;
  if (g.sizes.length === 1) return n >= 6 && n <= 10 ? g.end : -1;
  // Eight digits as two fours, or as four pairs the way a sort code's pairs are read ("70 87 21 93").
  return sameSizes(g.sizes, [4, 4]) || sameSizes(g.sizes, [2, 2, 2, 2]) ? g.end : -1;
}

export function nhsEnd(text: string, p: number): number {
  if (startsWord(text, p)) return spokenEnd(text, p, 10, nhsValid);
  const g = digitGroups(text, p, 10, true);
  // Right after its cue a ten-digit number is the NHS number even when one digit is mistyped or could
  // not be read: the checksum only decides numbers that no cue names (structured.ts). Grouped other than
  // 3-3-4 ("943 4765 919") it must pass the checksum too.
  if (!g || g.digits.length !== 10) return -1;
  return g.sizes.length === 1 || sameSizes(g.sizes, [3, 3, 4]) || nhsValid(g.digits) ? g.end : -1;
}

export function ssnEnd(text: string, p: number): number {
  if (startsWord(text, p))
    return spokenEnd(
      text,
      p,
      9,
      (d) => d.length === 9 && ssnShapeValid(d.slice(0, 3), d.slice(3, 5), d.slice(5)),
    );
  const g = digitGroups(text, p, 9);
  if (!g || g.digits.length !== 9) return -1;
  if (g.sizes.length !== 1 && !sameSizes(g.sizes, [3, 2, 4])) return -1;
  const d = g.digits;
  // Right after its cue even a specimen number (078-05-1120) is given as someone's SSN.
  return ssnShapeValid(d.slice(0, 3), d.slice(3, 5), d.slice(5)) ? g.end : -1;
}

export function cardEnd(text: string, p: number): number {
  if (startsWord(text, p)) return spokenEnd(text, p, 19, (d) => d.length >= 12 && luhnValid(d));
  const g = digitGroups(text, p, 19);
  if (!g || g.digits.length < 12 || !luhnValid(g.digits)) return -1;
  return g.end;
}

/**
 * An identifier after its cue (record numbers, licences, passports): letter and digit groups joined
 * by one '-', ' ' or '.', 5-20 characters, at least three digits. A group after a space must hold a
 * digit, so the words after the value are not taken; a short all-letter group may open it ("L 369 036").
 */
export function idEnd(text: string, p: number): number {
  const u = codeUnits(text);
  if (!isAsciiAlnum(u[p]!) || (p > 0 && isAsciiAlnum(u[p - 1]!))) return -1;
  let i = p;
  let chars = 0;
  let digits = 0;
  let end = -1;
  // A site or department prefix of up to five letters may open slash-joined groups ("PT/0449/21");
  // every separator is then a slash. Elsewhere a slash is a date's or a fraction's.
  let slashed = false;
  for (let group = 0; group < 8; group++) {
    const start = i;
    let groupDigits = 0;
    while (i < text.length && isAsciiAlnum(u[i]!) && i - start < 20) {
      if (isDigit(u[i]!)) groupDigits++;
      i++;
    }
    if (group > 0 && u[start - 1]! === 32 && groupDigits === 0) break;
    chars += i - start;
    digits += groupDigits;
    end = i;
    const c = u[i]!;
    if (group === 0) slashed = c === 47 && groupDigits === 0 && i - start <= 5;
    if ((slashed ? c === 47 : c === 45 || c === 32 || c === 46) && isAsciiAlnum(u[i + 1]!)) {
      // A sentence's full stop is not a separator: "... 123456. Next" ends the value.
      i++;
      continue;
    }
    break;
  }
  if (chars < 5 || chars > 22 || digits < 3 || u[end]! === 47) return spokenIdEnd(text, p);
  // A software version ("v4.12.0", "10.3.1") is the app's, not the document's, whoever it follows.
  if (
    text
      .slice(p, end)
      .split(' ')
      .some((g) => VERSION.test(g))
  )
    return -1;
  // A date ("12.03.2025", "2025-03-12") is never an identifier. Every date form holds a ' ', '-', '.'
  // or '/', so one unbroken group (most record numbers) needs no date regex.
  return end - p !== chars && dateEnd(text, p) === end && plausibleDate(text.slice(p, end)) ? -1 : end;
}

// A case, claim or prescription serial stamped with its year ("CASE-2024-00417", "PR-2024-1187"): a
// workflow's counter, reset each year. Hospital and clinic numbers are permanent, so they carry no year.
const YEAR_STAMPED = /^[A-Za-z]{1,6}[-/](?:19|20)\d\d[-/]\d{2,7}$/;

/** Whether text[p, end) is a year-stamped serial (see YEAR_STAMPED). */
export function yearStamped(text: string, p: number, end: number): boolean {
  return end - p <= 20 && isDigit(text.charCodeAt(end - 1)) && YEAR_STAMPED.test(text.slice(p, end));
}

// Semantic-versioning's dotted numbers, with the "v" release notes put before them.
const VERSION = /^(?:[vV]\d{1,3}(?:\.\d{1,4}){1,3}|\d{1,2}(?:\.\d{1,2}){2,3})$/;

/**
 * Whether a value of a date's shape can be a date: a day and month in range ("00-41-2290" is a record
 * number laid out in pairs, not a date). A written month is always a date.
 */
function plausibleDate(value: string): boolean {
  const n = value.match(/\d+/g);
  if (n === null || n.length !== 3 || /[A-Za-z]/.test(value)) return true;
  const [a, b, c] = n.map(Number) as [number, number, number];
  if (n[0]!.length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  return a >= 1 && a <= 31 && b >= 1 && b <= 31 && Math.min(a, b) <= 12;
}

/**
 * A National Insurance number after its cue, written ("QQ 12 34 56 C") or spelled out ("J, K, nine
 * three, four one, oh seven, B"): two prefix letters (HMRC rules), six digits, a suffix A-D.
 */
// Each gap may hold what people type between a form's boxes: a space, two, a hyphen or a dot.
const NINO_WRITTEN =
  /[A-Za-z]{2}(?: {1,2}|[.-])?\d{2}(?: {1,2}|[.-])?\d{2}(?: {1,2}|[.-])?\d{2}(?: {1,2}|[.-])?[A-Da-d](?![A-Za-z0-9])/y;

export function ninoEnd(text: string, p: number): number {
  NINO_WRITTEN.lastIndex = p;
  if (NINO_WRITTEN.test(text))
    return ninoPrefixValid(text.slice(p, p + 2).toUpperCase(), true) ? NINO_WRITTEN.lastIndex : -1;
  if (!spokenOpening(text, p)) return -1;
  const v = spokenValue(text, p, 9, true);
  if (v === null || !/^[A-Z]{2}\d{6}[A-D]$/.test(v.value) || !ninoPrefixValid(v.value.slice(0, 2), true))
    return -1;
  return v.end;
}

/**
 * An identifier read out after its cue ("patient ID M R N seven seven three oh four one nine"): letters
 * spelled one by one and digit words, at least six digits, 6-22 characters in all.
 */
function spokenIdEnd(text: string, p: number): number {
  if (!spokenOpening(text, p)) return -1;
  const v = spokenValue(text, p, 22, true);
  if (v === null || v.value.length < 6) return -1;
  let digits = 0;
  for (let i = 0; i < v.value.length; i++) if (isDigit(v.value.charCodeAt(i))) digits++;
  return digits >= 6 ? v.end : -1;
}

/**
 * A passport number after its cue: ICAO 9303 document numbers are up to nine letters and digits, and
 * some countries' use few digits (Germany's "C01X00T47"), so one token of 6-10 with a digit counts.
 */
export function passportEnd(text: string, p: number): number {
  const u = codeUnits(text);
  if (!isAsciiAlnum(u[p]!) || (p > 0 && isAsciiAlnum(u[p - 1]!))) return -1;
  let i = p;
  let digits = 0;
  while (i < text.length && isAsciiAlnum(u[i]!) && i - p <= 10) {
    if (isDigit(u[i]!)) digits++;
    i++;
  }
  const n = i - p;
  if (n >= 6 && n <= 10 && digits >= 1 && !isAsciiAlnum(u[i]!) && !misreadWord(u, p, i)) return i;
  return idEnd(text, p);
}

/**
 * A word OCR spelt with 0 for o or 1 for l ("Passp0rt", "Surnarne1"): its only digits are 0s and 1s
 * and four letters run together in it, some in lower case. Document numbers are capitals and digits.
 */
function misreadWord(u: Uint16Array, p: number, end: number): boolean {
  let run = 0;
  let longest = 0;
  let lower = false;
  for (let i = p; i < end; i++) {
    const c = u[i]!;
    if (isDigit(c) && c !== 48 && c !== 49) return false;
    run = isDigit(c) ? 0 : run + 1;
    if (run > longest) longest = run;
    lower ||= c >= 97 && c <= 122;
  }
  // In lower case too: document numbers are printed in capitals.
  return longest >= 4 && lower;
}

/** Digit words, and "double"/"triple" as negative repeat counts. */
const SPOKEN: Readonly<Record<string, number>> = { ...SPOKEN_DIGITS, double: -2, triple: -3 };

/** The first two letters and the length of a word, in any case. */
function wordKey(u: Uint16Array, i: number, j: number): number {
  return ((u[i]! | 32) * 128 + (u[i + 1]! | 32)) * 32 + Math.min(j - i, 31);
}

/** wordKey of every word spokenValue reads as digits without `letters` (SPOKEN but "o", and TENS). */
const NUMBER_WORD_KEYS: ReadonlySet<number> = new Set(
  [...Object.keys(SPOKEN), ...Object.keys(TENS)]
    .filter((w) => w.length > 1)
    .map((w) => (w.charCodeAt(0) * 128 + w.charCodeAt(1)) * 32 + w.length),
);

/**
 * Whether the ASCII word at p may be one that spokenValue reads as digits: false means it stops there
 * with nothing read (or nothing but a word that is no digit, which spokenEnd turns away).
 */
function numberWordAt(u: Uint16Array, p: number): boolean {
  let j = p;
  while (isAsciiLetter(u[j]!)) j++;
  return j - p > 1 && NUMBER_WORD_KEYS.has(wordKey(u, p, j));
}

/** Whether the word before the space at i - 1 is a digit word ("nine" of "nine hundred"), not digits. */
function lastIsDigitWord(u: Uint16Array, i: number): boolean {
  const j = i - 1;
  if (u[j]! !== 32) return false;
  let k = j;
  while (k > 0 && isAsciiLetter(u[k - 1]!)) k--;
  return k < j && numberWordAt(u, k);
}

/**
 * A phone number after a phone cue: digits with any of ( ) + . - and single or double spaces, or read
 * out as words ("oh seven nine one one ..."), accepted when libphonenumber-js finds a possible number
 * for the UK, the US or its own international prefix.
 */
export function phoneEnd(text: string, p: number, afterKeyword = false): number {
  const u = codeUnits(text);
  let i = p;
  let digits = '';
  // Digits read so far ('+' not counted: it can only open the number).
  let count = 0;
  let end = -1;
  let repeat = 1;
  // Whether anything here is beyond the phone recognizer (words, two spaces, commas, unread digits).
  let odd = false;
  let unclear = 0;
  while (i < text.length && i - p < 90) {
    const c = u[i]!;
    if (isDigit(c)) {
      for (let r = 0; r < repeat; r++) digits += text[i];
      count += repeat;
      repeat = 1;
      i++;
      end = i;
    } else if (c === 63 && end === i && (isDigit(u[i + 1]!) || u[i + 1]! === 63)) {
      // A digit a note typed up from handwriting could not read ("Tel 0113 496 0?82"): still the
      // number's, held by its place between digits after the cue; any digit stands in for the check.
      // More than two unread is a guess, no number.
      if (++unclear > 2) return -1;
      digits += '0';
      count++;
      odd = true;
      end = ++i;
    } else if (c === 43 && digits === '') {
      digits += '+';
      i++;
    } else if ((c | 32) === 112 && digits === '' && /^plus /i.test(text.slice(i, i + 5))) {
      // "plus four four, seven seven ...": the international prefix read out.
      digits += '+';
      odd = true;
      i += 5;
    } else if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 44) {
      // A comma only between read-out groups ("oh seven nine one one, two three four").
      if (c === 44 && u[i + 1]! !== 32) break;
      if (c === 44 || (c === 32 && u[i + 1]! === 32)) odd = true;
      i++;
    } else if (isAsciiLetter(c)) {
      let j = i;
      while (j < text.length && isAsciiLetter(u[j]!)) j++;
      const name = text.slice(i, j).toLowerCase();
      // "nine hundred", "two thousand": a group of zeros after the digit it multiplies, as UK numbers
      // are read ("oh seven seven double oh, nine hundred, ...").
      const zeros = name === 'hundred' ? '00' : name === 'thousand' ? '000' : '';
      if (zeros !== '' && end >= 0 && repeat === 1 && digits.length > 0 && lastIsDigitWord(u, i)) {
        digits += zeros;
        count += zeros.length;
        odd = true;
        end = i = j;
        continue;
      }
      const word = SPOKEN[name];
      if (word === undefined || (word >= 0 && end < 0 && digits.length > 0 && digits !== '+')) break;
      odd = true;
      if (word < 0) repeat = -word;
      else {
        for (let r = 0; r < repeat; r++) digits += String(word);
        count += repeat;
        repeat = 1;
        end = j;
      }
      i = j;
    } else break;
    if (count > 15) return -1;
  }
  const n = count;
  // After a keyword in running text the phone recognizer has judged every plainly written number.
  if (end < 0 || n < 7 || (afterKeyword && !odd)) return -1;
  const number = digits.startsWith('+') ? digits : digits.startsWith('00') ? '+' + digits.slice(2) : digits;
  for (const region of ['GB', 'US'] as const) {
    const parsed = parsePhoneNumberFromString(number, region);
    if (parsed?.isPossible()) return end;
  }
  return nationalPhone(number, true) ? end : -1;
}

/** Words that spell an e-mail address's punctuation when it is read out. */
const SPOKEN_PUNCTUATION: Readonly<Record<string, string>> = {
  dot: '.',
  at: '@',
  underscore: '_',
  hyphen: '-',
  dash: '-',
};

/**
 * Words that are never part of an address said aloud: a local part read as several words ("jo smith
 * seventy two at ...", said for "josmith72") stops at them.
 */
const NOT_PART = new Set(
  `is it its it's my the a an and or as same me to on in of for you your please just that this was be
  will from with send use`.split(/\s+/),
);

/** How many words a local part read out may take before its "at". */
const MAX_LOCAL_WORDS = 4;

/** A word of an address read out: letters and digits, with inner '.', '_' or '-' ("jo_smith", "gmail.com"). */
function partEnd(u: Uint16Array, i: number, limit: number): number {
  let j = i;
  while (j < limit) {
    const c = u[j]!;
    if (isAsciiAlnum(c)) j++;
    else if ((c === 46 || c === 95 || c === 45) && j > i && isAsciiAlnum(u[j + 1]!)) j++;
    else break;
  }
  return j;
}

/** "(at)", "[at]", "{dot}": a joining word in brackets, as addresses are written to foil harvesters. */
function bracketedJoiner(text: string, u: Uint16Array, i: number): string | undefined {
  const open = u[i]!;
  if (open !== 40 && open !== 91 && open !== 123) return undefined;
  const close = text.indexOf(open === 40 ? ')' : open === 91 ? ']' : '}', i + 1);
  if (close < 0 || close - i > 7) return undefined;
  return SPOKEN_PUNCTUATION[
    text
      .slice(i + 1, close)
      .trim()
      .toLowerCase()
  ];
}

/**
 * An e-mail address read out after its cue ("pedro dot alves at sapo dot p t", "jo underscore smith at
 * gmail dot com", "jo smith seventy two at outlook dot com") or written with its punctuation in words
 * ("jo.smith at gmail.com", "jo.smith (at) gmail (dot) com"): words (or dotted words) joined by "dot",
 * "underscore", "hyphen"/"dash", one "at", and a domain with at least one dot; a local part may be
 * several words; a top-level domain may be spelled letter by letter. The end of the address, or -1.
 * Written addresses (with '@') are the e-mail recognizer's.
 */
export function spokenEmailEnd(text: string, p: number): number {
  const u = codeUnits(text);
  let i = p;
  let end = -1;
  // What the next word must be: a part of the address (true) or a joining word (false).
  let wantPart = true;
  let at = false;
  let domainDots = 0;
  let localWords = 0;
  // Single letters spelled after the domain's last "dot" ("p t").
  let spelling = false;
  const limit = Math.min(text.length, p + 120);
  while (i < limit) {
    let j: number;
    let joiner = bracketedJoiner(text, u, i);
    if (joiner !== undefined) j = text.indexOf(u[i]! === 40 ? ')' : u[i]! === 91 ? ']' : '}', i) + 1;
    else {
      j = partEnd(u, i, limit);
      if (j === i) break;
      joiner = SPOKEN_PUNCTUATION[text.slice(i, j).toLowerCase()];
    }
    if (wantPart) {
      if (joiner !== undefined) break;
      end = j;
      wantPart = false;
      if (at) domainDots += countDots(u, i, j);
      else localWords++;
      spelling = at && domainDots > 0 && j - i === 1;
    } else if (joiner !== undefined) {
      if (joiner === '@') {
        if (at) break;
        at = true;
      } else if (at && joiner === '.') domainDots++;
      wantPart = true;
    } else if (spelling && j - i === 1) {
      end = j;
    } else if (!at && localWords < MAX_LOCAL_WORDS && !NOT_PART.has(text.slice(i, j).toLowerCase())) {
      // Another word of the local part ("jo smith", "edwards nineteen").
      localWords++;
      end = j;
    } else break;
    if (u[j]! !== 32) {
      // A bracketed joiner may touch its words ("ada.lowe[at]example[dot]org").
      if (bracketedJoiner(text, u, j) === undefined && (joiner === undefined || !isAsciiAlnum(u[j]!))) break;
      i = j;
    } else i = j + 1;
  }
  // An address ends in a part after at least one dot past its "at".
  return at && domainDots > 0 && !wantPart && end > p ? end : -1;
}

function countDots(u: Uint16Array, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (u[k] === 46) n++;
  return n;
}

const MONTH = `(?:${MONTH_NAMES})`;
const DATE_FORMS = new RegExp(
  [
    String.raw`\d{1,2}([/.\- ])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/])`,
    String.raw`\d{4}([\-/.])\d{1,2}\2\d{1,2}(?!\d)`,
    String.raw`\d{1,2}(?:st|nd|rd|th)?(?: of)?[ \-]${MONTH}\.?,?[ \-](?:\d{4}|\d{2})(?!\d)`,
    String.raw`${MONTH}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}(?!\d)`,
  ].join('|'),
  'iy',
);

/** A date written any common way (day or month first, ISO, written month, ordinals, dots, hyphens). */
export function dateEnd(text: string, p: number): number {
  DATE_FORMS.lastIndex = p;
  return DATE_FORMS.test(text) ? DATE_FORMS.lastIndex : -1;
}
