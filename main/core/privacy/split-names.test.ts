/**
 * Given names split by OCR or speech-to-text ("Pa tricia Nwosu"), joined when the two fragments spell a
 * known given name, and the splits that stay apart.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('given names split by a space', () => {
  it('joins a fragment and its rest that spell a known given name, with the surname after it', () => {
    expect(persons('Forename: Pa tricia   Surname: Nwosu')).toContain('Pa tricia');
    expect(persons('10:30 Sa ndra Okoye - interview')).toContain('Sa ndra Okoye');
  });

  it('needs a surname after an everyday given name, and no name in the fragment itself', () => {
    expect(persons('Ho pe you are well')).toEqual([]);
    expect(persons('Just in case I need them')).toEqual([]);
    expect(persons('Ed ward round at nine')).not.toContain('Ed ward');
  });
});
