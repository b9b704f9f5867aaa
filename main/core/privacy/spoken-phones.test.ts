import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

function phones(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PHONE')
    .map((s) => text.slice(s.start, s.end));
}

describe('a UK number read out with no cue', () => {
  it('is read from its spoken zero when the UK plan allocates it', () => {
    expect(phones("hi it's mo, get me back on oh seven seven oh oh nine oh oh four five six, ta")).toEqual([
      'oh seven seven oh oh nine oh oh four five six',
    ]);
    expect(phones('message left, zero one six one four nine six oh seven eight one')).toEqual([
      'zero one six one four nine six oh seven eight one',
    ]);
  });

  it('leaves short codes, unallocated ranges and words that only sound like a zero', () => {
    expect(phones('the door code is oh one two three four five')).toEqual([]);
    expect(phones('oh six one two three four five six seven eight nine')).toEqual([]);
    expect(phones('oh no, John said nine nine nine')).toEqual([]);
  });
});
