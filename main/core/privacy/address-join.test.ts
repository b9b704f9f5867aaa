import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import type { DetectOptions } from './types';

function found(text: string, options: DetectOptions = {}): Array<[string, string]> {
  return detectPii(text, options)
    .filter((s) => s.type === 'ADDRESS' || s.type === 'POSTCODE')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('a postcode closing a postal address (postcodeInAddress)', () => {
  it('reports it apart by default', () => {
    expect(found('Please post it to 8 Linden Walk, Hove, BN3 7QT today')).toEqual([
      ['ADDRESS', '8 Linden Walk'],
      ['POSTCODE', 'BN3 7QT'],
    ]);
  });

  it('joins it to the address past its town, unit and state when asked', () => {
    const one = { postcodeInAddress: true };
    expect(found('Please post it to 8 Linden Walk, Hove, BN3 7QT today', one)).toEqual([
      ['ADDRESS', '8 Linden Walk, Hove, BN3 7QT'],
    ]);
    expect(found('Ship to 77 Alder St Apt 2B, Portland, OR 97205 please', one)).toEqual([
      ['ADDRESS', '77 Alder St Apt 2B, Portland, OR 97205'],
    ]);
    expect(found('Address: 8 Linden Walk\nHove\nBN3 7QT', one)).toEqual([
      ['ADDRESS', '8 Linden Walk\nHove\nBN3 7QT'],
    ]);
  });

  it('joins a US ZIP its state agrees with even by default, and no other', () => {
    expect(found('Mail it to 3120 Quarry Ln, Boise, ID 83704 thanks')).toEqual([
      ['ADDRESS', '3120 Quarry Ln, Boise, ID 83704'],
    ]);
    expect(found('Ship to 908 W Alder Ave #2C, Spokane, WA 99201')).toEqual([
      ['ADDRESS', '908 W Alder Ave #2C, Spokane, WA 99201'],
    ]);
    expect(found('Home: 45 Tamarack Ct, Unit 7, Albany, NY 12203.')).toEqual([
      ['ADDRESS', '45 Tamarack Ct, Unit 7, Albany, NY 12203'],
    ]);
    // Oregon's prefixes are 970-979: a ZIP of another state stays its own span.
    const wrong = found('Mail it to 3120 Quarry Ln, Salem, OR 33704 thanks');
    expect(wrong.map(([t]) => t)).toEqual(['ADDRESS', 'POSTCODE']);
    // A UK postcode keeps the default convention.
    expect(found('Please post it to 8 Linden Walk, Hove, BN3 7QT today')).toHaveLength(2);
  });

  it('joins it by default when the address fills its own line or spreadsheet cell', () => {
    expect(found('Pritam Sandhu\t12 Quarry Lane, Whitby, YO21 3LP\t07700 900 412')).toEqual([
      ['ADDRESS', '12 Quarry Lane, Whitby, YO21 3LP'],
    ]);
    expect(found('Mr O. Venn\n40 Tollgate Road, Ludlow SY8 1QF\n\nDear Mr Venn,')).toEqual([
      ['ADDRESS', '40 Tollgate Road, Ludlow SY8 1QF'],
    ]);
    // After a field's label, in prose, or spread over lines, it stays apart.
    expect(found('Address: 40 Tollgate Road, Ludlow SY8 1QF').map(([t]) => t)).toEqual([
      'ADDRESS',
      'POSTCODE',
    ]);
    expect(found('I live at 40 Tollgate Road, Ludlow SY8 1QF now.').map(([t]) => t)).toEqual([
      'ADDRESS',
      'POSTCODE',
    ]);
    expect(found('40 Tollgate Road, Ludlow\nSY8 1QF').map(([t]) => t)).toEqual(['ADDRESS', 'POSTCODE']);
  });

  it('leaves a postcode alone, or one a sentence away from the address', () => {
    const one = { postcodeInAddress: true };
    expect(found('Agent: postcode?\nCaller: BN3 7QT', one)).toEqual([['POSTCODE', 'BN3 7QT']]);
    expect(found('He lived at 8 Linden Walk, Hove\n\nOur office is BN1 1AA', one)).toEqual([
      ['ADDRESS', '8 Linden Walk'],
      ['POSTCODE', 'BN1 1AA'],
    ]);
  });
});

describe('a town right before its postcode after a comma', () => {
  it('is no person', () => {
    const text =
      'Letter to GP: Dr Ines Albright, Nant Health Centre, High Street, Tredegar Vale NP22 3XP\nSeen today.';
    const names = detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));
    expect(names).toEqual(['Ines Albright']);
  });

  it('leaves a name a comma parts from the postcode, or one after a title', () => {
    const text = 'Signed, Dorcas Whitlow, LS2 7QQ. Copy to Mr Emlyn Pryce NP4 5XA';
    const names = detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));
    expect(names).toEqual(['Dorcas Whitlow', 'Emlyn Pryce']);
  });
});
