import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/**
 * Query-string parameters and XML elements name their values as JSON keys and CSV headers do: camelCase,
 * snake_case and PascalCase keys pick the type, and keys for orders, versions and references keep their
 * values out. Invented values.
 */
function found(text: string): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => s.type !== 'PERSON')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('values named by a query-string key', () => {
  it('reads camelCase and snake_case parameters', () => {
    expect(found('POST /v2/payee?sortCode=11-22-33&accountNumber=41526374&currency=GBP')).toEqual([
      ['SORT_CODE', '11-22-33'],
      ['BANK_ACCOUNT', '41526374'],
    ]);
    expect(found('GET /records?patient_dob=1977-02-14&page=2')).toEqual([['DATE_OF_BIRTH', '1977-02-14']]);
  });

  it('leaves order, invoice and version parameters alone', () => {
    expect(found('GET /orders?orderNumber=41526374&version=3')).toEqual([]);
    expect(found('a=41526374 and b=2 in the sum')).toEqual([]);
  });
});

describe('values inside an XML element named for them', () => {
  it('reads the element text by its name', () => {
    expect(
      found('<Payee><SortCode>11-22-33</SortCode><AccountNumber>41526374</AccountNumber></Payee>'),
    ).toEqual([
      ['SORT_CODE', '11-22-33'],
      ['BANK_ACCOUNT', '41526374'],
    ]);
    expect(found('<patient><dateOfBirth>14.02.1977</dateOfBirth></patient>')).toEqual([
      ['DATE_OF_BIRTH', '14.02.1977'],
    ]);
  });

  it('leaves an invoice or tracking element alone', () => {
    expect(found('<InvoiceNumber>41526374</InvoiceNumber><TrackingRef>41526375</TrackingRef>')).toEqual([]);
  });
});

describe('CSV cells in double quotes', () => {
  it('keeps later columns in step past a quoted cell holding the separator', () => {
    const csv = 'ref,cust_nm,birth_dt,tel\n5521,"Okafor, Ngozi",1986-09-14,07700900614';
    expect(found(csv).filter(([t]) => t !== 'PERSON')).toEqual([
      ['DATE_OF_BIRTH', '1986-09-14'],
      ['PHONE', '07700900614'],
    ]);
    const semi = 'client;dob\n"Ferreira; Rui ""Tó""";03/11/1971';
    expect(found(semi).filter(([t]) => t !== 'PERSON')).toEqual([['DATE_OF_BIRTH', '03/11/1971']]);
  });
});

describe('ZIP and postcode columns and keys', () => {
  it('read the value alone as a postcode, ZIP+4 and lower case included', () => {
    expect(found('acct|zip|last4\n88|30318|5521').filter(([t]) => t === 'POSTCODE')).toEqual([
      ['POSTCODE', '30318'],
    ]);
    expect(found('{"zip5":"80205-1142","city":"Denver"}')).toEqual([['POSTCODE', '80205-1142']]);
    expect(found('id,pcode\n4,ng7 2rd')).toEqual([['POSTCODE', 'ng7 2rd']]);
  });

  it('leave a blank or non-postal value, and abbreviated birth-date and sort-code headers still read', () => {
    expect(found('id,zip\n4,n/a')).toEqual([]);
    expect(found('id,bdate,sortcd\n4,02/11/1969,301266')).toEqual([
      ['DATE_OF_BIRTH', '02/11/1969'],
      ['SORT_CODE', '301266'],
    ]);
  });
});
