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

describe('a full name after the last sentence, with no stop of its own', () => {
  it('reads a message signed on its last line', () => {
    expect(persons('Hi, my statements keep going to my old address. Please fix. Dev Malhotra')).toEqual([
      'Dev Malhotra',
    ]);
    expect(persons('My card was declined twice today. Can you check? Sarah Jones')).toEqual(['Sarah Jones']);
    expect(persons("I'm here. Grace Okafor")).toEqual(['Grace Okafor']);
  });

  it('leaves places, teams, sign-offs and single words alone', () => {
    for (const text of [
      'I live at the corner. Main Street',
      'I want to complain. Customer Services',
      'I need help. Kind Regards',
      'I paid it. Thank You',
      'Hi. Thanks. Bye',
      'I moved my account. Barclays Premier',
      'I called. Monday Morning',
      "I'm at the branch. Leeds City Centre",
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('a text message signed in lower case', () => {
  const names = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));

  it('reads a listed given name ending the text after a number or a stop', () => {
    expect(names('new number save it +447956113420 tomek')).toEqual(['tomek']);
    expect(names('running late, sorry. amy')).toEqual(['amy']);
  });

  it('leaves everyday words, unlisted words and words mid-clause alone', () => {
    expect(names('see you at 5. mark')).toEqual([]);
    expect(names('I paid it in june')).toEqual([]);
    expect(names('thanks so much, you are an angel')).toEqual([]);
    expect(names('call me back at 5. thanks')).toEqual([]);
  });
});

describe('a given name after a letter’s closing wishes', () => {
  it('reads an everyday given name after "Best wishes," and "Yours sincerely,"', () => {
    const text = 'The new address is on file.\nBest wishes, Rose';
    const got = detectPii(text).filter((s) => s.type === 'PERSON');
    expect(got.map((s) => text.slice(s.start, s.end))).toEqual(['Rose']);
  });

  it('leaves the wishes with no name after them alone', () => {
    expect(detectPii('Best wishes to all the team').filter((s) => s.type === 'PERSON')).toEqual([]);
  });
});
