import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import type { PiiType } from './types';

/**
 * Families of structured values found by their published formats and their cues' shapes (separators
 * people type, numbers said in words, a cue answered earlier in the sentence or on the line before).
 * Synthetic examples; the hard negatives sit beside the positives.
 */
function found(text: string, type?: PiiType): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => (type === undefined ? s.type !== 'PERSON' : s.type === type))
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('phone numbers', () => {
  it('keeps a valid number when the competing cue before it was answered or a later clause names it', () => {
    expect(found('born 04/09/1982, mob +44 20 7946 0311. Prefers email', 'PHONE')).toEqual([
      ['PHONE', '+44 20 7946 0311'],
    ]);
    expect(found('I closed my account in Leeds, my new number is 07700 900 318 now', 'PHONE')).toEqual([
      ['PHONE', '07700 900 318'],
    ]);
    expect(
      found('he is here on a student visa from Pune, his Indian number is +91 98200 41234.', 'PHONE'),
    ).toEqual([['PHONE', '+91 98200 41234']]);
  });

  it('still defers to a competing cue that speaks for the digits', () => {
    expect(found('account 07700900318', 'PHONE')).toEqual([]);
    expect(found('driving licence Q6748 44838 22267 seen', 'PHONE')).toEqual([]);
  });

  it('reads the number in a next-of-kin entry after the name', () => {
    expect(found('NOK: Orla Byrne 0871234567', 'PHONE')).toEqual([['PHONE', '0871234567']]);
    expect(found('next of kin Ines Costa (sister) 0412 345 678', 'PHONE')).toEqual([
      ['PHONE', '0412 345 678'],
    ]);
  });

  it('reads a second number slash-joined to the first', () => {
    expect(found('tel: 07700900318/07700900442', 'PHONE')).toEqual([
      ['PHONE', '07700900318'],
      ['PHONE', '07700900442'],
    ]);
    expect(found('on 12/07700900442', 'PHONE')).toEqual([]);
  });

  it('reads a number typed straight after the dot of its cue, and no version number', () => {
    expect(found('tel.07700 900318 after six', 'PHONE')).toEqual([['PHONE', '07700 900318']]);
    expect(found('build.2.07700900318', 'PHONE')).toEqual([]);
  });

  it('reads a typed-up number with one or two digits the writer could not make out, after its cue', () => {
    expect(found('Tel 0161 496 0?37 (smudged). Call Weds.', 'PHONE')).toEqual([['PHONE', '0161 496 0?37']]);
    expect(found('mob 07700 90??41', 'PHONE')).toEqual([['PHONE', '07700 90??41']]);
    // Three unread digits are a guess; with no cue, or a reference's, it is no phone.
    expect(found('mob 07700 9?0??1', 'PHONE')).toEqual([]);
    expect(found('Ref 0161 496 0?37', 'PHONE')).toEqual([]);
  });

  it('reads "hundred" and "thousand" in a number said aloud', () => {
    expect(found('call me back on oh seven seven double oh, nine hundred, three one eight', 'PHONE')).toEqual(
      [['PHONE', 'oh seven seven double oh, nine hundred, three one eight']],
    );
  });
});

describe('bank, NHS and NI numbers after their cue', () => {
  it('reads separators typed between boxes', () => {
    expect(found('Sort code 20 - 31 - 76')).toEqual([['SORT_CODE', '20 - 31 - 76']]);
    expect(found('National Insurance: PN-73-10-42-A')).toEqual([['UK_NINO', 'PN-73-10-42-A']]);
    expect(found('nino pn.73.10.42.a')).toEqual([['UK_NINO', 'pn.73.10.42.a']]);
  });

  it('reads an account number in pairs and an NHS number grouped otherwise when its checksum holds', () => {
    expect(found('Account number: 52 18 40 67')).toEqual([['BANK_ACCOUNT', '52 18 40 67']]);
    expect(found('NHS No 401 0238 518', 'UK_NHS')).toEqual([['UK_NHS', '401 0238 518']]);
    expect(found('NHS No 401 0238 517', 'UK_NHS')).toEqual([]);
  });

  it('reads a cued NHS number typed up with one or two digits left unread', () => {
    expect(found('NHS no 943 476 5?19', 'UK_NHS')).toEqual([['UK_NHS', '943 476 5?19']]);
    expect(found('NHS: 943 476 59?9.', 'UK_NHS')).toEqual([['UK_NHS', '943 476 59?9']]);
    // Three unread digits, or a question mark after the last digit, are no number.
    expect(found('NHS no 943 4?? 5?19', 'UK_NHS')).toEqual([]);
    expect(found('Is it NHS no 943 476 591?', 'UK_NHS')).toEqual([]);
  });

  it('takes a sort-code column headed "sort"', () => {
    expect(found('acct|sort|name\n52184067|20-31-76|P. Shah')).toEqual([
      ['BANK_ACCOUNT', '52184067'],
      ['SORT_CODE', '20-31-76'],
    ]);
  });

  it('pairs an account and a dashed sort code in a headerless row padded into columns', () => {
    expect(found('41729350     60-16-13     ASHBY R     £40.00     SO')).toEqual([
      ['BANK_ACCOUNT', '41729350'],
      ['SORT_CODE', '60-16-13'],
    ]);
    expect(found('60-16-13\t\t41729350\tDD')).toEqual([
      ['SORT_CODE', '60-16-13'],
      ['BANK_ACCOUNT', '41729350'],
    ]);
    // Too far apart to be neighbouring cells.
    expect(found('41729350 was the order; see 60-16-13')).toEqual([]);
  });

  it('reads no sort code after "sort by" or "sort order"', () => {
    expect(found('Sort by 15-25-35 weighting: 15 marks, 25 marks, 35 marks.', 'SORT_CODE')).toEqual([]);
    expect(found('Sort order 40-60-80 for the shelves', 'SORT_CODE')).toEqual([]);
    expect(found('Sort code 40-60-80', 'SORT_CODE')).toEqual([['SORT_CODE', '40-60-80']]);
  });

  it('reads an NI number spelled letter by letter after a long cue', () => {
    expect(found('my national insurance number is p n seven three one oh four two a thanks')).toEqual([
      ['UK_NINO', 'p n seven three one oh four two a'],
    ]);
  });
});

