/**
 * Phone numbers: a bounded pattern finds candidates at digit-run starts (and at '+' or '('), the UK
 * and North American numbering plans are checked directly, and anything else with an international
 * prefix goes through libphonenumber-js.
 */
import {
  getCountries,
  getCountryCallingCode,
  Metadata,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import type { ContextKind } from './context';
import { digitsOf, type Scan } from './scan';

// A '+' or '(' may open a phone number; digits with single separators follow. Bounded throughout.
const PHONE_RE =
  /(?<![\w+\-/.])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\(?\d\)?){5,15}(?![\w])/y;
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
const VALID: PhoneVerdict = { valid: true, possible: true };
const NOT_POSSIBLE: PhoneVerdict = { valid: false, possible: false };

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

/** isPossible() for "+" and these digits from the plan table, or null when the library must decide. */
export function possibleByPlan(intl: string): boolean | null {
  if (intl.charCodeAt(0) === 48) return null;
  for (let i = 1; i <= 3 && i <= intl.length; i++) {
    const cc = intl.slice(0, i);
    if (!CALLING_CODES.has(cc)) continue;
    const plan = PLANS.get(cc);
    const nsnLength = intl.length - i;
    if (plan === undefined || nsnLength < 2 || nsnLength > 17) return null;
    if (plan.prefix !== null && plan.prefix.test(intl.slice(i))) return null;
    return (plan.lengths & (1 << nsnLength)) !== 0;
  }
  return null;
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
    const fast = possibleByPlan(intl);
    if (fast !== null) return fast ? VALID : NOT_POSSIBLE;
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

/** 1 for ' ', '.', '-', '(' and ')': what may sit between two digits of one phone number. */
function isPhoneGap(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 40 || c === 41;
}

/**
 * Digits reachable from each run through gaps of at most three phone separators: a number needs six
 * digits within such a chain, so runs with fewer are skipped without a regex call.
 */
function looseChains(text: string, count: number, starts: number[], ends: number[]): number[] {
  const loose: number[] = new Array<number>(count);
  for (let k = count - 1; k >= 0; k--) {
    const end = ends[k]!;
    let digits = end - starts[k]!;
    if (k + 1 < count && starts[k + 1]! - end <= 3) {
      let ok = true;
      for (let i = end; i < starts[k + 1]!; i++) if (!isPhoneGap(text.charCodeAt(i))) ok = false;
      if (ok) digits += loose[k + 1]!;
    }
    loose[k] = digits;
  }
  return loose;
}

export function phones(s: Scan): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  const loose = looseChains(text, count, starts, ends);
  // Candidates in text order: digit-run starts, and every '+' or '(' (they may open a number).
  let plus = text.indexOf('+');
  let paren = text.indexOf('(');
  let k = 0;
  let from = 0;
  for (;;) {
    let at: number;
    if (plus !== -1 && (paren === -1 || plus < paren) && (k >= count || plus < starts[k]!)) {
      at = plus;
      plus = text.indexOf('+', plus + 1);
    } else if (paren !== -1 && (k >= count || paren < starts[k]!)) {
      at = paren;
      paren = text.indexOf('(', paren + 1);
    } else if (k < count) {
      at = starts[k]!;
      if (loose[k++]! < 6) continue;
    } else break;
    if (at < from) continue;
    PHONE_RE.lastIndex = at;
    const m = PHONE_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
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
    // A shortened number leaves the swallowed groups free for the next candidate.
    if (end < from) from = end;
  }
}
