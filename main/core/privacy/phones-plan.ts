/**
 * Numbering-plan verdicts for a phone candidate's digits. The digits sit in one shared buffer (filled
 * by phones.ts straight from the text), so a candidate and its shortened forms are judged without a
 * digit string per try; a string is built only for the rare international number that needs the
 * libphonenumber-js plan table or a full parse.
 */
import {
  getCountries,
  getCountryCallingCode,
  Metadata,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';

/** How a candidate scores: not a number, a possible one, or one the numbering plan allows. */
export const NOT_PHONE = 0;
export const POSSIBLE = 1;
export const VALID = 2;
export type Verdict = typeof NOT_PHONE | typeof POSSIBLE | typeof VALID;

/** A candidate's digit values, in order; 128 covers the longest PHONE_RE match (under 80 chars). */
export const DIGITS = new Uint8Array(128);

/**
 * The verdict for the first `n` digits of DIGITS; `plus` and `zeroZero` say whether the candidate
 * text opens with "+" or "00" (an international prefix).
 */
export function verdictOf(n: number, plus: boolean, zeroZero: boolean): Verdict {
  if (n < 7 || n > 15) return NOT_PHONE;
  const d = DIGITS;
  if (plus || zeroZero) {
    const off = plus ? 0 : 2;
    if (d[off] === 4 && d[off + 1] === 4) {
      // "+44 (0)20 ..." writes the trunk 0 in brackets; drop it for the plan check.
      const o = d[off + 2] === 0 && off + 2 < n ? off + 3 : off + 2;
      return ukVerdict(o, n);
    }
    if (d[off] === 1) return nanpVerdict(off + 1, n);
    return internationalVerdict(off, n);
  }
  if (d[0] === 0) return ukVerdict(1, n);
  if (n === 11 && d[0] === 1) return nanpVerdict(1, n);
  if (n === 10) return nanpVerdict(0, n);
  return NOT_PHONE;
}

/**
 * UK and North American numbers are the bulk of what desks see; checking them against the Ofcom and
 * NANPA numbering plans directly is ~50x cheaper than a full libphonenumber parse. The national
 * significant number is DIGITS[o..n).
 */
function ukVerdict(o: number, n: number): Verdict {
  const d = DIGITS;
  const len = n - o;
  const a = d[o];
  const b = d[o + 1];
  const possible = len === 10 || (len === 9 && (a === 1 || (a === 8 && b === 0 && d[o + 2] === 0)));
  if (!possible) return NOT_PHONE;
  let valid = false;
  if (a === 1 || a === 9) valid = true;
  else if (a === 2) valid = b === 0 || b === 3 || b === 4 || b === 8 || b === 9;
  else if (a === 3) valid = b === 0 || b === 3 || b === 4 || b === 7;
  // Ofcom reserves 07700 900000-999 for drama: never allocated, but a customer who quotes one (a test
  // account, a form filled in with it) has still written a mobile number in clear, so it is redacted.
  else if (a === 7) valid = b !== 6 && b !== 0;
  else if (a === 8) valid = b === 0 || b === 4 || b === 7;
  return valid ? VALID : POSSIBLE;
}

function nanpVerdict(o: number, n: number): Verdict {
  if (n - o !== 10) return NOT_PHONE;
  const d = DIGITS;
  const npaOk = d[o]! > 1 && !(d[o + 1] === 1 && d[o + 2] === 1);
  const nxxOk = d[o + 3]! > 1 && !(d[o + 4] === 1 && d[o + 5] === 1);
  return npaOk && nxxOk ? VALID : POSSIBLE;
}

/**
 * libphonenumber-js checks the calling code and the national number's possible lengths; with an
 * explicit "+" that is strong enough, and skipping isValid() halves the cost.
 */
function internationalVerdict(off: number, n: number): Verdict {
  const fast = possibleByPlanAt(off, n);
  if (fast !== null) return fast ? VALID : NOT_PHONE;
  return parsePhoneNumberFromString(`+${digitString(off, n)}`)?.isPossible() === true ? VALID : NOT_PHONE;
}

function digitString(from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += String.fromCharCode(48 + DIGITS[i]!);
  return out;
}

/** The slice of libphonenumber-js's (untyped) Metadata class that the plan table reads. */
interface PlanMetadata {
  hasCallingCode(cc: string): boolean;
  getCountryCodesForCallingCode(cc: string): string[] | undefined;
  selectNumberingPlan(country: string): void;
  numberingPlan: { possibleLengths(): number[] | undefined; nationalPrefixForParsing(): string | undefined };
}
interface Plan {
  /** Bit n set: a national number of n digits is possible. */
  lengths: number;
  /** The national prefix (or carrier code) pattern libphonenumber-js would try to strip. */
  prefix: RegExp | null;
}

/**
 * libphonenumber-js's own numbering plans, read once, for the calling codes that belong to a single
 * country. For "+CC" and a national number that does not open with the plan's national prefix,
 * parsePhoneNumberFromString(...).isPossible() is exactly "the plan lists this length"; answering that
 * from a table skips a parse that costs ~10 µs (and throws internally for bad input). Anything else
 * (shared codes, a leading national prefix, lengths outside 2-17) still goes to the library, and
 * phones.test.ts checks the table against the library on random numbers.
 */
const CALLING_CODES = new Set<string>();
const PLANS = new Map<string, Plan>();
{
  const md = new Metadata() as unknown as PlanMetadata;
  for (const country of getCountries()) CALLING_CODES.add(getCountryCallingCode(country));
  for (let n = 1; n < 1000; n++) if (md.hasCallingCode(String(n))) CALLING_CODES.add(String(n));
  for (const cc of CALLING_CODES) {
    const countries = md.getCountryCodesForCallingCode(cc);
    if (countries?.length !== 1) continue;
    md.selectNumberingPlan(countries[0]!);
    const lengths = md.numberingPlan.possibleLengths();
    if (!lengths || lengths.length === 0) continue;
    let bits = 0;
    for (const l of lengths) if (l < 31) bits |= 1 << l;
    const pfp = md.numberingPlan.nationalPrefixForParsing();
    PLANS.set(cc, { lengths: bits, prefix: pfp ? new RegExp(`^(?:${pfp})`) : null });
  }
}

/**
 * The plans by calling code as a number (codes never start with 0): undefined where the number is no
 * calling code, null where the library must decide (a code shared by several countries, or one without
 * length data). Lookups then need no digit strings.
 */
const PLAN_BY_CODE: Array<Plan | null | undefined> = new Array<Plan | null | undefined>(1000);
for (const cc of CALLING_CODES) PLAN_BY_CODE[Number(cc)] = PLANS.get(cc) ?? null;

/**
 * isPossible() for "+" and these digits from the plan table (false where the library would not parse
 * a number at all), or null when the library must decide.
 */
export function possibleByPlan(intl: string): boolean | null {
  if (intl.length === 0 || intl.length > DIGITS.length) return null;
  for (let i = 0; i < intl.length; i++) DIGITS[i] = intl.charCodeAt(i) - 48;
  return possibleByPlanAt(0, intl.length);
}

/** possibleByPlan() for the digits DIGITS[off, n). */
function possibleByPlanAt(off: number, n: number): boolean | null {
  // No calling code starts with 0, and without a known code the library parses nothing; such
  // candidates ("00 123 ...") are common and the failed parse costs ~20 µs (it throws internally).
  if (DIGITS[off] === 0) return false;
  let cc = 0;
  for (let i = 1; i <= 3 && off + i <= n; i++) {
    cc = cc * 10 + DIGITS[off + i - 1]!;
    const plan = PLAN_BY_CODE[cc];
    if (plan === undefined) continue;
    const nsnLength = n - off - i;
    if (plan === null || nsnLength < 2 || nsnLength > 17) return null;
    if (plan.prefix !== null && plan.prefix.test(digitString(off + i, n))) return null;
    return (plan.lengths & (1 << nsnLength)) !== 0;
  }
  return n - off >= 3 ? false : null;
}