describe('dates of birth and ZIP codes', () => {
  it('reads a birth date after filler words', () => {
    expect(found('they want your dob again, is it 9 7 84', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '9 7 84'],
    ]);
  });

  it('keeps a date after a name when the event word names a later field', () => {
    expect(found('Label - Ruth Okoye - 21/06/1979 - 2 items - PAID', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '21/06/1979'],
    ]);
    expect(found('Ruth Okoye, 21/06/1979 paid in full', 'DATE_OF_BIRTH')).toEqual([]);
  });

  it('reads a ZIP code given as an answer, written or said', () => {
    expect(found('Agent: and the ZIP code?\nCaller: 30318', 'POSTCODE')).toEqual([['POSTCODE', '30318']]);
    expect(found('my zip is nine oh two one oh thanks', 'POSTCODE')).toEqual([
      ['POSTCODE', 'nine oh two one oh'],
    ]);
    expect(found('Agent: and the ZIP code?\nCaller: 303', 'POSTCODE')).toEqual([]);
  });
});

describe('addresses', () => {
  it('reads a continental street line by the postcode and town after its number', () => {
    expect(found('post it to my aunt, Zelena Ulica 8, 21000 Split, Croatia.', 'ADDRESS')).toEqual([
      ['ADDRESS', 'Zelena Ulica 8, 21000 Split, Croatia'],
    ]);
    expect(found('Address: Vestergade 14, 8000 Aarhus', 'ADDRESS')).toEqual([
      ['ADDRESS', 'Vestergade 14, 8000 Aarhus'],
    ]);
  });

  it('leaves counts and years that look like a postcode and town', () => {
    expect(found('Total 12, 10000 Units', 'ADDRESS')).toEqual([]);
    expect(found('Batch Total 12, 40000 Units shipped', 'ADDRESS')).toEqual([]);
    expect(found('Chapter Nine 12, 2024 Report', 'ADDRESS')).toEqual([]);
  });

  it('reads a lower-case street before a postcode on its line, and not without one', () => {
    expect(found('hi its 31 willow grove ls8 2pq buzz twice', 'ADDRESS')).toEqual([
      ['ADDRESS', '31 willow grove'],
    ]);
    expect(found('hi its 31 willow grove, the one by the park', 'ADDRESS')).toEqual([]);
    expect(found('3 days ls8 2pq', 'ADDRESS')).toEqual([]);
  });

  it('reports a flat, its building and its street as one address', () => {
    expect(found('Deliver to Flat 9, Harbour Court, 12 Quay Road, Whitby today', 'ADDRESS')).toEqual([
      ['ADDRESS', 'Flat 9, Harbour Court, 12 Quay Road'],
    ]);
  });
});

describe('answers in chat', () => {
  it('answers a follow-up question with the cue of the question before it', () => {
    expect(
      found('Sam: passport no for the flights?\nJo: 533401872\nSam: and urs Kit?\nKit: 120384559'),
    ).toEqual([
      ['PASSPORT', '533401872'],
      ['PASSPORT', '120384559'],
    ]);
    expect(found('Sam: passport no?\nJo: 533401872\nSam: and how are you?\nKit: 120384559')).toEqual([
      ['PASSPORT', '533401872'],
    ]);
  });

  it('reads a postcode typed in lower case as the answer to a postcode question', () => {
    expect(found('Agent: And your postcode?\nCustomer: g12 8qq', 'POSTCODE')).toEqual([
      ['POSTCODE', 'g12 8qq'],
    ]);
    expect(found('Agent: And your postcode?\nCustomer: gone out', 'POSTCODE')).toEqual([]);
  });
});

describe('organisation numbers', () => {
  it('leaves a ten-digit freephone number as it leaves an eleven-digit one', () => {
    expect(found('Helpline: 0800 111 999 (free)', 'PHONE')).toEqual([]);
    expect(found('Helpline: 0800 111 9999 (free)', 'PHONE')).toEqual([]);
  });
});

describe('stock and production numbers', () => {
  it('are no phone, NHS or account number after their keyword', () => {
    expect(found('SKU 01632960418 back in stock')).toEqual([]);
    expect(found('Part no. 0118 496 0733 on back order')).toEqual([]);
    expect(found('Lot number 0161 496 0277, batch no 0121 496 0590')).toEqual([]);
  });

  it('leave a number a later cue names alone', () => {
    expect(found('thanks a lot, ring me on 07700 900418')).toEqual([['PHONE', '07700 900418']]);
  });
});
