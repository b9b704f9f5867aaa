/** Names spelled out letter by letter in a call's transcript, and the letters that spell no name. */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('a name spelled out in a transcript', () => {
  it('reads the letters and the word they spell, said after them', () => {
    expect(persons('agent and the surname please caller yes n o w i c k i nowicki agent thanks')).toEqual([
      'n o w i c k i',
      'nowicki',
    ]);
  });

  it('reads the letters of a word said before them, with a doubled letter', () => {
    expect(persons('caller my first name is annika so a double n i k a')).toContain('a double n i k a');
  });

  it('leaves a false start out of the spelling', () => {
    expect(persons('caller no t t a r i q sorry yes tariq')).toContain('t a r i q');
  });

  it('leaves letters that spell no word beside them, and a spelled address, alone', () => {
    expect(persons('press options a b c then hash')).toEqual([]);
    expect(persons('agent the email is r o b dot web at example dot com rob')).toEqual([]);
  });
});
