import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Values answered on the next speaker's turn of an unpunctuated speech-to-text transcript. Invented. */
function found(text: string): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => s.type !== 'PERSON')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('a value read out on the next turn of a transcript', () => {
  it('reads it past the rest of the question, the role and the answer opening', () => {
    expect(
      found(
        'nurse can i have your nhs number please patient yes its four eight five seven seven three three nine nine four nurse lovely',
      ),
    ).toEqual([['UK_NHS', 'four eight five seven seven three three nine nine four']]);
    expect(
      found(
        'agent and your date of birth if you have it to hand caller um second of june nineteen eighty one',
      ),
    ).toEqual([['DATE_OF_BIRTH', 'second of june nineteen eighty one']]);
    expect(found('agent whats the sort code caller yeah its four oh one one six two')).toEqual([
      ['SORT_CODE', 'four oh one one six two'],
    ]);
  });

  it('reads nothing when the answer is no value', () => {
    expect(found('agent can i take your date of birth please caller one moment i need my glasses')).toEqual(
      [],
    );
    expect(found('agent whats the sort code caller sorry i dont have it with me')).toEqual([]);
  });

  it('reads an e-mail address spelled out on the next turn', () => {
    expect(
      found("agent what's a good email caller it's mo dot ilic at example dot org agent thanks"),
    ).toEqual([['EMAIL', 'mo dot ilic at example dot org']]);
  });
});
