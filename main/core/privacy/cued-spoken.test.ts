import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function found(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'SORT_CODE' || s.type === 'BANK_ACCOUNT')
    .map((s) => `${s.type} ${text.slice(s.start, s.end)}`);
}

describe('sort codes and accounts read out or paired', () => {
  it('reads numbers in words after their cue', () => {
    expect(
      found(
        'my account number is six one, four four, two nine, oh three and the sort code is three oh, nine two, one six.',
      ),
    ).toEqual([
      'BANK_ACCOUNT six one, four four, two nine, oh three',
      'SORT_CODE three oh, nine two, one six',
    ]);
    expect(
      found(
        'My sort code is sixty, eighty-three, double one, account two oh double four, seven nine one two.',
      ),
    ).toEqual([
      'SORT_CODE sixty, eighty-three, double one',
      'BANK_ACCOUNT two oh double four, seven nine one two',
    ]);
  });

  it('reads a grouped sort code written as the pair with its account', () => {
    expect(found('its 20 32 06 and acc 53881204')).toEqual(['SORT_CODE 20 32 06', 'BANK_ACCOUNT 53881204']);
    expect(found('the account for payroll: 04-00-75 / 19282736.')).toEqual([
      'SORT_CODE 04-00-75',
      'BANK_ACCOUNT 19282736',
    ]);
  });

  it('leaves counts, references and versions alone', () => {
    for (const text of [
      'my account was charged twice on the twelfth',
      'sort code is the same as before, account one of two',
      'meeting 12-03-25 / 12345678 ref',
      'version 1.2.3 build 12 34 56 12345678',
      'account six one four',
    ])
      expect(found(text), text).toEqual([]);
  });
});

describe('chat answers read out', () => {
  it('reads a spoken sort code, a spoken date of birth and an address answered on the next line', () => {
    const text =
      'Staff: For security, can you confirm your sort code?\nCustomer: sixty, sixteen, thirteen, then the rest.';
    expect(detectPii(text).map((s) => `${s.type} ${text.slice(s.start, s.end)}`)).toEqual([
      'SORT_CODE sixty, sixteen, thirteen',
    ]);
    const dob = 'Staff: Date of birth please\nCustomer: nineteenth of October 1962';
    expect(detectPii(dob).map((s) => `${s.type} ${dob.slice(s.start, s.end)}`)).toEqual([
      'DATE_OF_BIRTH nineteenth of October 1962',
    ]);
    const address = 'Staff: And the first line of your address?\nCustomer: The Old Forge, Mill Lane, Hexham';
    expect(detectPii(address).map((s) => `${s.type} ${address.slice(s.start, s.end)}`)).toEqual([
      'ADDRESS The Old Forge, Mill Lane, Hexham',
    ]);
  });

  it('takes "Customer:" in a transcript for the speaker, not a name field', () => {
    const text = 'Customer: need a GP appt this week if poss\nStaff: What is your NHS number?';
    expect(detectPii(text).filter((s) => s.type === 'PERSON')).toEqual([]);
  });
});

describe('a value corrected right after it is read', () => {
  const values = (text: string): string[] =>
    detectPii(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

  it('reads the corrected value as the same type', () => {
    expect(
      values(
        'the account number is one two three four five six seven eight no sorry one two three four five six seven nine',
      ),
    ).toEqual([
      'BANK_ACCOUNT:one two three four five six seven eight',
      'BANK_ACCOUNT:one two three four five six seven nine',
    ]);
    expect(values('account 12345678 no sorry 12345679')).toEqual([
      'BANK_ACCOUNT:12345678',
      'BANK_ACCOUNT:12345679',
    ]);
  });

  it('reads nothing more after an apology that corrects nothing', () => {
    expect(values('account number 12345678 sorry about the delay')).toEqual(['BANK_ACCOUNT:12345678']);
    expect(values('account number 12345678 sorry it took 20 minutes')).toEqual(['BANK_ACCOUNT:12345678']);
  });
});

describe('a separator said aloud', () => {
  const found = (text: string): Array<[string, string]> =>
    detectPii(text)
      .filter((s) => s.type !== 'PERSON')
      .map((s) => [s.type, text.slice(s.start, s.end)]);

  it('is read past inside a number, as a written hyphen is', () => {
    expect(found('ssn is six one four dash two two dash eight oh one five')).toEqual([
      ['US_SSN', 'six one four dash two two dash eight oh one five'],
    ]);
    expect(found('sort code four oh dash one one dash two nine')).toEqual([
      ['SORT_CODE', 'four oh dash one one dash two nine'],
    ]);
  });

  it('neither opens nor ends one', () => {
    expect(found('ssn is dash six one four')).toEqual([]);
    expect(found('my ssn is six one four dash and I forget the rest')).toEqual([]);
  });
});
