import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('signature names', () => {
  it('reads the name that signs a message or closes a note', () => {
    expect(persons('Re: Box 118\n\nDear Mr Henderson,\n\nPlease bring key no. 2281.\n\nAlison')).toContain(
      'Alison',
    );
    expect(persons('Hi Ahmad,\n\nCould you check?\n\nta\nChris')).toContain('Chris');
    expect(persons('Blocked. No customer impact. – Nadia')).toEqual(['Nadia']);
    expect(persons('ID OK after. - J. Kaur')).toEqual(['J. Kaur']);
  });

  it('leaves departments, words and sign-offs at the end alone', () => {
    for (const text of [
      'Hi Bogdan,\n\nSending over the account.\n\nHR',
      'Dear Sir,\n\nWe enclose copies.\n\nData Protection Officer',
      'Dear Sir,\n\nThe account will close.\n\nBusiness Banking Team',
      'Hi,\n\nAll sorted now.\n\nThanks',
      'Card declined at till. - Visa',
      'Patient discharged home - Stable',
      'Report\n\nDischarged',
    ])
      expect(
        persons(text).filter((p) => p !== 'Bogdan'),
        text,
      ).toEqual([]);
  });
});
