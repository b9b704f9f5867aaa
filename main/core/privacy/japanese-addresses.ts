/**
 * Japanese addresses written in Latin letters, as foreign customers give them: the block, lot and house
 * numbers joined by hyphens ("2-11-3"), an area, a ward, city or town with its suffix (Meguro-ku,
 * Sakai-shi), the prefecture or city, then the seven-digit postcode (153-0063) and the country
 * ("2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan"). The suffixed ward or city is what no street
 * reader knows; the numbers before it are what make it an address rather than a place.
 */
import type { Scan } from './scan';

const NAME = String.raw`[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)?`;
const JAPANESE_ADDRESS = new RegExp(
  String.raw`(?<![\w-])(?:\d{1,2}-chome,? )?\d{1,4}-\d{1,4}(?:-\d{1,4})?,? (?:${NAME},? ){0,2}` +
    String.raw`[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura)\b(?:,? ${NAME}(?:-(?:shi|ken|fu|to))?)?` +
    String.raw`(?:,? (?:〒 ?)?\d{3}-\d{4}(?!\d))?(?:,? Japan\b)?`,
  'g',
);

const SCORE = 0.8;

/** Japanese addresses in Latin letters; only texts with a ward's or city's suffix are read. */
export function japaneseAddresses(s: Scan): void {
  const text = s.text;
  if (!/-(?:ku|shi|cho|machi|gun|mura)\b/.test(text)) return;
  JAPANESE_ADDRESS.lastIndex = 0;
  for (const m of text.matchAll(JAPANESE_ADDRESS)) s.add(m.index, m.index + m[0].length, 'ADDRESS', SCORE);
}
