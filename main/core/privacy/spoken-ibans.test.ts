import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Invented IBANs that pass mod-97, read out; and near misses. */
function ibans(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'IBAN')
    .map((s) => text.slice(s.start, s.end));
}

describe('an IBAN read out after its name', () => {
  it('reads spelled letters and digit words as one IBAN when its check holds', () => {
    expect(
      ibans(
        'er the IBAN is G B three three B U K B two oh two oh one five five five five five five five five five',
      ),
    ).toEqual(['G B three three B U K B two oh two oh one five five five five five five five five five']);
    expect(ibans('my iban: n l nine one a b n a oh four one seven one six four three oh oh')).toEqual([
      'n l nine one a b n a oh four one seven one six four three oh oh',
    ]);
  });

  it('needs the country length and mod-97, and the cue as a word of its own', () => {
    expect(
      ibans(
        'the IBAN is G B three three B U K B two oh two oh one five five five five five five five five six',
      ),
    ).toEqual([]);
    expect(ibans('the IBAN is G B one two three')).toEqual([]);
    expect(ibans('Mr Sibanda g b three three')).toEqual([]);
  });
});
