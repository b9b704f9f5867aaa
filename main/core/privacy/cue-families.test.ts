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

describe('record numbers under casenote, A&E, ED, K and trust cues', () => {
  it('reads the value after each cue as a medical record number', () => {
    const cases: Array<[string, string]> = [
      ['Casenote number B774120 filed', 'B774120'],
      ['A&E no 30118274 attended', '30118274'],
      ['ED number E5520917 triage', 'E5520917'],
      ['K number K4418203 on the wristband', 'K4418203'],
      ['Trust number 6610293 at discharge', '6610293'],
      ['{"casenote":"C220194"}', 'C220194'],
    ];
    for (const [text, value] of cases)
      expect(found(text, 'MEDICAL_RECORD_NUMBER')).toEqual([['MEDICAL_RECORD_NUMBER', value]]);
  });
  it('leaves a court case number and a name that is no cue', () => {
    expect(found('Court of Protection case no 55201937 for the deputy', 'MEDICAL_RECORD_NUMBER')).toEqual([]);
    expect(found('Ed no longer works here, 4418203 closed', 'MEDICAL_RECORD_NUMBER')).toEqual([]);
  });
});

describe('percent-encoded query-string values', () => {
  it('reads a value decoded under its key and reports the encoded text', () => {
    const url = 'GET /verify?dob=22%2F07%2F1979&mobile=%2B447700900318&sortCode=20%2D14%2D55&acc=%2055102938';
    expect(found(url)).toEqual([
      ['DATE_OF_BIRTH', '22%2F07%2F1979'],
      ['PHONE', '%2B447700900318'],
      ['SORT_CODE', '20%2D14%2D55'],
      ['BANK_ACCOUNT', '55102938'],
    ]);
  });
  it('leaves encoded values under other keys, and broken encodings', () => {
    expect(found('GET /track?ref=%2B447700900318&batch=22%2F07%2F1979')).toEqual([]);
    expect(found('GET /v?phone=%E0%A4%A')).toEqual([]);
  });
});

describe('a change log that names the field apart from its values', () => {
  it("reads the old and new values as the named field's", () => {
    expect(found('audit: field="birth_date" old="1975-06-02" new="1975-02-06" by=clerk_12')).toEqual([
      ['DATE_OF_BIRTH', '1975-06-02'],
      ['DATE_OF_BIRTH', '1975-02-06'],
    ]);
    expect(found('{"attribute":"sortCode","from":"30-92-16","to":"30-92-61"}', 'SORT_CODE')).toEqual([
      ['SORT_CODE', '30-92-16'],
      ['SORT_CODE', '30-92-61'],
    ]);
  });
  it('leaves fields that hold no personal data', () => {
    expect(found('field=app_version old=4.2.10 new=4.2.11')).toEqual([]);
    expect(found('{"field":"status","from":"1975-06-02","to":"closed"}')).toEqual([]);
  });
});

describe("the 'ph' phone label", () => {
  it('cues a phone, OCR-read digits included', () => {
    expect(found('next of kin (brother) ph: 07700 900147', 'PHONE')).toEqual([['PHONE', '07700 900147']]);
    expect(found('brother ph: O77OO 9OO l47', 'PHONE')).toEqual([['PHONE', 'O77OO 9OO l47']]);
  });
  it('leaves a pH reading', () => {
    expect(found('venous pH 7.312 at 0415, repeat 7.298', 'PHONE')).toEqual([]);
  });
});

describe('addresses a deed or letter names its writer "of"', () => {
  it('starts the address after "of", on an address line and inside a sentence', () => {
    expect(
      found('I, Grace Ndlovu, of Holly Barn, Church Lane, Hexham NE46 3PQ authorise', 'ADDRESS'),
    ).toEqual([['ADDRESS', 'Holly Barn, Church Lane, Hexham']]);
    expect(
      found('Dear Sir, I Tom Reeve of Holly Barn , Church Lane , Hexham NE46 3PQ ask', 'ADDRESS'),
    ).toEqual([['ADDRESS', 'Holly Barn , Church Lane , Hexham']]);
  });
});

