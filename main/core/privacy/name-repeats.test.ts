/**
 * A name found once is found where it is mentioned again: capitalised mentions anywhere, lower-case
 * ones in a text typed without capitals; everyday words are not carried, and a word no list knows only
 * from a confident reading.
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

describe('an unlisted word of a confidently found name', () => {
  it('carries it to a capitalised mention elsewhere in the text', () => {
    expect(
      persons('[09:01] Iolo ap Gwilym: can I move my slot?\n[09:03] Desk: Yes Iolo, Friday at 10?'),
    ).toEqual(['Iolo ap Gwilym', 'Iolo']);
  });

  it('does not carry a word of a weak reading, such as an organisation’s name', () => {
    expect(
      persons('ADMITTED - Acute Frailty Ward Ninefold\nName: Ruth Okoro   Ninefold ref: 4411'),
    ).not.toContain('Ninefold');
  });
});
