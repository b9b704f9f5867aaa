import { describe, expect, it } from 'vitest';
import { phones } from './phones';
import { Scan } from './scan';
import { detectPii } from './detect';
import { cards, datesOfBirth, emails, ibans, ips, keyedIds, nhsNumbers, ninos, ssns } from './structured';

/**
 * The digit recognizers work on char codes and digit-run shapes rather than on candidate strings;
 * these edge cases pin what they find (type, text, score before rounding to two places).
 */
function found(recognizer: (s: Scan) => void, text: string): Array<[string, string, number]> {
  const s = new Scan(text);
  recognizer(s);
  return s.out.map((c) => [c.type, text.slice(c.start, c.end), Math.round(c.score * 100) / 100]);
}

describe('phones', () => {
  it('opens numbers at "+" and "(" only when a digit follows, and respects the lookbehind', () => {
    expect(found(phones, 'call +44 (0)20 7946 0018 or (020) 7946 0018.')).toEqual([
      ['PHONE', '+44 (0)20 7946 0018', 1],
      ['PHONE', '(020) 7946 0018', 1],
    ]);
    expect(found(phones, 'a+44 7911 123456, C++ 7911123456, x(0)7911 123456')).toEqual([
      ['PHONE', '7911 123456', 0.4],
      ['PHONE', '7911123456', 0.4],
      ['PHONE', '7911 123456', 0.4],
    ]);
  });

  it('cuts swallowed groups, drops an unopened bracket, and skips dotted quads and unknown codes', () => {
    expect(found(phones, 'ring 07911 123456 2 times')).toEqual([['PHONE', '07911 123456', 0.95]]);
    expect(found(phones, 'ring 07700 900123 2 times')).toEqual([['PHONE', '07700 900123', 0.95]]); // drama range too
    expect(found(phones, 'fax: 212-555-0187) and +33 6 12 34 56 78')).toEqual([
      ['PHONE', '212-555-0187', 0.95],
      ['PHONE', '+33 6 12 34 56 78', 1],
    ]);
    expect(found(phones, 'ip 192.168.1.20 and 00 123 456 789 and +0 123 456 7890')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it('finds written and numeric dates next to a birth keyword', () => {
    expect(found(datesOfBirth, 'Born 3rd of March 1990, seen 12/04/2025.')).toEqual([
      ['DATE_OF_BIRTH', '3rd of March 1990', 0.9],
    ]);
    expect(found(datesOfBirth, 'DOB: Sept. 4, 1987; born on 1987-09-04 x12/03/1990')).toEqual([
      ['DATE_OF_BIRTH', 'Sept. 4, 1987', 0.9],
      ['DATE_OF_BIRTH', '1987-09-04', 0.9],
    ]);
  });

  it('ignores near misses', () => {
    expect(found(datesOfBirth, 'born 12 items 1990, born 12/3 and bday 31.12.1999.5')).toEqual([]);
  });
});

describe('structured identifiers', () => {
  it('IBANs with spaces, hyphens and lower case, not inside a word', () => {
    const text = 'IBAN gb82 west 1234 5698 7654 32, xGB82WEST12345698765432, DE89-3704-0044-0532-0130-00.';
    expect(found(ibans, text)).toEqual([
      ['IBAN', 'gb82 west 1234 5698 7654 32', 0.95],
      ['IBAN', 'DE89-3704-0044-0532-0130-00', 0.95],
    ]);
  });

  it('NINOs open a word and hold digit pairs', () => {
    // DQ is never issued; QQ (HMRC's example prefix) counts only after a cue (structured-cued.test.ts).
    expect(found(ninos, 'NI number DQ 12 34 56 C, phone AB123456C9, xAB123456C, ab 123456 d')).toEqual([
      ['UK_NINO', 'ab 123456 d', 0.5],
    ]);
  });

  it('SSNs, NHS numbers and cards by their grouping', () => {
    expect(found(ssns, 'ssn 234-56-7890, 234 56 7890, 234567890, 234-56 7890, 078-05-1120')).toEqual([
      ['US_SSN', '234-56-7890', 1],
      ['US_SSN', '234 56 7890', 0.95],
      ['US_SSN', '234567890', 0.75],
    ]);
    expect(found(nhsNumbers, 'NHS 943 476 5919, 943-476-5919, 9434765919, 943 476-5919')).toEqual([
      ['UK_NHS', '943 476 5919', 0.8],
      ['UK_NHS', '943-476-5919', 0.8],
      ['UK_NHS', '9434765919', 0.8],
    ]);
    expect(found(cards, 'card 4111 1111 1111 1111, 4111-1111-1111-1112, 378282246310005')).toEqual([
      ['CREDIT_CARD', '4111 1111 1111 1111', 1],
      ['CREDIT_CARD', '378282246310005', 1],
    ]);
  });

  it('emails need a letter TLD after a dot', () => {
    expect(found(emails, 'mail a.b@example.co.uk, x@host.c0m, y@.uk, z@host.museum.')).toEqual([
      ['EMAIL', 'a.b@example.co.uk', 0.97],
      ['EMAIL', 'z@host.museum', 0.97],
    ]);
  });

  it('IP addresses, not times', () => {
    const text = 'from 10.0.0.1 at 10:30:00 via 2001:db8::ff00:42:8329 and a:b:c';
    expect(found((s) => ips(s, true), text)).toEqual([
      ['IP_ADDRESS', '10.0.0.1', 0.85],
      ['IP_ADDRESS', '2001:db8::ff00:42:8329', 0.9],
    ]);
  });

  it('keyed ids and UK licences', () => {
    expect(found(keyedIds, 'passport number 123456789, licence no MORGA657054SM9IJ 35')).toEqual([
      ['PASSPORT', '123456789', 0.85],
      ['DRIVER_LICENSE', 'MORGA657054SM9IJ', 0.85],
      ['DRIVER_LICENSE', 'MORGA657054SM9IJ 35', 0.9],
    ]);
  });
});

describe('shared code units', () => {
  it('each recognizer reads its own Scan even when Scans interleave or the pass lower-cases', () => {
    const a = 'İstanbul: call 07911 123456, born 3rd of March 1990, IBAN GB82 WEST 1234 5698 7654 32.';
    const b = 'ref 4111 1111 1111 1111 and 10.0.0.1';
    const first = new Scan(a);
    const second = new Scan(b);
    void first.runs;
    void second.runs; // the shared buffer now holds b
    const all = (s: Scan): void => {
      phones(s);
      datesOfBirth(s);
      ibans(s);
    };
    all(first);
    const fresh = new Scan(a);
    all(fresh);
    expect(first.out).toEqual(fresh.out);
    expect(first.out.map((c) => a.slice(c.start, c.end))).toEqual([
      '07911 123456',
      '3rd of March 1990',
      'GB82 WEST 1234 5698 7654 32',
    ]);
  });
});

describe('a record number that carries its own label', () => {
  const mrn = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'MEDICAL_RECORD_NUMBER')
      .map((s) => text.slice(s.start, s.end));

  it('reads MR-, MRN, RX# joined to the digits as one token, and the digits after a spaced label', () => {
    expect(mrn('Ward 7 handover: MR-902114 for obs at 6')).toEqual(['MR-902114']);
    expect(mrn('scan booked (MRN00318842) Tuesday')).toEqual(['MRN00318842']);
    expect(mrn('collect RX#7712049 from the hatch')).toEqual(['RX#7712049']);
    // A reference's cue before RX makes it a prescription or order reference; MR keeps its label.
    expect(mrn('Your repeat is ready. Ref RX-55120, collect after 2pm')).toEqual([]);
    expect(mrn('Order RX4410938 dispatched')).toEqual([]);
    expect(mrn('case ref MR-330917 reviewed')).toEqual(['MR-330917']);
  });

  it("reads a trust's code and seven digits as a hospital number, and the hospitals' own cues", () => {
    expect(mrn('Discharge meds for pt (RQX 5510274), review Fri')).toEqual(['RQX 5510274']);
    expect(mrn('RW3 8820193 seen in clinic')).toEqual(['RW3 8820193']);
    expect(mrn('Route 66 5510274 and R 5510274')).toEqual([]);
    expect(mrn('Pt no. 5510274, M.R.N.: 5510275, PAS number 5510276')).toEqual([
      '5510274',
      '5510275',
      '5510276',
    ]);
    expect(mrn('her hospital number being 5510274')).toEqual(['5510274']);
    expect(mrn('Bay 3, RXN 4410938, nil by mouth')).toEqual(['4410938']);
    expect(mrn('Rx no 2290417 awaiting the GP')).toEqual(['2290417']);
    expect(mrn('MR 6620184 seen in clinic')).toEqual(['6620184']);
  });

  it('leaves short numbers, lower-case labels, longer words and part numbers alone', () => {
    expect(mrn('the MR-20 scanner and MR 4412 coil')).toEqual([]);
    expect(mrn('SMR-447120 is a pump model, Mr 3381920 is not a label')).toEqual([]);
    expect(mrn('order MR-4471203-B from stores')).toEqual([]);
  });
});

describe('a clinic number as a medical record number', () => {
  const mrns = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'MEDICAL_RECORD_NUMBER')
      .map((s) => text.slice(s.start, s.end));

  it('reads the id after "clinic number" or "clinic no"', () => {
    expect(mrns('Clinic number SHC-551902, please quote it.')).toEqual(['SHC-551902']);
    expect(mrns('clinic no 4471920 on the letter')).toEqual(['4471920']);
  });

  it('leaves a clinic phone number and a clinic with no number', () => {
    expect(mrns('The clinic opens at 9 on Monday 12 May.')).toEqual([]);
  });
});
