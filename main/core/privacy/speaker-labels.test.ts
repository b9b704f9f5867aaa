/**
 * The speakers of a pasted chat or SMS thread: once one label is a name the others are too, in a
 * dialogue; a form's field labels stay unread.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('speaker labels of a thread', () => {
  it('reads every speaker once one is a name and a speaker comes back', () => {
    expect(persons('Gordon: did the refund land?\nZuzu: not yet\nGordon: ok ta')).toEqual([
      'Gordon',
      'Zuzu',
      'Gordon',
    ]);
    expect(persons('[09:14] Margaret: running late\n[09:15] Bex: np')).toEqual(['Margaret', 'Bex']);
  });

  it('leaves field labels and threads with no known speaker', () => {
    expect(persons('Gordon: card cancelled\nStatus: closed\nOutcome: refunded')).toEqual(['Gordon']);
    expect(persons('Zuzu: hi\nBex: hey\nZuzu: ok')).toEqual([]);
  });

  it("reads the name after a staff role's word, without the role", () => {
    expect(
      persons('Adviser Tomasz: how can I help?\nCustomer: card stuck\nAdviser Tomasz: one moment'),
    ).toEqual(['Tomasz', 'Tomasz']);
    expect(persons('[14:02] Agent Oluwaseun: hello\n[14:03] Customer: hi')).toEqual(['Oluwaseun']);
    expect(persons('Operator Rhiannon: line open\nCaller: hello')).toEqual(['Rhiannon']);
  });

  it('reads a label after a bare time that starts with A or P, which is no am/pm', () => {
    expect(persons('08:02 Customer: card stuck\n08:03 Agent Oluwaseun: one moment')).toEqual(['Oluwaseun']);
    expect(persons('9.14pm - Gordon: late again\n9.15 pm - Priyanka: sorry\n9.16pm - Gordon: ok')).toEqual([
      'Gordon',
      'Priyanka',
      'Gordon',
    ]);
  });

  it('leaves a role before a field or a firm', () => {
    expect(persons('Agent Notes: refund agreed\nStatus: closed')).toEqual([]);
    expect(persons('Agent Reference: 4471\nOutcome: resolved')).toEqual([]);
  });
});
