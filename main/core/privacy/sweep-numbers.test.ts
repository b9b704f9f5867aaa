import { describe, expect, it } from 'vitest';
import { describeBoundarySweep } from '../../test-support/boundary-sweep';
import { detectPii } from './detect';
import { redactText } from './operators';
import { sweepNumbers } from './sweep-numbers';

const NOW = new Date('2026-12-07T00:00:00Z');
const swept = (text: string) => redactText(text, sweepNumbers(text, detectPii(text), NOW));

describe('packet sweep of leftover identifier numbers', () => {
  it.each([
    ['Card ends 4417, the gym one.', 'Card ends [REFERENCE], the gym one.'],
    ['Loan ref LN7781203.', 'Loan ref [REFERENCE].'],
    ['Medicare number is 1EG4-TE5-MK73.', 'Medicare number is [REFERENCE].'],
    ['Routing 021000021, account 7730', 'Routing [REFERENCE], account [REFERENCE]'],
    ['14/03/1961. And cancel next month too.', '[DATE_OF_BIRTH]. And cancel next month too.'],
    ['Edith Marsh, 2nd of February 1944.', '[PERSON], [DATE_OF_BIRTH].'],
    ['member no 4659 3021 8844 4418 here', 'member no [REFERENCE] here'],
  ])('masks %s', (text, expected) => {
    expect(swept(text)).toBe(expected);
  });

  it.each([
    'Can I take out £900 cash today, or $9,000 by Friday?',
    'The £84.99 from a gym. Since 2019, in the 1990s.',
    'Is 10:20 on the 14th fine? I take 500mg twice, 16+3 weeks.',
    'My appointment is 12/01/2027 and the last one was 03/06/2025.',
    'Twelve weeks on the list, 3 letters, 24/7 pain.',
  ])('keeps the story numbers in %s', (text) => {
    expect(swept(text)).toBe(redactText(text));
  });

  it('leaves spans the detector found alone', () => {
    const text = 'My NHS number is 485 777 3456.';
    const spans = detectPii(text);
    expect(spans.map((s) => s.type)).toEqual(['UK_NHS']);
    expect(sweepNumbers(text, spans, NOW)).toEqual(spans);
  });
});

// Canary values no cue or checksum names: the detector alone leaves them in the text.
describeBoundarySweep(
  'packet and LAN boundaries sweep identifier numbers the detector leaves',
  'Card ends 7319. Claim ref QZ-580261. Her date of birth? 17/09/1948.',
  /7319|580261|17\/09\/1948/,
  /<REFERENCE_\d+>/,
);
