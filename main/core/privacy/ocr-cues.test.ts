import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

function found(text: string): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => s.type !== 'PERSON')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('cue words OCR read with a digit for a letter', () => {
  it('reads the value after a cue whose o or l came out as 0 or 1', () => {
    expect(found('Passp0rt N0: 642019385')).toEqual([['PASSPORT', '642019385']]);
    expect(found('D.0.B :   21/07/1948')).toEqual([['DATE_OF_BIRTH', '21/07/1948']]);
    expect(found('Hospita1 N0 . 73-10-4466')).toEqual([['MEDICAL_RECORD_NUMBER', '73-10-4466']]);
  });

  it('adds nothing where no cue word changed, and never a value built from changed characters', () => {
    expect(found('r00m 101 0n fl00r 10, 642019385 units')).toEqual([]);
    expect(found('Passport N0te: see file')).toEqual([]);
  });
});

describe('identifiers laid out like dates', () => {
  it('keeps a record number whose pairs are no day and month', () => {
    expect(found('Medical Record No. 00-41-2290')).toEqual([['MEDICAL_RECORD_NUMBER', '00-41-2290']]);
    expect(found('Medical Record No. 12-03-2290')).toEqual([]);
  });
});

describe("a card's groups OCR read all as letters", () => {
  const cards = (t: string) =>
    detectPii(t)
      .filter((s) => s.type === 'CREDIT_CARD')
      .map((s) => t.slice(s.start, s.end));

  it('reads a group of four confusables after a group read as digits, the card still checked by Luhn', () => {
    expect(cards('Card No:\n4lll  llll  llll  llll\nExp O9/28')).toEqual(['4lll  llll  llll  llll']);
    expect(cards('Card no 4lll  llll  llll  lllO')).toEqual([]);
  });

  it('leaves words of those letters alone elsewhere', () => {
    expect(cards('Room 4O1 lOll was free, card on file')).toEqual([]);
  });
});

describe('a field where OCR confused both the cue and the value, or a bank value', () => {
  it('reads "D0B" as the cue it is, alone or with letters in the date', () => {
    expect(found('D0B: 27/08/1962')).toEqual([['DATE_OF_BIRTH', '27/08/1962']]);
    expect(found('D0B  19/O6/l958')).toEqual([['DATE_OF_BIRTH', '19/O6/l958']]);
    expect(found('commit d0b3f2 and 0xd0b9 on 27/08/1962')).toEqual([]);
  });

  it('reads an account number after its cue with letters for digits', () => {
    expect(found('Account no: 7O 52 l3 86')).toEqual([['BANK_ACCOUNT', '7O 52 l3 86']]);
    expect(found('Acc no 7O52l386')).toEqual([['BANK_ACCOUNT', '7O52l386']]);
    expect(found('Order no 7O52l386')).toEqual([]);
  });
});
