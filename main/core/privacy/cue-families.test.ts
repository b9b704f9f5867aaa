import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import type { PiiType } from './types';

/** Cue families for structured values (invented values); positives and the negatives beside them. */
function found(text: string, type?: PiiType): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => type === undefined || s.type === type)
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe("Northern Ireland's Health and Care number", () => {
  it('is an NHS-format number after its H&C cue or key', () => {
    expect(found('H&C no: 612 345 6784\nItems: 2', 'UK_NHS')).toEqual([['UK_NHS', '612 345 6784']]);
    expect(found('Health and Care number 7204183657 on file')).toEqual([['UK_NHS', '7204183657']]);
    expect(found('{"hcn":"581 903 2748"}', 'UK_NHS')).toEqual([['UK_NHS', '581 903 2748']]);
  });
  it('is no phone there', () => {
    expect(found('H & C number: 612 345 6784', 'PHONE')).toEqual([]);
  });
});
