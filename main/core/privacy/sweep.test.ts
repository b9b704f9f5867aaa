import { describe, expect, it } from 'vitest';
import { describeBoundarySweep } from '../../test-support/boundary-sweep';
import { detectPii } from './detect';
import { redactText } from './operators';
import { sweepNames } from './sweep';

const swept = (text: string) => redactText(text, sweepNames(text, detectPii(text)));

describe('packet sweep of leftover names', () => {
  it.each([
    ["Since Bertram went I've kept every tablet.", "Since [PERSON] went I've kept every tablet."],
    ['Tell Kayleigh I am sorry.', 'Tell [PERSON] I am sorry.'],
    ["Margaret's been gone a year.", '[PERSON] been gone a year.'],
    ['I just want to close it. Ottoline Fairweather.', 'I just want to close it. [PERSON].'],
  ])('masks %s', (text, expected) => {
    expect(swept(text)).toBe(expected);
  });

  it('joins adjacent capitalised words into one token', () => {
    expect(sweepNames('my father, Tobiah Okonkwo-Reid, is here', [])).toHaveLength(1);
  });

  it.each([
    'Can I pay in a cheque on Tuesday?',
    'The NHS letter says my GP will call.',
    'I speak Polish and a little English.',
    'Thanks, that is all. Have a good day.',
    'My Universal Credit came in late.',
  ])('keeps %s', (text) => {
    expect(swept(text)).toBe(redactText(text));
  });

  it('leaves a sentence-opening word that is no known name and not a bare name', () => {
    expect(sweepNames('Stockport branch is shut today.', [])).toEqual([]);
  });
});

// Canary names no cue marks as names: the detector alone leaves them in the text.
describeBoundarySweep(
  'packet and LAN boundaries sweep names the detector leaves',
  "Since Bertramus went I've kept every tablet. Tell Quillonia. Ottavina Fairweatherly.",
  /Bertramus|Quillonia|Ottavina|Fairweatherly/,
  /<PERSON_\d+>/,
);
