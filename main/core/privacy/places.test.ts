import { describe, expect, it } from 'vitest';
import { addressEnd, STREET_TYPES } from './places';
import { codeUnits } from './code-units';
import { detectPii } from './detect';

// Street types a point may close: abbreviations (four letters at most, no vowel after the first, or
// one of the few that hold one). After a full word ("Lane.") the point ends the sentence.
const ABBREVIATED = STREET_TYPES.split('|').filter(
  (t) =>
    t.length <= 4 &&
    (['Ave', 'Av', 'Cres', 'Terr', 'Ter', 'Cir', 'Clo'].includes(t) || !/[aeiouy]/.test(t.slice(1))),
);

// The address language as one regex: the specification addressEnd implements by hand.
const ADDRESS_RE = new RegExp(
  String.raw`\d{1,5}[A-Za-z]?,? {1,2}(?:[NSEW]\.? )?(?:(?:[A-Z\u00C0-\u00DE\u0100-\u017F][A-Za-z\u00C0-\u024F'’.-]{0,20}(?<![A-Za-z\u00C0-\u024F]{4}\.)|\d{1,3}(?:st|nd|rd|th)) {1,2}){1,3}(?:${STREET_TYPES})\b(?:(?<=\b(?:${ABBREVIATED.join('|')}))\.)?(?: (?:N|S|E|W|NE|NW|SE|SW)\b)?`,
  'y',
);

const PIECES = [
  '12',
  '221B',
  '1600',
  '123456',
  '5th',
  '21st',
  '1234th',
  '3,',
  'N',
  'N.',
  'NE',
  'High',
  'Baker',
  "O'Neil",
  'Weeks.',
  'Mt.',
  'Old',
  'Mill',
  'Street',
  'St',
  'St.',
  'Streetview',
  'Road',
  'Lane',
  'Ave',
  'Park',
  'Park-Lane',
  'José',
  'Çay',
  'Ānanda',
  'Abcdefghijklmnopqrstuvw',
  'x',
  'NW',
  'SW',
  'Sq',
  'the',
  '.',
  ',',
  ' ',
];

