import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Invented document numbers glossed with a nationality, and numbers glossed otherwise. */
function passports(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PASSPORT')
    .map((s) => text.slice(s.start, s.end));
}

describe('a document number glossed with the holder nationality', () => {
  it('is a passport number, with or without the word passport in the gloss', () => {
    expect(passports('ID seen: B31870624 (Ghanaian). Collected by her son.')).toEqual(['B31870624']);
    expect(passports('doc no. EK4409217 (Pakistani passport)')).toEqual(['EK4409217']);
    expect(passports('ID check 712094836 (Irish)')).toEqual(['712094836']);
  });

  it('needs the nationality, a document shape, and no reference keyword before it', () => {
    expect(passports('Order 40918273 (Polish shop) was late')).toEqual([]);
    expect(passports('policy 55102938 (German) renewed')).toEqual([]);
    expect(passports('see item 12345 (Italian)')).toEqual([]);
    expect(passports('ID: XB12345678901 (Nigerian)')).toEqual([]);
  });
});
