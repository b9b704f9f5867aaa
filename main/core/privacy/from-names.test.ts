/**
 * A given name and the desk the person works for ("Grace from accounts"): the desk makes an everyday
 * word that is also a given name a person; other phrases with "from" stay words.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('a given name and the desk the person is from', () => {
  it('reads an everyday given name before a desk or service', () => {
    expect(persons('Joy from payroll will ring you on Monday.')).toEqual(['Joy']);
    expect(persons('Thanks to Hazel from the surgery for the update.')).toEqual(['Hazel']);
    expect(persons('Destiny from Social Services visited.')).toEqual(['Destiny']);
  });

  it('leaves words that come from anything else', () => {
    expect(persons('Rose from the ashes, the new store opened.')).toEqual([]);
    expect(persons('Summer from June to August is busy.')).toEqual([]);
  });
});
