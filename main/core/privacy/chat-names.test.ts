/**
 * Lower-case given names in a message typed without capitals, in the frames a chat names someone in,
 * with the everyday words and capitalised texts that must stay unread here.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('lower-case names in a chat', () => {
  it('reads a known given name after a relative of address or a verb that takes a person', () => {
    expect(persons('ok so auntie gloria wants the photos')).toEqual(['gloria']);
    expect(persons('pls tell gordon the meter reading')).toEqual(['gordon']);
  });

  it('reads one before a verb of saying or paying, and around a possessive', () => {
    expect(persons('fyi gordon still owes me for the tickets')).toEqual(['gordon']);
    expect(persons("this is gordon's wife margaret on his phone")).toEqual(['gordon', 'margaret']);
    expect(persons("put it in gordon's account not mine")).toEqual(['gordon']);
  });

  it('leaves everyday words, unknown words and capitalised texts', () => {
    expect(persons('pls tell will the meter reading')).toEqual([]);
    expect(persons('ok so the landlord says the boiler is fixed')).toEqual([]);
    expect(persons('the bank says the card is blocked')).toEqual([]);
  });
});

describe('more frames a chat names someone in', () => {
  it('reads a known given name in "letting ... know", before where they are from, and addressed at a line start', () => {
    expect(persons('just letting gordon know the van is booked')).toEqual(['gordon']);
    expect(persons('ok so margaret from the other group said its fine')).toEqual(['margaret']);
    expect(persons('gordon if ur reading this the keys are with me')).toEqual(['gordon']);
  });

  it('leaves everyday words and unknown words in those frames', () => {
    expect(persons('will if ur there ring me')).toEqual([]);
    expect(persons('got a text from the bank about it')).toEqual([]);
    expect(persons('letting agent know the boiler is broken')).toEqual([]);
  });
});

describe('a full name typed in lower case', () => {
  it('reads a listed given name and a listed surname anywhere in a lower-case text', () => {
    expect(persons('hi calling regarding gordon mcdonald his card was swallowed')).toEqual([
      'gordon mcdonald',
    ]);
  });

  it('leaves everyday given names, and pairs in a capitalised text', () => {
    expect(persons('hi will smith called')).toEqual([]);
    expect(persons('Sent via gordon mcdonald')).toEqual([]);
  });
});

describe('a lower-case given name where money or post goes', () => {
  it('reads a listed given name after "payment to", "sent to", "addressed to" and "name of"', () => {
    expect(persons('hiya my payment to kieran still hasnt arrived')).toEqual(['kieran']);
    expect(persons('the parcel was addressed to shona not me')).toEqual(['shona']);
    expect(persons('the account is in name of tariq')).toEqual(['tariq']);
  });

  it('leaves an everyday word after the same words alone', () => {
    expect(persons('payment to rose garden centre failed')).toEqual([]);
    expect(persons('sent to head office yesterday')).toEqual([]);
    expect(persons('invite sent to kieran.b@example.org for monday')).toEqual([]);
  });
});
