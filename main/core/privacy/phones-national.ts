/**
 * National-format phone numbers from other countries ("0176 22340975", "06 41 46 95 81",
 * "620 93 26 99"): libphonenumber-js's metadata knows every plan, so it proposes the candidate rather
 * than only confirming it. Without a phone cue a number must be valid in one of the regions a UK or US
 * desk meets AND be written exactly in that region's national grouping, so a record number or a
 * reference that happens to be valid somewhere is not taken; with a cue, validity in a region is enough.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const REGIONS: readonly CountryCode[] = ['GB', 'US', 'IE', 'DE', 'FR', 'ES', 'IT', 'NL', 'PL', 'PT', 'AU', 'IN', 'PK', 'NG'];

const grouping = (s: string): string => s.replace(/[().\s-]+/g, ' ').trim();

export function nationalPhone(written: string, cued: boolean): boolean {
  const digits = written.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 12) return false;
  const shape = grouping(written);
  for (const region of REGIONS) {
    const p = parsePhoneNumberFromString(digits, region);
    if (!p?.isValid() || p.country !== region) continue;
    if (cued || grouping(p.formatNational()) === shape) return true;
  }
  return false;
}
