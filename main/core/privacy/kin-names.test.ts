/**
 * Lower-case names after a relative in chat ("my nan doreen", "her son will carter"), with the verbs,
 * adverbs and everyday words after "my dad" that must stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('lower-case names after a relative', () => {
  it('reads a known given name, with its middle name and surname', () => {
    expect(persons('can i order for my nan brenda her pills ran out')).toEqual(['brenda']);
    expect(persons('its about my late husband robert james taylor and his pension')).toEqual([
      'robert james taylor',
    ]);
  });

  it('reads an everyday given name only with a known surname after it', () => {
    expect(persons('my son will taylor needs a new card')).toEqual(['will taylor']);
    expect(persons('my son will ring you tomorrow')).toEqual([]);
  });

  it('leaves an unknown word alone even when a pronoun takes it up', () => {
    expect(persons('my mother alive she is 70')).toEqual([]);
    expect(persons('my nephew rang he is stuck abroad')).toEqual([]);
  });

  it('leaves verbs, adverbs and conjunctions after the relative alone', () => {
    for (const text of [
      'my dad said he would call',
      'my mum thinks she lost it',
      'my husband passed away last month',
      'my daughter and she both bank here',
      'my wife usually she does the banking',
      'my mum really wants to close it',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('a capitalised given name after a further relative or role', () => {
  it('reads it after "baby" as after "son" or "daughter"', () => {
    expect(persons('Red book checked with baby Zainab today.')).toEqual(['Zainab']);
  });
});

describe('a message opening with a relative and no possessive', () => {
  it('reads the listed name after it', () => {
    expect(persons('nana joyce cant come in her legs are bad')).toEqual(['joyce']);
    expect(persons('mum jean wants to know about her card')).toEqual(['jean']);
    expect(persons('partner mark baker rang')).toEqual(['mark baker']);
  });

  it('needs a listed name, and a surname after an everyday one', () => {
    expect(persons('dad will ring later')).toEqual([]);
    expect(persons('friend request sent')).toEqual([]);
    expect(persons('so mum jean wants')).toEqual([]);
  });
});

describe('an everyday given name after a relative, as the subject or alone', () => {
  it('reads it before a verb it is the subject of, or closing the clause', () => {
    expect(persons('my gran ivy is in the home now')).toEqual(['ivy']);
    expect(persons('can u help my daughter joy.')).toEqual(['joy']);
    expect(persons('my brother drew said he paid')).toEqual(['drew']);
  });

  it('reads a surname that is a given name too, the same way', () => {
    expect(persons('my partner ellis signed the form')).toEqual(['ellis']);
  });

  it('leaves an everyday word going on as a verb or adverb', () => {
    expect(persons('my son will ring you back')).toEqual([]);
    expect(persons('my mum rose early today')).toEqual([]);
    expect(persons('my wife may come in too')).toEqual([]);
  });
});
