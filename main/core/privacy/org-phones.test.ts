import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Numbers that an organisation's words name: its own line, not a person's. Invented numbers. */
function phones(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PHONE')
    .map((s) => text.slice(s.start, s.end));
}

describe("an organisation's own number", () => {
  it('is left alone after "call the clinic on", a service label or in a letterhead', () => {
    expect(phones('If you need to rearrange, please ring the surgery on 0161 496 0734.')).toEqual([]);
    expect(phones('Lost card? Customer Services: 1-888-555-0147, 24 hours')).toEqual([]);
    expect(phones('ELM ROW MEDICAL PRACTICE   Tel 0131 496 0288\n\nPatient: Ana Ilic')).toEqual([]);
    expect(
      phones('FERN HILL PHARMACY\n4 Mill Street, Hexham NE46 1AB | Tel 01434 960 552\n\nDear Sir'),
    ).toEqual([]);
  });

  it('is no meeting dial-in code', () => {
    expect(phones('Room 4, 09:00. Dial-in code 702 318 4406# (PIN, not a phone)')).toEqual([]);
  });

  it("still reads a person's number beside an organisation", () => {
    expect(phones('The surgery has his mobile as 07700 900 734, please call him')).toEqual(['07700 900 734']);
    expect(phones('Dear Sir,\nI bank with Northgate Bank.\nMy details:\nTel 07700 900 288')).toEqual([
      '07700 900 288',
    ]);
  });
});
