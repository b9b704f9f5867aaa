import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

function emails(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'EMAIL')
    .map((s) => text.slice(s.start, s.end));
}

describe('e-mail addresses written or said without their @', () => {
  it('reads an "at" in brackets as the @, with no e-mail word needed', () => {
    expect(emails('Contact - tom.reeve (at) sample-mail.net')).toEqual(['tom.reeve (at) sample-mail.net']);
    expect(emails('send to tom.reeve[at]sample[dot]net please')).toEqual(['tom.reeve[at]sample[dot]net']);
    expect(emails('w: t_reeve {at} sample {dot} co {dot} uk')).toEqual([
      't_reeve {at} sample {dot} co {dot} uk',
    ]);
  });

  it('leaves a bracketed "at" that opens no address', () => {
    expect(emails('the meeting (at) noon was moved')).toEqual([]);
    expect(emails('prices [at] cost, see list')).toEqual([]);
  });

  it('reads an address said after its cue: several words, written dots, underscores', () => {
    expect(emails('my email is tom reeve sixty one at sample dot net ok')).toEqual([
      'tom reeve sixty one at sample dot net',
    ]);
    expect(emails('e-mail: t.reeve at sample.net')).toEqual(['t.reeve at sample.net']);
    expect(emails('email tom_reeve at sample dot co dot uk')).toEqual(['tom_reeve at sample dot co dot uk']);
  });

  it('reads the answer on the line after a question for an e-mail', () => {
    expect(emails('Agent: and an email address for you?\nCaller: tom dot reeve at sample dot net')).toEqual([
      'tom dot reeve at sample dot net',
    ]);
  });

  it('stops at words that are no part of an address, and needs a dotted domain', () => {
    expect(emails('my email is down at the moment, sorry')).toEqual([]);
    expect(emails('email me at home tonight')).toEqual([]);
    expect(emails('Agent: your email?\nCaller: sorry I am at work now')).toEqual([]);
  });
});
