/**
 * Addresses inside a sentence that open with a house or farm name and end in a postcode, and rural
 * house, place and trade words that make a capitalised run a place or a company rather than a person.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function spans(text: string): string[] {
  return detectPii(text).map((s) => `${s.type} ${text.slice(s.start, s.end)}`);
}

describe('an address block inside a sentence', () => {
  it('reads a house name, locality and town before the postcode', () => {
    expect(spans('Please post the cards to Bryn Awel, Heol y Dderwen, Llanberis LL55 4TY today.')).toEqual([
      'ADDRESS Bryn Awel, Heol y Dderwen, Llanberis',
      'POSTCODE LL55 4TY',
    ]);
    expect(spans('NEW ADDR "WILLOW BARN", CHURCH LANE, GREAT BENTLEY CO7 8QZ. UPDATED.')).toContain(
      'ADDRESS WILLOW BARN", CHURCH LANE, GREAT BENTLEY',
    );
  });

  it("starts at the house name, past the sentence's own words", () => {
    expect(spans('Send it to Ivy Cottage, Mill Lane, Great Ayton TS9 6AB')).toEqual([
      'ADDRESS Ivy Cottage, Mill Lane, Great Ayton',
      'POSTCODE TS9 6AB',
    ]);
    expect(spans('She lives at Bryn Awel, Heol y Dderwen, Llanberis LL55 4TY')).toContain(
      'ADDRESS Bryn Awel, Heol y Dderwen, Llanberis',
    );
  });

  it('leaves the addressee opening the block to the names', () => {
    const got = spans('Letter to: Morwenna Tonkin, Chapel Farm, Zennor, St Ives TR26 3BY');
    expect(got).toContain('PERSON Morwenna Tonkin');
    expect(got).toContain('ADDRESS Chapel Farm, Zennor, St Ives');
  });

  it('needs three parts: a name and a town are not read as an address', () => {
    expect(spans('Sent by Tomasz Nowak, Leeds LS1 4DL')).not.toContainEqual(
      expect.stringMatching(/^ADDRESS/),
    );
  });
});

describe('house and place words', () => {
  it('are no person names', () => {
    expect(spans('We moved the branch to Cherry Grove last year')).toEqual([]);
    expect(spans('Deliveries go to Oakley Farm on Fridays')).toEqual([]);
    expect(spans('Meet at Pont Bridge by the river')).toEqual([]);
  });
});

describe('trade and business words', () => {
  it('make a capitalised run a company, not a person', () => {
    expect(spans('Quote from Hartley Roofing came in high')).toEqual([]);
    expect(spans("It's Dan from Okafor's Plumbing about the boiler")).not.toContain(
      "PERSON Okafor's Plumbing",
    );
  });
});
