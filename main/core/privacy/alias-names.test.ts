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
