import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import type { DetectOptions } from './types';

/** Address lines anchored by their postcode, and the locality between. Invented addresses. */
function found(text: string, options: DetectOptions = {}): Array<[string, string]> {
  return detectPii(text, options).map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('a numbered line closed by a postcode after an address cue with no colon', () => {
  it('reads the street whatever its type word', () => {
    expect(found('Address 14 Cotton Range, Darwen BB3 1QT.')).toEqual([
      ['ADDRESS', '14 Cotton Range, Darwen'],
      ['POSTCODE', 'BB3 1QT'],
    ]);
    expect(found('she now lives at 61 Orchard Lanes, Luton LU2 8RW with her son')).toEqual([
      ['ADDRESS', '61 Orchard Lanes, Luton'],
      ['POSTCODE', 'LU2 8RW'],
    ]);
  });

  it('joins it with its postcode when one address span is asked for', () => {
    expect(found('Address 14 Cotton Range, Darwen BB3 1QT.', { postcodeInAddress: true })).toEqual([
      ['ADDRESS', '14 Cotton Range, Darwen BB3 1QT'],
    ]);
  });

  it('reads nothing without a house number or across a sentence', () => {
    expect(found('Address 40 units short. BB3 1QT is the depot', { types: ['ADDRESS'] })).toEqual([]);
    expect(found('moved to 3 new branches, see LU2 8RW', { types: ['ADDRESS'] })).toEqual([]);
  });
});

describe('a district read as a name between a street and its postcode', () => {
  it('is the locality, no person', () => {
    expect(found('Address: 9 Tanner Street, Kirkby Stephen, Cumbria CA17 4QT')).toEqual([
      ['ADDRESS', '9 Tanner Street'],
      ['POSTCODE', 'CA17 4QT'],
    ]);
    expect(
      found('Address: 9 Tanner Street, Kirkby Stephen, Cumbria CA17 4QT', { postcodeInAddress: true }),
    ).toEqual([['ADDRESS', '9 Tanner Street, Kirkby Stephen, Cumbria CA17 4QT']]);
  });
});

describe("an address's last word", () => {
  it("keeps an abbreviation's point, not a sentence's", () => {
    expect(found('I live at 12 Quarry Lane. Thanks', { types: ['ADDRESS'] })).toEqual([
      ['ADDRESS', '12 Quarry Lane'],
    ]);
    expect(found('ship to 40 Elm St. Salem', { types: ['ADDRESS'] })).toEqual([['ADDRESS', '40 Elm St.']]);
  });

  it('takes no time for a house number', () => {
    expect(found('Room 3, 09:15-10:45, Quarry Wharf. Bring ID', { types: ['ADDRESS'] })).toEqual([]);
  });
});

describe('an answer in quoted dialogue', () => {
  it('is read after the question that closes its quote', () => {
    expect(found('"And your date of birth?" "Ninth of June 1990."', { types: ['DATE_OF_BIRTH'] })).toEqual([
      ['DATE_OF_BIRTH', 'Ninth of June 1990'],
    ]);
  });
});
