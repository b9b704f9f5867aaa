/**
 * Japanese addresses written in Latin letters, as foreign customers give them: the block, lot and house
 * numbers joined by hyphens ("2-11-3"), an area, a ward, city or town with its suffix (Meguro-ku,
 * Sakai-shi), the prefecture or city, then the seven-digit postcode (153-0063) and the country
 * ("2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan"). The suffixed ward or city is what no street
 * reader knows; the numbers before it are what make it an address rather than a place.
 */
import { isAsciiAlnum } from './chars';
import type { Scan } from './scan';

const NAME = String.raw`[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)?`;
// Read where a block number starts (sticky): "2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan".
const JAPANESE_ADDRESS = new RegExp(
  String.raw`(?:\d{1,2}-chome,? )?\d{1,4}-\d{1,4}(?:-\d{1,4})?,? (?:${NAME},? ){0,2}` +
    String.raw`[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura)\b(?:,? ${NAME}(?:-(?:shi|ken|fu|to))?)?` +
    String.raw`(?:,? (?:〒 ?)?\d{3}-\d{4}(?!\d))?(?:,? Japan\b)?`,
  'y',
);

const SCORE = 0.8;

/**
 * Japanese addresses in Latin letters, read only at a digit run joined to the next by a hyphen that
 * opens a word (from the text pass's runs: no scan of the text for the suffixes).
 */
export function japaneseAddresses(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  const { count, starts, ends } = s.runs;
  let from = 0;
  for (let k = 0; k + 1 < count; k++) {
    const a = starts[k]!;
    if (a < from || u[ends[k]!] !== 45 || starts[k + 1] !== ends[k]! + 1) continue;
    if (a > 0 && (isAsciiAlnum(u[a - 1]!) || u[a - 1] === 45)) continue;
    JAPANESE_ADDRESS.lastIndex = a;
    if (!JAPANESE_ADDRESS.test(text)) continue;
    from = JAPANESE_ADDRESS.lastIndex;
    s.add(a, from, 'ADDRESS', SCORE);
  }
}
