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

  it('needs the numbers before the ward: a ward named alone, or a score, is no address', () => {
    expect(addresses('We stayed in Setagaya-ku for a week')).toEqual([]);
    expect(addresses('they lost 3-1 in Aoba-ku')).toEqual([]);
  });
});