describe('addressEnd', () => {
  it('matches exactly what the address regex matches', () => {
    let seed = 3;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let found = 0;
    for (let i = 0; i < 20000; i++) {
      let text = String(1 + rnd(999));
      if (rnd(3) === 0) text += 'AB'[rnd(2)];
      if (rnd(4) === 0) text += ',';
      for (let k = 0, n = 1 + rnd(6); k < n; k++)
        text += (rnd(6) === 0 ? '' : ' ') + PIECES[rnd(PIECES.length)];
      let runEnd = 0;
      while (runEnd < text.length && text.charCodeAt(runEnd) >= 48 && text.charCodeAt(runEnd) <= 57) runEnd++;
      ADDRESS_RE.lastIndex = 0;
      const m = ADDRESS_RE.exec(text);
      const end = addressEnd(text, codeUnits(text), 0, runEnd);
      expect(end, text).toBe(m ? m[0].length : -1);
      if (end > 0) found++;
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('a flat, apartment, unit or suite before the house number', () => {
  it('opens the address in any case, after a comma or two spaces', () => {
    const found = (text: string): string[] =>
      detectPii(text)
        .filter((x) => x.type === 'ADDRESS')
        .map((x) => text.slice(x.start, x.end));
    expect(found('Send it to FLAT 3, 12 High Street, Leeds')).toEqual(['FLAT 3, 12 High Street']);
    expect(found('deliver to apt 4  27 Elm Road please')).toEqual(['apt 4  27 Elm Road']);
    expect(found('Office: Suite 200, 1 Main Street, Boston')).toEqual(['Suite 200, 1 Main Street']);
    expect(found('Post to Unit 7 Carlton Court 41 Park Lane')).toEqual(['Unit 7 Carlton Court 41 Park Lane']);
    expect(found('She lives at 12 High Street')).toEqual(['12 High Street']);
  });
});

describe('weak street types', () => {
  const at = (text: string): string | null => {
    const start = text.search(/\d/);
    let runEnd = start;
    while (/\d/.test(text[runEnd] ?? '')) runEnd++;
    const end = addressEnd(text, codeUnits(text), start, runEnd);
    return end < 0 ? null : text.slice(start, end);
  };

  it('end an address only when a town follows after a comma', () => {
    expect(at('New address: 653 Hermann Centers, Lakeside')).toBe('653 Hermann Centers');
    expect(at('moved to 145 Jast Loaf, Bednarwell WC8 9XD')).toBe('145 Jast Loaf');
    expect(at('I finished a 3 Day Course today')).toBeNull();
    expect(at('after 2 Weeks Rest, then')).toBeNull();
  });

  it('rows of houses, and addresses in capitals, end an address before a town', () => {
    expect(at('lives at 3 Wharf Cottages, Little Marlow')).toBe('3 Wharf Cottages');
    expect(at('c/o 12 Alma Villas, Stroud')).toBe('12 Alma Villas');
    expect(at('BENEFICIARY 17 CHURCH LANE, LEDBURY HR8 1DW')).toBe('17 CHURCH LANE');
    expect(at('2 OLD MILL COURT, CHIPPENHAM')).toBe('2 OLD MILL COURT');
    expect(at('we sold 3 Holiday Cottages last year')).toBeNull();
    expect(at('PAID 4 BIG BILLS LANE')).toBeNull();
    expect(at('SEE 2 GREEN PARK TODAY')).toBeNull();
  });

  it('reads Royal Mail abbreviations a form or a note shortens the type to', () => {
    expect(at('card reissued to 8 Quarry Cl, Frome')).toBe('8 Quarry Cl');
    expect(at('Addr: 31 Holm Gdns, Kendal')).toBe('31 Holm Gdns');
    expect(at('moved to 5 Sea View Tce, Whitby')).toBe('5 Sea View Tce');
    expect(at('2 Cl of water')).toBeNull();
  });

  it('reads words spaced out by a form or a scan', () => {
    expect(at('witness: 22  Hilltop  Ave ,  Croydon')).toBe('22  Hilltop  Ave');
    expect(at('To:  19  Victoria  Street\nBristol')).toBe('19  Victoria  Street');
  });
});

describe('a street whose type comes before its name', () => {
  const addresses = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'ADDRESS')
      .map((s) => text.slice(s.start, s.end));

  it('reads Welsh, French, Spanish and Italian types after the house number', () => {
    expect(addresses('moved to 7 Ffordd Glyder, Bangor')).toEqual(['7 Ffordd Glyder']);
    expect(addresses('envoyé au 38 rue de la Paix, Paris')).toEqual(['38 rue de la Paix']);
    expect(addresses('Flat 2, 15 Heol yr Eglwys, Pontypridd')).toEqual(['Flat 2, 15 Heol yr Eglwys']);
  });

  it('reads a street named before its house number', () => {
    expect(addresses('adres: ul. Polna 22/5, Kraków')).toEqual(['ul. Polna 22/5']);
    expect(addresses('lives at Via dei Mille 40, Napoli')).toEqual(['Via dei Mille 40']);
    expect(addresses('Anschrift Lindenstraße 17a, 10969 Berlin')).toEqual(['Lindenstraße 17a']);
    expect(addresses('her flat on Calle Serrano 9, Madrid')).toEqual(['Calle Serrano 9']);
    expect(addresses('Via Roma 15 Milano')).toEqual(['Via Roma 15']);
  });

  it('needs a capitalised name, a type word of its own, and the address to end after the number', () => {
    expect(addresses('sent 2 via Royal Mail, 3 via email')).toEqual([]);
    expect(addresses('see Jones et al. Smith 201 for the method')).toEqual([]);
    expect(addresses('the 4 rue stories and via 12 calls')).toEqual([]);
    expect(addresses('Midweg 12 is a game level')).toEqual([]);
  });
});
