/**
 * A travel document's number glossed with the holder's nationality after it, as ID checks note it:
 * "ID: A07654321 (Nigerian)", "doc K12345678 (Chinese passport)". ICAO 9303 numbers are at most nine
 * characters; nearly every issuing state prints one or two letters then digits, or digits alone. The
 * nationality in brackets is the cue a keyword would have been: no reference or order number is glossed
 * with one.
 */
import { isAsciiAlnum, isAsciiLetter } from './chars';
import type { Scan } from './scan';

// Demonyms of the states whose passports UK banks and clinics most often see, lower case.
const NATIONALITIES: ReadonlySet<string> = new Set(
  `afghan albanian algerian american angolan argentine argentinian australian austrian bangladeshi
  belgian bolivian brazilian british bulgarian burmese cameroonian canadian chilean chinese colombian
  congolese croatian cuban cypriot czech danish dominican dutch ecuadorian egyptian eritrean estonian
  ethiopian filipino finnish french gambian german ghanaian greek guinean hungarian icelandic indian
  indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kenyan korean
  kosovan kurdish kuwaiti latvian lebanese libyan lithuanian malawian malaysian maltese mexican
  moldovan moroccan nepalese nepali nigerian norwegian omani pakistani palestinian peruvian polish
  portuguese qatari romanian russian rwandan saudi senegalese serbian slovak slovenian somali
  spanish sudanese swedish swiss syrian taiwanese tanzanian thai trinidadian tunisian turkish
  ugandan ukrainian emirati uzbek venezuelan vietnamese yemeni zambian zimbabwean`.split(/\s+/),
);

/** Adds PASSPORT for a document number followed by "(Nationality)" or "(Nationality passport)". */
export function glossedPassports(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  const { count, starts, ends } = s.runs;
  for (let k = 0; k < count; k++) {
    const end = ends[k]!;
    // The cheap test first: a bracket right after the digits, or after one space.
    const open = u[end] === 40 ? end : u[end] === 32 && u[end + 1] === 40 ? end + 1 : -1;
    if (open < 0) continue;
    let start = starts[k]!;
    const digits = end - start;
    let letters = 0;
    while (letters < 2 && start > 0 && isAsciiLetter(u[start - 1]!) && u[start - 1]! < 97) {
      start--;
      letters++;
    }
    if (start > 0 && isAsciiAlnum(u[start - 1]!)) continue;
    const length = end - start;
    if (length < 8 || length > 9 || digits < 6) continue;
    if (!nationalityGloss(text, u, open + 1) || referenceBefore(s, start)) continue;
    s.add(start, end, 'PASSPORT', 0.85);
  }
}

/**
 * An order, policy or reference keyword just before the number names it ("policy 12345678 (German)");
 * "ID" does not: it is what an ID check writes before the document it saw.
 */
function referenceBefore(s: Scan, start: number): boolean {
  for (const h of s.hits) {
    if (h.end > start) break;
    if (start - h.end <= 12 && h.kind === 'NOT_PII' && s.text.slice(h.start, h.end).toLowerCase() !== 'id')
      return true;
  }
  return false;
}

/** "Nigerian)" or "Nigerian passport)" at p (any case). */
function nationalityGloss(text: string, u: Uint16Array, p: number): boolean {
  let i = p;
  while (i < text.length && i - p < 14 && isAsciiLetter(u[i]!)) i++;
  if (i === p || !NATIONALITIES.has(text.slice(p, i).toLowerCase())) return false;
  if (u[i] === 41) return true;
  return u[i] === 32 && text.slice(i + 1, i + 10).toLowerCase() === 'passport)';
}
