import { describe, expect, it } from 'vitest';
import {
  ibanLengthOf,
  ibanValid,
  luhnDigitsIn,
  luhnValid,
  nhsValid,
  ninoPrefixValid,
  ssnValid,
} from './validators';

/** The code units of a text with the two trailing 0s the shared buffer carries. */
function unitsOf(t: string): Uint16Array {
  const u = new Uint16Array(t.length + 2);
  for (let i = 0; i < t.length; i++) u[i] = t.charCodeAt(i);
  return u;
}
const luhnDigits = (t: string, a: number, b: number) => luhnDigitsIn(unitsOf(t), a, b);

describe('validators', () => {
  it('reads Luhn from code units as the digit string would be read', () => {
    const texts = [
      '4111 1111 1111 1111',
      '4111-1111-1111-1112',
      '5500 0000 0000 0004',
      '12 34',
      'ab 4111',
      '0000',
      '',
    ];
    for (const t of texts)
      for (let a = 0; a <= t.length; a++) {
        const part = t.slice(a);
        const digits = part.replace(/[ -]/g, '');
        const expected = /^\d*$/.test(digits) && luhnValid(digits) ? digits.length : -1;
        expect(luhnDigitsIn(unitsOf(t), a, t.length), part).toBe(expected);
      }
  });

  it('Luhn accepts real test cards and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('41x1')).toBe(false);
  });

  it('Luhn over written text skips spaces and hyphens and counts the digits', () => {
    const text = 'card 4111 1111-1111 1111 end';
    expect(luhnDigits(text, 5, 24)).toBe(16);
    expect(luhnDigits('4111 1111 1111 1112', 0, 19)).toBe(-1);
    expect(luhnDigits('4111.1111', 0, 9)).toBe(-1);
  });

  it('IBAN lengths from char codes, upper case only', () => {
    expect(ibanLengthOf(71, 66)).toBe(22); // GB
    expect(ibanLengthOf(103, 98)).toBe(0); // gb
    expect(ibanLengthOf(88, 88)).toBe(0); // XX
    expect(ibanLengthOf(NaN, 66)).toBe(0);
  });

  it('IBAN checks mod-97 and the country length', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false); // checksum
    expect(ibanValid('GB82WEST1234569876543')).toBe(false); // length
    expect(ibanValid('XX82WEST12345698765432')).toBe(false); // unknown country
  });

  it('NHS numbers pass mod-11 and a check digit of 10 is never valid', () => {
    expect(nhsValid('9434765919')).toBe(true);
    expect(nhsValid('9434765918')).toBe(false);
    expect(nhsValid('943476591')).toBe(false);
  });

  it('SSN area, group and serial rules', () => {
    expect(ssnValid('123', '45', '6780')).toBe(true);
    expect(ssnValid('000', '45', '6789')).toBe(false);
    expect(ssnValid('666', '45', '6789')).toBe(false);
    expect(ssnValid('912', '45', '6789')).toBe(false);
    expect(ssnValid('123', '00', '6789')).toBe(false);
    expect(ssnValid('123', '45', '0000')).toBe(false);
    expect(ssnValid('078', '05', '1120')).toBe(false); // the Woolworth wallet number
  });

  it('NINO prefixes follow HMRC rules', () => {
    expect(ninoPrefixValid('AB')).toBe(true);
    expect(ninoPrefixValid('GB')).toBe(false);
    expect(ninoPrefixValid('DA')).toBe(false);
    expect(ninoPrefixValid('AO')).toBe(false);
  });
});
