/**
 * Street addresses with the house number said in words ("at forty two mill lane") and post-office
 * boxes ("PO Box 19, Helena, MT 59601"), with the phrases that must stay unread.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function addresses(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'ADDRESS')
    .map((s) => text.slice(s.start, s.end));
}

describe('a house number said in words', () => {
  it('reads the number, the street name and its type after "at"', () => {
    expect(addresses('hi its about my card we live at forty two mill lane if you need it')).toEqual([
      'forty two mill lane',
    ]);
    expect(addresses('the parcel went to the flat at one hundred and six Queens Road by mistake')).toEqual([
      'one hundred and six Queens Road',
    ]);
  });

  it('leaves numbers of things, function words and other types', () => {
    expect(addresses('we met at two different places last week')).toEqual([]);
    expect(addresses('the branch opens at nine on the high street')).toEqual([]);
    expect(addresses('we stopped at three or four road signs')).toEqual([]);
  });

  it('reads every opening a number word may have, in any case, past the first-letter check', () => {
    for (const n of ['eight', 'Fifty', 'NINETEEN', 'one', 'Seven', 'twelve', 'number Six']) {
      expect(addresses(`post it to me at ${n} Larchfield Close please`)).toEqual([`${n} Larchfield Close`]);
    }
    // The long s folds to "s" under the regex's Unicode case-insensitivity: it is left to the regex.
    expect(addresses('post it to me at \u017Fixty Larchfield Close please')).toEqual([
      '\u017Fixty Larchfield Close',
    ]);
    expect(addresses('we are at home on Larchfield Close, at Larchfield Close or at 9 o clock')).toEqual([]);
  });
});

describe('a post-office box', () => {
  it('reads the box with a US town, state and ZIP after it', () => {
    expect(addresses('Send statements to PO Box 418, Helena, MT 59601-0418 from now on.')).toEqual([
      'PO Box 418, Helena, MT 59601-0418',
    ]);
    expect(addresses('returns go to P.O. Box 77 please')).toEqual(['P.O. Box 77']);
  });

  it('leaves a box that is no post-office box', () => {
    expect(addresses('put it in box 3 on the shelf')).toEqual([]);
    expect(addresses('tick box 12 on the form')).toEqual([]);
  });
});

describe('a street address said after its cue words', () => {
  const addresses = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'ADDRESS')
      .map((s) => text.slice(s.start, s.end));

  it('reads it after "the address is", "first line is" and a house "number"', () => {
    expect(addresses('ok so the address is sixty one quarry lane in bath')).toEqual([
      'sixty one quarry lane',
    ]);
    expect(addresses("first line's um, nine orchard close")).toEqual(['nine orchard close']);
    expect(addresses('we are at number fourteen mill road now')).toEqual(['number fourteen mill road']);
  });

  it('needs the house number and a street type', () => {
    expect(addresses('the address is the same as before')).toEqual([]);
    expect(addresses('the address is two or three streets away')).toEqual([]);
  });
});
