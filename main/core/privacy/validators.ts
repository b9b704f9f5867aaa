/**
 * Check-digit and structural validators. A pattern alone is weak evidence; a passing checksum turns
 * a digit run into a strong detection and a failing one rejects most random numbers (ids, amounts).
 */

/** Luhn (ISO/IEC 7812) over a digits-only string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Luhn over the digits of code units [start, end) (the text's, from code-units.ts), skipping spaces and
 * hyphens: the number of digits when they pass, else -1 (also for any other character).
 */
export function luhnDigitsIn(u: Uint16Array, start: number, end: number): number {
  let sum = 0;
  let n = 0;
  for (let i = end - 1; i >= start; i--) {
    const c = u[i]!;
    if (c === 32 || c === 45) continue;
    let d = c - 48;
    if (d < 0 || d > 9) return -1;
    if ((n & 1) === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    n++;
  }
  return sum % 10 === 0 ? n : -1;
}

/** Luhn over the digits of code units [start, end), whatever separates them: the digit count, or -1. */
export function luhnDigitsAny(u: Uint16Array, start: number, end: number): number {
  let sum = 0;
  let n = 0;
  for (let i = end - 1; i >= start; i--) {
    let d = u[i]! - 48;
    if (d < 0 || d > 9) continue;
    if (n % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    n++;
  }
  return sum % 10 === 0 ? n : -1;
}

/**
 * Issuer prefixes of the major schemes, from a card's first four digits as a number (a card has at
 * least 13); a Luhn-valid number with another prefix is more likely an id.
 */
export function cardPrefixPlausible(first4: number): boolean {
  const c0 = Math.floor(first4 / 1000);
  const two = Math.floor(first4 / 100);
  const third = Math.floor(first4 / 10) % 10;
  if (c0 === 4) return true; // Visa
  if (two >= 51 && two <= 55) return true; // Mastercard
  if (first4 >= 2221 && first4 <= 2720) return true; // Mastercard 2-series
  if (two === 34 || two === 37) return true; // Amex
  if (two === 36 || two === 38 || two === 39 || (two === 30 && third <= 5)) return true; // Diners
  if (two === 35) return true; // JCB
  if (first4 === 6011 || two === 65 || two === 64 || two === 62) return true; // Discover/UnionPay
  if (two === 50 || (two >= 56 && two <= 69)) return true; // Maestro
  return false;
}

/** The first `count` digits of text[start, end) as a number, skipping anything else. */
export function leadingDigits(text: string, start: number, end: number, count: number): number {
  let value = 0;
  for (let i = start; i < end && count > 0; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    value = value * 10 + d;
    count--;
  }
  return value;
}

/** How many ASCII digits text[start, end) holds. */
export function digitCount(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** IBAN lengths by country (SWIFT IBAN registry). */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

// IBAN_LENGTHS by the two upper-case letters' codes, (a - 65) * 26 + (b - 65): recognizers look
// lengths up from char codes without building a country string.
const IBAN_LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
  IBAN_LENGTH_BY_CODE[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = length;
}

/** The IBAN length for a country given as two upper-case char codes, or 0 when it has none. */
export function ibanLengthOf(a: number, b: number): number {
  if (!(a >= 65 && a <= 90 && b >= 65 && b <= 90)) return 0; // also NaN, past the text's end
  return IBAN_LENGTH_BY_CODE[(a - 65) * 26 + (b - 65)]!;
}

/** ISO 13616 mod-97 over an IBAN without spaces (uppercase). */
export function ibanValid(iban: string): boolean {
  const n = iban.length;
  if (n > IBAN_CODES.length || ibanLengthOf(iban.charCodeAt(0), iban.charCodeAt(1)) !== n) return false;
  for (let i = 0; i < n; i++) IBAN_CODES[i] = iban.charCodeAt(i);
  return ibanCodesValid(IBAN_CODES, n);
}
const IBAN_CODES = new Uint16Array(64);

/**
 * Mod-97 over the first `n` char codes of `codes` (an upper-case IBAN of its country's length): the
 * first four characters move to the end, letters count as 10-35, and the remainder must be 1.
 */
export function ibanCodesValid(codes: Uint16Array, n: number): boolean {
  let rem = 0;
  for (let k = 4; k < n + 4; k++) {
    const c = codes[k < n ? k : k - n]!;
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** NHS number: 10 digits, weights 10..2, check digit = 11 - (sum mod 11); 10 is never issued. */
export function nhsValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

/** US SSN structural rules (SSA): area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  return ssnShapeValid(area, group, serial) && !ssnSpecimen(area, group, serial);
}

/** The SSA's structural rules alone: no 000, 666 or 9xx area, no 00 group, no 0000 serial. */
export function ssnShapeValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9') return false;
  return group !== '00' && serial !== '0000';
}

/**
 * Advertising and test numbers that are never issued (the Woolworth wallet card, the 1940s ad, the
 * textbook example). Writers still type them as someone's SSN, so after an explicit SSN cue they count;
 * on their own they are a sample.
 */
export function ssnSpecimen(area: string, group: string, serial: string): boolean {
  const whole = area + group + serial;
  return whole === '078051120' || whole === '219099999' || whole === '123456789';
}

const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
/**
 * UK National Insurance number prefix rules (HMRC NIM39110). QQ is never issued: HMRC prints it on its
 * forms' examples, and writers copy it as someone's number, so `cued` (an explicit NI cue) lets it pass.
 */
export function ninoPrefixValid(prefix: string, cued = false): boolean {
  if (cued && prefix === 'QQ') return true;
  const a = prefix[0] ?? '';
  const b = prefix[1] ?? '';
  if ('DFIQUV'.includes(a) || 'DFIQUVO'.includes(b)) return false;
  return !NINO_BAD_PREFIXES.has(prefix);
}

// The card networks' and payment gateways' published test numbers (Visa, Mastercard, Amex, Discover,
// Diners, JCB), as documentation and sandboxes print them.
const TEST_CARDS: ReadonlySet<string> = new Set(
  `4111111111111111 4242424242424242 4012888888881881 4000056655665556 4000000000000002 4222222222222
  5555555555554444 5105105105105100 5200828282828210 2223003122003222 378282246310005 371449635398431
  378734493671000 6011111111111117 6011000990139424 3056930009020004 36227206271667 3566002020360505
  3530111333300000`.split(/\s+/),
);
const TEST_PREFIXES: ReadonlySet<number> = new Set([...TEST_CARDS].map((d) => Number(d.slice(0, 4))));
// A word of its own: not inside an e-mail address or a domain ("jo@example.com", "test.bank.co.uk").
const TEST_WORDS =
  /(?<![A-Za-z@.])(?:test|testing|sandbox|dummy|sample|example|fake|uat|staging)(?![A-Za-z@]|\.[A-Za-z])/i;

/**
 * A published test card number in text[start, end) with a test word near it ("Test card numbers for the
 * sandbox: 4111 1111 1111 1111"): no one's card. The same number with no such word is still a card.
 */
export function testCardInContext(text: string, start: number, end: number): boolean {
  if (!TEST_PREFIXES.has(leadingDigits(text, start, end, 4))) return false;
  let digits = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
  }
  return TEST_CARDS.has(digits) && TEST_WORDS.test(text.slice(Math.max(0, start - 120), end + 60));
}