describe('scanned addresses whose double letters came out as digits', () => {
  it('reads the street with its letters put back and reports it as written', () => {
    expect(found('Please send it to 22 Fi11ey Road, Preston PR1 4XT', 'ADDRESS')).toEqual([
      ['ADDRESS', '22 Fi11ey Road'],
    ]);
    expect(found('I Tom Reeve of Holly Barn, Wa11 Lane, Hexham NE46 3PQ', 'ADDRESS')).toEqual([
      ['ADDRESS', 'Holly Barn, Wa11 Lane, Hexham'],
    ]);
  });
  it('needs a postcode the scan has as written, and a changed lower-case word', () => {
    expect(found('Please send it to 22 Fi11ey Road soon', 'ADDRESS')).toEqual([]);
    expect(found('Room B11, 22 Preston, PR11 4XT', 'ADDRESS')).toEqual([]);
  });
});

describe('postcodes spelled on the phone', () => {
  it('reads letters given with their spelling word and phonetic-alphabet letters', () => {
    expect(found('agent the postcode caller yeah its d as in delta h one four, two r x thanks')).toEqual([
      ['POSTCODE', 'd as in delta h one four, two r x'],
    ]);
    expect(found('postcode is delta hotel one four two romeo xray ok', 'POSTCODE')).toEqual([
      ['POSTCODE', 'delta hotel one four two romeo xray'],
    ]);
    expect(found('the postcode we have is s k nine, four n for november p', 'POSTCODE')).toEqual([
      ['POSTCODE', 's k nine, four n for november p'],
    ]);
  });
  it('stops before a word after the postcode that would spell a letter', () => {
    expect(found('postcode is d h one four two r x mike will ring back', 'POSTCODE')).toEqual([
      ['POSTCODE', 'd h one four two r x'],
    ]);
  });
  it('leaves a spelling word for another letter', () => {
    expect(found('postcode is d for bravo one', 'POSTCODE')).toEqual([]);
  });
});

describe('a council tax account', () => {
  it("is the council's reference, no bank account", () => {
    expect(found('Council Tax account 510293847 for 4 Mill Row', 'BANK_ACCOUNT')).toEqual([]);
    expect(found('council tax ref 51029384, my account 61029384', 'BANK_ACCOUNT')).toEqual([
      ['BANK_ACCOUNT', '61029384'],
    ]);
  });
});

describe('a ZIP given later in its cue sentence', () => {
  it("reads the sentence's first number when it is a ZIP alone", () => {
    expect(found('Intake fix: zip box was left empty, should be 73301.', 'POSTCODE')).toEqual([
      ['POSTCODE', '73301'],
    ]);
    expect(found('her zip was mistyped, it is 73301-2214 now', 'POSTCODE')).toEqual([
      ['POSTCODE', '73301-2214'],
    ]);
  });
  it('leaves a sentence whose first number is no ZIP', () => {
    expect(found('zip code missing, ring 555-0142 ext 73301', 'POSTCODE')).toEqual([]);
    expect(found('zip code missing. Ref 73301', 'POSTCODE')).toEqual([]);
  });
});

describe("a hospital's reference", () => {
  it('is its record number; an order reference stays none', () => {
    expect(found('hospital ref K5520914 on the letter', 'MEDICAL_RECORD_NUMBER')).toEqual([
      ['MEDICAL_RECORD_NUMBER', 'K5520914'],
    ]);
    expect(found('order ref K5520914 on the letter')).toEqual([]);
  });
});

describe('a CSV row whose unquoted value holds a comma and a space', () => {
  it('keeps the columns the header names', () => {
    const csv = 'nino,passport_no,dob\nJT604218C,PL7730148,March 3, 1984\n';
    expect(found(csv)).toEqual([
      ['UK_NINO', 'JT604218C'],
      ['PASSPORT', 'PL7730148'],
      ['DATE_OF_BIRTH', 'March 3, 1984'],
    ]);
  });
});
