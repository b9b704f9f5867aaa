import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function births(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'DATE_OF_BIRTH')
    .map((s) => text.slice(s.start, s.end));
}

describe('dates of birth as said and typed', () => {
  it('reads ordinal months, clipped years, compact digits and dates in words after a birth cue', () => {
    expect(births('date of birth 3rd of the 7th 61.')).toEqual(['3rd of the 7th 61']);
    expect(births("born the 3rd July '61")).toEqual(["3rd July '61"]);
    expect(births('DOB 030761')).toEqual(['030761']);
    expect(births('DOB 19610703')).toEqual(['19610703']);
    expect(births('Date of birth: 03071961')).toEqual(['03071961']);
    expect(births('DOB third of July nineteen sixty one')).toEqual(['third of July nineteen sixty one']);
    expect(births('date of birth is the twelfth of march eighty four')).toEqual([
      'twelfth of march eighty four',
    ]);
    expect(births('dob July twenty first two thousand and three')).toEqual([
      'July twenty first two thousand and three',
    ]);
  });

  it('leaves birthdays without a year, invalid compact dates and other numbers alone', () => {
    for (const text of [
      'I was born on the 3rd of July',
      'born in the 3rd week of July',
      'DOB 123456',
      'DOB 99999999',
      'born 2 kids ago',
      'the patient was born at 32 weeks',
      'paid on the third of July nineteen sixty one',
    ])
      expect(births(text), text).toEqual([]);
  });
});
