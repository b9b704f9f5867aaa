/**
 * National-format phone numbers from other countries ("0176 22340975", "06 41 46 95 81",
 * "620 93 26 99"): libphonenumber-js's metadata knows every plan, so it proposes the candidate rather
 * than only confirming it. A number must be valid in one of the regions a UK or US desk meets AND be
 * written exactly in that region's national grouping (after a phone cue, any grouping counts), so a record number or a reference that happens to be valid somewhere is not taken.
 * The plans' possible lengths, read once, turn most candidates away before any parse (~10 µs each).
 */
import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const REGIONS: readonly CountryCode[] = [
  'GB',
  'US',
  'IE',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'PL',
  'PT',
  'AU',
  'IN',
  'PK',
  'NG',
];

/** Regions whose national numbers are dialled with a leading 0 (their trunk prefix). */
const TRUNK_ZERO: ReadonlySet<CountryCode> = new Set(['GB', 'IE', 'DE', 'FR', 'NL', 'AU', 'IN', 'PK', 'NG']);

interface RegionPlan {
  region: CountryCode;
  /** Bit n: a national significant number of n digits is possible. */
  lengths: number;
  prefix: RegExp | null;
}

/** The slice of libphonenumber-js's (untyped) Metadata class read here. */
interface PlanMetadata {
  selectNumberingPlan(country: string): void;
  numberingPlan: { possibleLengths(): number[] | undefined; nationalPrefixForParsing(): string | undefined };
}

const PLANS: readonly RegionPlan[] = (() => {
  const md = new Metadata() as unknown as PlanMetadata;
  return REGIONS.map((region) => {
    md.selectNumberingPlan(region);
    let lengths = 0;
    for (const l of md.numberingPlan.possibleLengths() ?? []) if (l < 31) lengths |= 1 << l;
    const pfp = md.numberingPlan.nationalPrefixForParsing();
    return { region, lengths, prefix: pfp ? new RegExp(`^(?:${pfp})`) : null };
  });
})();

const grouping = (s: string): string => s.replace(/[().\s-]+/g, ' ').trim();

/** A length the region's plan allows, with or without its national prefix. */
function lengthFits(plan: RegionPlan, digits: string): boolean {
  if ((plan.lengths >>> digits.length) & 1) return true;
  const m = plan.prefix?.exec(digits);
  return m !== null && m !== undefined && ((plan.lengths >>> (digits.length - m[0].length)) & 1) === 1;
}

const cache = new Map<string, boolean>();

export function nationalPhone(written: string, cued: boolean): boolean {
  const digits = written.replace(/\D/g, '');
  // The regions' national numbers have 9 to 12 digits (with the trunk 0): dates and short codes never reach the parser.
  if (digits.length < 9 || digits.length > 12) return false;
  const key = (cued ? '1' : '0') + written;
  let answer = cache.get(key);
  if (answer === undefined) {
    answer = check(written, digits, cued);
    // Bounded: a long text full of numbers must not grow it without end.
    if (cache.size > 512) cache.clear();
    cache.set(key, answer);
  }
  return answer;
}

function check(written: string, digits: string, cued: boolean): boolean {
  const shape = grouping(written);
  const trunk = digits.charCodeAt(0) === 48;
  for (const plan of PLANS) {
    // A national number opens with the trunk prefix 0 where the plan dials one, and never with 0 where
    // it does not (Italy's fixed lines keep their 0 and are tried either way).
    if (TRUNK_ZERO.has(plan.region) !== trunk && plan.region !== 'IT') continue;
    if (!lengthFits(plan, digits)) continue;
    const p = parsePhoneNumberFromString(digits, plan.region);
    if (!p?.isValid() || p.country !== plan.region) continue;
    // Written as the region writes it, or after a cue in any grouping: people group a number they
    // read off a card or type from memory as they say it ("030 9018 2000" for Berlin's "030 90182000").
    if (cued || grouping(p.formatNational()) === shape) return true;
  }
  return false;
}
