import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function phones(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PHONE')
    .map((s) => text.slice(s.start, s.end));
}

describe('numbers that are no customer phone', () => {
  it('leaves UK service numbers and log time stamps alone', () => {
    for (const text of [
      'Complaints Team\n0345 300 0000',
      'freephone 0800 123 4567',
      'Helpline 0808 196 3340',
      'call us on +44 345 300 0000',
      'lines open 8-8 on 0870 123 4567',
      '2025-02-11 14:03:55 WARN PaymentService - check failed',
      '[2025-02-01 07:45:10] ATM-0221 cash dispensed',
    ])
      expect(phones(text), text).toEqual([]);
  });

  it('still finds personal numbers, and Irish mobiles that share a prefix', () => {
    expect(phones('my mobile 07700 900123 or 0208 123 4567')).toEqual(['07700 900123', '0208 123 4567']);
    expect(
      phones('Please call me on plus four four, seven seven one two, three four five, six seven eight.'),
    ).toEqual(['plus four four, seven seven one two, three four five, six seven eight']);
  });

  it('reads a number in the UK 080 range Ofcom never allocated as the Nigerian mobile it is', () => {
    expect(phones('her Lagos mobile is 0805 733 1902')).toEqual(['0805 733 1902']);
    expect(phones('call him on 0809 214 6670')).toEqual(['0809 214 6670']);
  });
});

describe('identifier cues typed as shorthand', () => {
  it('reads a passport after "ppt" and a record number after "EMIS no"', () => {
    const text = 'Asked for ppt: 533947126. Patient EMIS no: 448193';
    expect(detectPii(text).map((s) => `${s.type} ${text.slice(s.start, s.end)}`)).toEqual([
      'PASSPORT 533947126',
      'MEDICAL_RECORD_NUMBER 448193',
    ]);
  });
});

describe('addresses in form fields', () => {
  function addresses(text: string): string[] {
    return detectPii(text)
      .filter((s) => s.type === 'ADDRESS')
      .map((s) => text.slice(s.start, s.end));
  }

  it('reads the value of an address field the street parser did not', () => {
    expect(addresses('Address line 1: Apt 4, The Maltings\nTown: Galway')).toEqual(['Apt 4, The Maltings']);
    expect(addresses('Address: 1412 Calle Ocho, Miami, FL 33135')).toEqual([
      '1412 Calle Ocho, Miami, FL 33135',
    ]);
  });

  it('leaves field values that are no address alone', () => {
    expect(addresses('Time at address: 3 yrs')).toEqual([]);
    expect(addresses('Postal address: same as above')).toEqual([]);
  });
});
