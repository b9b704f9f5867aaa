import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

const names = (text: string): string[] =>
  detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));

describe('the name a person goes by', () => {
  it('reads the short or pet name after an alias cue', () => {
    expect(names('Oluwaseun Adebayo-Clarke (goes by Seunie) rang about the loan.')).toContain('Seunie');
    expect(names('Thandiwe Mokoena, known as Thandi at home, is the account holder.')).toContain('Thandi');
    expect(names('Rajalakshmi Venugopal (prefers "Raji") collected her card.')).toContain('Raji');
    expect(names('Nickname: Pipsqueak')).toEqual(['Pipsqueak']);
  });

  it('leaves a language, a channel or a house named after the cue alone', () => {
    expect(names('The caller prefers Welsh and prefers Email for letters.')).toEqual([]);
    expect(names('The property is known as Ivy Cottage.')).toEqual([]);
    expect(names('She is known as the best baker in town.')).toEqual([]);
  });
});
