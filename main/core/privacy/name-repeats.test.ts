/**
 * A name found once is found where it is mentioned again: capitalised mentions anywhere, lower-case
 * ones in a text typed without capitals; everyday words and unknown words are not carried.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('repeated mentions of a found name', () => {
  it('carries a lower-case given name to its other mentions in a lower-case text', () => {
    expect(persons('hello its gordon ... gordon mcintyre here about my card')).toEqual(['gordon', 'gordon']);
  });

  it('joins a mention to a found name right beside it', () => {
    expect(persons('Okafor, Ngozi Adaeze — surname Okafor on the passport.')).toContain(
      'Okafor, Ngozi Adaeze',
    );
  });

  it('does not carry everyday words or lower-case words in a capitalised text', () => {
    expect(persons('Please ring Grace back. Grace period ends Monday.')).toEqual(['Grace']);
    expect(persons('Mr Gordon rang. The gordon setters club wrote too.')).toEqual(['Gordon']);
  });
});
