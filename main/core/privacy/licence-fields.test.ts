import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

const dobs = (text: string): string[] =>
  detectPii(text)
    .filter((s) => s.type === 'DATE_OF_BIRTH')
    .map((s) => text.slice(s.start, s.end));

describe("a UK driving licence's numbered fields", () => {
  it("reads field 3's date as the birth date, not the card's dates", () => {
    const card =
      'DRIVING LICENCE\n1. OKONJO\n2. ADA GRACE\n3. 21.11.1987 LAGOS\n4a. 02.03.2020 4b. 01.03.2030\n5. OKONJ811217AG9XY';
    expect(dobs(card)).toEqual(['21.11.1987']);
  });
  it("needs the card's layout and a licence cue", () => {
    expect(dobs('Licence renewal checklist\n3. 21.11.1987 form sent\nNotes')).toEqual([]);
    expect(dobs('Steps\n3. 21.11.1987 sent\n5. done')).toEqual([]);
  });
});
