/**
 * Capitalised runs in a name's place that name no private person: public figures, roles and
 * specialties, services, brands, units and the heads of organisation or place names.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('names that are no private person', () => {
  it('leaves public figures quoted by full name alone', () => {
    expect(persons('The fake advert used photos of Elon Musk and Martin Lewis to sell crypto.')).toEqual([]);
    expect(persons('Her grandson played a Frank Sinatra record for her on Sunday.')).toEqual([]);
  });

  it('still reads a customer who shares one word of a famous name', () => {
    expect(persons('Dear Mr Musk, your card ending 1234 has been sent.')).toEqual(['Musk']);
  });

  it('leaves a specialty or service after a name cue alone', () => {
    expect(persons('To: Dr P. Okafor, Consultant Dermatologist, Northfield Hospital')).toEqual(['P. Okafor']);
    expect(persons('Please refer her to Citizens Advice or the Pension Ombudsman.')).toEqual([]);
    expect(persons('Bought a sofa on Facebook Marketplace from a seller in Leeds.')).toEqual([]);
  });

  it('leaves the head of an organisation or place name alone', () => {
    expect(persons('Referral to Riverside Mental Health Team for assessment.')).toEqual([]);
    expect(persons('Meet me outside Paddington Station at noon.')).toEqual([]);
  });

  it('trims a role a name runs into, and keeps the name', () => {
    expect(persons('Signed: Oluwaseun Adebayo Manager')).toEqual(['Oluwaseun Adebayo']);
  });
});

describe('a spoken answer run on into a cue’s name', () => {
  it('drops the filler words said around the name', () => {
    expect(persons('agent and your name caller that is tomasz it’s tomasz')).not.toContain('tomasz it’s');
    expect(persons('caller my surname is okonkwo that’s it')).toEqual(['okonkwo']);
  });
});

describe('names with letters outside ASCII', () => {
  it('keeps an accented name whole and still vetoes a listed word beside accented ones', () => {
    expect(persons('Dear Mr Zoltán Kovács, your statement is ready.')).toEqual(['Zoltán Kovács']);
    expect(persons('She bought the bike from Søren Facebook Marketplace, she said.')).toEqual([]);
  });

  it('looks at a word only when a character of it lower-cases to ASCII (the Kelvin sign, dotted I)', () => {
    // mayVeto lets other non-ASCII words through by key: none of them can lower-case to a listed word.
    const toAscii: number[] = [];
    for (let c = 128; c < 0x10000; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      if ([...lower].some((ch) => ch.charCodeAt(0) < 128)) toAscii.push(c);
    }
    expect(toAscii).toEqual([0x130, 0x212a]);
    // "\u212Aorean" lower-cases to "korean", a listed word: the run holding it is no name.
    expect(persons('Referred by Dr Ana \u212Aorean Ombudsman today.').join(' ')).not.toContain('\u212A');
  });
});

describe('firms named after their founders and places shaped like names', () => {
  it('leaves them alone', () => {
    expect(persons('She moved her pension from Charles Schwab to Merrill Lynch last year.')).toEqual([]);
    expect(persons('Meet me by Piccadilly Circus, then we walk to Primrose Hill.')).toEqual([]);
    expect(persons('Branch transfer from Milton Keynes to Tunbridge Wells')).toEqual([]);
  });

  it('still reads a customer who shares one word with one', () => {
    expect(persons('Customer Charles Whitbread called about Merrill Lynch.')).toEqual(['Charles Whitbread']);
  });
});

describe('brands and firms named after people', () => {
  it('leaves founders’ brands and airlines alone, in a list of brands or a merchant field', () => {
    expect(persons('Offer covers Ted Baker, Fred Perry and Johnnie Walker gift sets.')).toEqual([]);
    expect(persons('Merchant: British Airways. Disputed by Harriet Quayle.')).toEqual(['Harriet Quayle']);
  });

  it('leaves a name joined by an ampersand to a possessive alone, whichever reader found it', () => {
    expect(persons('Stockists: Fred Perry, Sam & Ella’s Bakery, Hobbs.')).toEqual([]);
    // Two people joined by "&" are still read.
    expect(persons('Joint account for Priya Shah & Tomas Reyes.')).toEqual(['Priya Shah', 'Tomas Reyes']);
  });

  it('leaves the owner’s name in a trading name with a company suffix alone', () => {
    expect(persons('Trading as Ostrowski Plumbing Ltd; director Jan Ostrowski.')).toEqual(['Jan Ostrowski']);
  });
});
