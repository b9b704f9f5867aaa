/**
 * The generated gazetteer (names-wide.ts, from scripts/name-gazetteer/build.ts): it widens the hand
 * lists without repeating them, keeps everyday words ambiguous, and only tips capitalised words in
 * running text: an all-capitals token, a lone word opening a sentence and a lower-case chat word
 * still need what they needed before.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';
import {
  AMBIGUOUS_FIRST_NAMES,
  FIRST_NAMES,
  HAND_AMBIGUOUS_FIRST,
  HAND_FIRST,
  HAND_LAST,
  LAST_NAMES,
  WIDE_ONLY,
} from './names';
import { WIDE_AMBIGUOUS_FIRST, WIDE_FIRST, WIDE_LAST } from './names-wide';
import { FLAGS, F_FIRST, F_LAST, F_WIDE, wordFlags } from './persons-flags';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

const words = (list: string) => list.split(/\s+/).filter(Boolean);

describe('generated gazetteer', () => {
  it('adds given names and surnames of more languages, Polish feminine surnames included', () => {
    for (const w of ['jerome', 'ignacy', 'ionuț']) expect(FIRST_NAMES.has(w)).toBe(true);
    for (const w of ['zawadzki', 'zawadzka']) expect(LAST_NAMES.has(w)).toBe(true);
  });

  it('never repeats the hand lists, and keeps everyday words out of the plain given names', () => {
    const hand = new Set([...HAND_FIRST, ...HAND_AMBIGUOUS_FIRST, ...HAND_LAST]);
    for (const w of [...words(WIDE_FIRST), ...words(WIDE_AMBIGUOUS_FIRST), ...words(WIDE_LAST)])
      expect(hand.has(w)).toBe(false);
    for (const w of ['chance', 'price', 'golden', 'royal', 'paris', 'bradford'])
      expect(FIRST_NAMES.has(w) && !AMBIGUOUS_FIRST_NAMES.has(w)).toBe(false);
  });

  it('holds only lower-case Latin words that fit the flag table', () => {
    for (const w of [...words(WIDE_FIRST), ...words(WIDE_AMBIGUOUS_FIRST), ...words(WIDE_LAST)]) {
      expect(w).toBe(w.toLowerCase());
      expect(w.length).toBeLessThanOrEqual(12);
      expect(/^\p{Script=Latin}+(?:['’-]\p{Script=Latin}+)*$/u.test(w)).toBe(true);
    }
  });

  it('flags its own words as wide and answers them through the table as through the map', () => {
    expect(WIDE_ONLY.has('jerome')).toBe(true);
    expect(WIDE_ONLY.has('sarah')).toBe(false);
    const text = 'Jerome ZAWADZKA sarah';
    const u = new Uint16Array(text.length + 1);
    for (let k = 0; k < text.length; k++) u[k] = text.charCodeAt(k);
    expect(FLAGS.get(u, text, 0, 6) & (F_FIRST | F_WIDE)).toBe(F_FIRST | F_WIDE);
    expect(FLAGS.get(u, text, 7, 15) & (F_LAST | F_WIDE)).toBe(F_LAST | F_WIDE);
    expect(FLAGS.get(u, text, 16, 21) & F_WIDE).toBe(0);
    expect(wordFlags('jerome') & F_WIDE).toBe(F_WIDE);
  });

  it('reads a name it knows in running text', () => {
    expect(persons('The transfer was flagged for Jerome Tillery this morning.')).toEqual(['Jerome Tillery']);
    expect(persons('Card blocked for Ignacy Zawadzki after two declines.')).toEqual(['Ignacy Zawadzki']);
  });

  it('does not read its words as names in capitals, alone at a sentence start, or as a town', () => {
    expect(persons('SIM swap reported; ABA routing checked.')).toEqual([]);
    expect(persons('Santiago de Compostela was the destination.')).toEqual([]);
    expect(persons('Moved to Bradford last year.')).toEqual([]);
  });
});

describe('generated given names after a number', () => {
  it('does not read a lone one between a day and a year as a name', () => {
    expect(persons('Born 12 Nisan 1987 according to the form.')).toEqual([]);
  });
});
