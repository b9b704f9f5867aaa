import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

const dobs = (text: string): string[] =>
  detectPii(text)
    .filter((s) => s.type === 'DATE_OF_BIRTH')
    .map((s) => text.slice(s.start, s.end));

describe('a birth date corrected in the same breath', () => {
  it('reads the corrected date as a birth date too', () => {
    expect(dobs('the letter has my DOB as 2 March 1901 instead of 23 August 1979, please fix')).toEqual([
      '2 March 1901',
      '23 August 1979',
    ]);
    expect(dobs('Date of birth on file 07/08/1966 but should be 08/07/1966.')).toEqual([
      '07/08/1966',
      '08/07/1966',
    ]);
  });
  it('leaves the wrong date named after "not", and a date joined by "and"', () => {
    expect(dobs('DOB should be 14/02/1990 not 02/14/1990 as typed')).toEqual(['14/02/1990']);
    expect(dobs('DOB 14/02/1990 and 03/09/2024 review')).toEqual(['14/02/1990']);
  });
});
