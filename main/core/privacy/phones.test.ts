import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { possibleByPlan } from './phones';

describe('possibleByPlan', () => {
  it('answers exactly as libphonenumber-js isPossible() whenever it answers', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let answered = 0;
    for (let i = 0; i < 20000; i++) {
      // Half the numbers use calling codes desks see often; the rest are random.
      const codes = ['91', '86', '33', '48', '34', '45', '49', '353', '90', '64', '62', '41'];
      let digits = rnd(2) === 0 ? codes[rnd(codes.length)]! : '';
      for (let k = 0, n = 3 + rnd(16); k < n; k++) digits += String(rnd(10));
      // National prefixes after the calling code are the case the table must leave to the library.
      if (rnd(3) === 0) digits = `${digits.slice(0, 1 + rnd(3))}0${digits.slice(3)}`;
      const fast = possibleByPlan(digits);
      if (fast === null) continue;
      answered++;
      expect(fast, digits).toBe(parsePhoneNumberFromString(`+${digits}`)?.isPossible() ?? false);
    }
    expect(answered).toBeGreaterThan(5000);
  });

  it('leaves shared calling codes and national prefixes to the library', () => {
    expect(possibleByPlan('74951234567')).toBeNull(); // +7: Russia and Kazakhstan
    expect(possibleByPlan('3306 12 34 56 78'.replace(/ /g, ''))).toBeNull(); // +33 0...
    expect(possibleByPlan('33612345678')).toBe(true);
    expect(possibleByPlan('3361234567')).toBe(false);
  });

  it('answers false where the library finds no calling code at all', () => {
    for (const digits of ['0369353', '876107350002', '8761073500', '259023', '0044123456']) {
      expect(possibleByPlan(digits), digits).toBe(false);
      expect(parsePhoneNumberFromString(`+${digits}`), digits).toBeUndefined();
    }
    expect(possibleByPlan('87')).toBeNull(); // a longer code may still follow
  });
});
