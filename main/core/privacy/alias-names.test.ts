import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAY_CUE } from './alias-names';
import { detectPii } from './detect';

const names = (text: string): string[] =>
  detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));

describe('the name a person goes by', () => {
  it('reads the short or pet name after an alias cue', () => {
    expect(names('Oluwaseun Adebayo-Clarke (goes by Seunie) rang about the loan.')).toContain('Seunie');
    expect(names('Thandiwe Mokoena, known as Thandi at home, is the account holder.')).toContain('Thandi');
    expect(names('Rajalakshmi Venugopal (prefers "Raji") collected her card.')).toContain('Raji');
    expect(names('Nickname: Pipsqueak')).toEqual(['Pipsqueak']);
  });

  it('leaves a language, a channel or a house named after the cue alone', () => {
    expect(names('The caller prefers Welsh and prefers Email for letters.')).toEqual([]);
    expect(names('The property is known as Ivy Cottage.')).toEqual([]);
    expect(names('She is known as the best baker in town.')).toEqual([]);
  });
});

describe('a name the person went or goes by', () => {
  it('reads a maiden name after née or nee', () => {
    expect(names('Mrs Oksana Byrne, née Hakobyan, asked for a new card.')).toContain('Hakobyan');
    expect(names('Account holder Delyth Pugh (nee Tregenza).')).toContain('Tregenza');
  });

  it('reads a pet name given after nickname is, or after calls her/him/me', () => {
    expect(names('Customer Wiroj Sukprasert says his nickname is Pong.')).toContain('Pong');
    expect(names('Her grandad calls her Bubba at home.')).toEqual(['Bubba']);
  });

  it('reads a quoted word in brackets right after a name', () => {
    expect(names("Patient Anastasios Petrakis ('Tasos') was seen.")).toEqual([
      'Anastasios Petrakis',
      'Tasos',
    ]);
    expect(names('Mr Tobias Erikssen ("Tobi") rang.')).toContain('Tobi');
  });

  it('leaves a bracketed quote after no name, and a day or a relative after call', () => {
    expect(names('The plan ("Premium") is closed.')).toEqual([]);
    expect(names('Please call her Monday. I call him Dad.')).toEqual([]);
  });
});

describe('the alias cue prefilter', () => {
  // The plain alternation it stands for: any text one matches, the other must.
  const SPEC = /known as|goes by|prefers ["“‘']|\baka\b|a\.k\.a\.|nickname/i;
  const pieces = [
    'k',
    'K',
    'a',
    'A',
    '.',
    ' ',
    'nick',
    'NICK',
    'name',
    'nown as',
    'goes by',
    'Prefers ',
    '"',
    '‘',
    'x',
    '_',
    '1',
    'ak',
    'a.k',
    '.a.',
    'é',
  ];

  it('finds a cue exactly where the plain alternation does', () => {
    for (const text of [
      'Lwazi, aka Zee',
      'AKA',
      'baka',
      'akan',
      'A.K.A. Bibi',
      'NICKNAME',
      'nick name',
      'Known As',
      'knownas',
      'prefers "Jo"',
      'prefers Jo',
      'goes  by',
      'k.a.',
      '_aka',
    ]) {
      expect(MAY_CUE.test(text)).toBe(SPEC.test(text));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(MAY_CUE.test(text)).toBe(SPEC.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});
