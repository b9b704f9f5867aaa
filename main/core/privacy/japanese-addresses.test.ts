import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Japanese addresses in Latin letters. Invented addresses. */
function addresses(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'ADDRESS')
    .map((s) => text.slice(s.start, s.end));
}

describe('Japanese addresses in Latin letters', () => {
  it('reads block numbers, area, ward or city, postcode and country as one address', () => {
    expect(addresses('Please post it to 3-14-2 Kitazawa, Setagaya-ku, Tokyo 155-0031, Japan.')).toEqual([
      '3-14-2 Kitazawa, Setagaya-ku, Tokyo 155-0031, Japan',
    ]);
    expect(addresses('Home: 5-7 Honmachi, Aoba-ku, Sendai 980-0014')).toEqual([
      '5-7 Honmachi, Aoba-ku, Sendai 980-0014',
    ]);
  });

  it('reads an address after dates and sort codes of the same shape, and one after another', () => {
    expect(
      addresses('Seen 12-03-2024, sort 20-45-77. Post to 2-8-1 Nishiki, Naka-ku, Nagoya 460-0003'),
    ).toEqual(['2-8-1 Nishiki, Naka-ku, Nagoya 460-0003']);
    expect(addresses('Old: 4-2 Sakae, Kita-ku. New: 1-9-6 Tenjin, Chuo-ku, Fukuoka 810-0001')).toEqual([
      '4-2 Sakae, Kita-ku',
      '1-9-6 Tenjin, Chuo-ku, Fukuoka 810-0001',
    ]);
  });

  it('needs the numbers before the ward: a ward named alone, or a score, is no address', () => {
    expect(addresses('Kita-ku office; they lost 3-1 later')).toEqual([]);
    expect(addresses('We stayed in Setagaya-ku for a week')).toEqual([]);
    expect(addresses('they lost 3-1 in Aoba-ku')).toEqual([]);
  });
});
