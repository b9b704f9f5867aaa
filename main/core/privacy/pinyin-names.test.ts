/**
 * Chinese names in pinyin: a listed family name and a two-syllable given name, read in any position;
 * English words and places after a family name left alone.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('Chinese names in pinyin', () => {
  it('reads a family name and a two-syllable given name at a sentence start', () => {
    expect(persons('Deng Yaoting moved the funds on Friday.')).toEqual(['Deng Yaoting']);
    expect(persons('Xie Mingyue, passport E12345678')).toEqual(['Xie Mingyue']);
  });

  it('leaves one-syllable words, English words and cities', () => {
    expect(persons('Sun Tan lotion is on offer')).toEqual([]);
    expect(persons('Gao Human resources update')).toEqual([]);
    expect(persons('Wang Shanghai office opens')).toEqual([]);
    expect(persons('He Began the call late')).toEqual([]);
  });
});
