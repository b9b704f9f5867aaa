import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import { Scan } from './scan';
import { mayBeSpaced } from './spaced';

/** Boxed form fields read one character a box, as scans print them. Invented values. */
function found(text: string): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => s.type !== 'PERSON')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('letter-spaced form fields', () => {
  it('reads a boxed value after its cue, OCR letters included', () => {
    expect(found('Date of birth  1 7 O 3 1 9 8 8\nSex  F')).toEqual([['DATE_OF_BIRTH', '1 7 O 3 1 9 8 8']]);
    expect(found('SSN:  6 1 4 - 2 2 - 8 0 7 3')).toEqual([['US_SSN', '6 1 4 - 2 2 - 8 0 7 3']]);
  });

  it('reads a boxed cue as well as a boxed value', () => {
    expect(found('P A S S P O R T   N o :  7 2 0 4 4 1 9 5 3')).toEqual([['PASSPORT', '7 2 0 4 4 1 9 5 3']]);
  });

  it('finds nothing in boxes with no cue, or in spaced words', () => {
    expect(found('Ref  7 2 0 4 4 1 9 5 3 on the form')).toEqual([]);
    expect(found('T H A N K   Y O U for coming in')).toEqual([]);
  });

  it('lets plain prose past the gate', () => {
    const gate = (t: string) => mayBeSpaced(new Scan(t, false, false));
    expect(gate('I am a customer, and I have a card: 1 2 3.')).toBe(false);
    expect(gate('Box: 1 2 3 4 5 6 7')).toBe(true);
    expect(gate('SSN 5 8 2 - 3 1 - 9 O 4 4')).toBe(true);
  });
});
