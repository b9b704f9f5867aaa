import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import type { PiiType } from './types';

/**
 * Structured values that only their cue, their layout or their specification lets through: specimen
 * numbers given as someone's, misspelt cues, sort code and account pairs in case notes and exports.
 * Invented values; the hard negatives sit beside the positives.
 */
function found(text: string, type?: PiiType): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => (type === undefined ? s.type !== 'PERSON' : s.type === type))
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('specimen identifiers after an explicit cue', () => {
  it('keeps the advertising SSNs under an SSN cue or column, and drops them on their own', () => {
    expect(found('Applicant SSN: 219-09-9999, verified', 'US_SSN')).toEqual([['US_SSN', '219-09-9999']]);
    expect(found('ssn\tsurname\n078-05-1120\tOkafor', 'US_SSN')).toEqual([['US_SSN', '078-05-1120']]);
    expect(found('Sample card shows 078-05-1120 as the format', 'US_SSN')).toEqual([]);
    expect(found('the sequence 123-45-6789 in the manual', 'US_SSN')).toEqual([]);
  });

  it("keeps HMRC's QQ example prefix only under a National Insurance cue", () => {
    expect(found('NI no QQ 45 12 89 B, asked for ISA form', 'UK_NINO')).toEqual([
      ['UK_NINO', 'QQ 45 12 89 B'],
    ]);
    expect(found('national insurance: QQ451289B', 'UK_NINO')).toEqual([['UK_NINO', 'QQ451289B']]);
    expect(found('batch QQ 45 12 89 B shipped', 'UK_NINO')).toEqual([]);
  });
});

describe('passport cues typed in a hurry', () => {
  it('reads a passport number after a misspelt cue', () => {
    expect(found('hi my pasport no K4412098 , need to open account', 'PASSPORT')).toEqual([
      ['PASSPORT', 'K4412098'],
    ]);
    expect(found('passort number 561203374 exp 2031', 'PASSPORT')).toEqual([['PASSPORT', '561203374']]);
  });
});

describe('passport and hospital number cues in other styles', () => {
  it("reads a travel document's number and an Indonesian or Malay 'paspor'", () => {
    expect(found('Travel document no. 730418265', 'PASSPORT')).toEqual([['PASSPORT', '730418265']]);
    expect(found('Nomor paspor: C 7304182', 'PASSPORT')).toEqual([['PASSPORT', 'C 7304182']]);
    expect(found('travel documents posted 03/04/2025', 'PASSPORT')).toEqual([]);
  });

  it('reads a hospital registration number', () => {
    expect(found('Hospital registration number: 6630418', 'MEDICAL_RECORD_NUMBER')).toEqual([
      ['MEDICAL_RECORD_NUMBER', '6630418'],
    ]);
  });
});

describe('a cue asked as a question and answered by the same writer', () => {
  it('reads the value after the question mark', () => {
    expect(found("Driving licence number? It's K731-5520-4408.", 'DRIVER_LICENSE')).toEqual([
      ['DRIVER_LICENSE', 'K731-5520-4408'],
    ]);
    expect(found('Your licence number? Not to hand, ring me back', 'DRIVER_LICENSE')).toEqual([]);
  });
});

describe('sort code and account pairs', () => {
  it('reads a payee pair after a payment word, but not one a keyword right after names', () => {
    expect(found('Faster Payment to payee "A Novak" 20-45-17 63019924, sum £900.')).toEqual([
      ['SORT_CODE', '20-45-17'],
      ['BANK_ACCOUNT', '63019924'],
    ]);
    expect(found('paid to R Ilic 20-45-17 63019924 ref overdue')).toEqual([]);
    expect(found('payment on 12-03-24 for £45.00')).toEqual([]);
  });

  it('splits a 14-digit sort code and account stored as one after an account cue', () => {
    expect(found('customer acc: 30944163019924 (from export)')).toEqual([
      ['SORT_CODE', '309441'],
      ['BANK_ACCOUNT', '63019924'],
    ]);
    expect(found('order 30944163019924 dispatched')).toEqual([]);
    expect(found('acct 3094416301992411 on file', 'SORT_CODE')).toEqual([]);
  });
});

describe('hard negatives shaped like cards and identifiers', () => {
  it('leaves a handset IMEI or SIM ICCID alone, though it passes Luhn', () => {
    expect(found('Stock WH-12 IMEI 490154203237518 boxed')).toEqual([]);
    expect(found('IMEI 490154203237518, paid by card 4556737586899855', 'CREDIT_CARD')).toEqual([
      ['CREDIT_CARD', '4556737586899855'],
    ]);
  });

  it("leaves a production batch's and a meter's numbers alone, though they are shaped like phones", () => {
    expect(found('Batch 07700 900456 withdrawn from sale')).toEqual([]);
    expect(found('Meter reading 0791 4420 318 taken today')).toEqual([]);
    expect(found('MPRN 7402 5583 19')).toEqual([]);
    expect(found('call the meter reader on 07700 900456', 'PHONE')).toEqual([['PHONE', '07700 900456']]);
  });

  it('leaves digits glued to a tracking prefix alone', () => {
    expect(found('Dispatched\tJD014600006281937245\t2 items', 'CREDIT_CARD')).toEqual([]);
  });

  it('reads no passport in a software version after a passport word', () => {
    expect(found('Bug: reader fails on any passport.\nEnv: v3.18.2 build 4410')).toEqual([]);
    expect(found('passport reader 2.4.11 crashed')).toEqual([]);
    expect(found('passport no 533380012 seen', 'PASSPORT')).toEqual([['PASSPORT', '533380012']]);
  });
});

describe("a role's mailbox", () => {
  it('is no personal e-mail address, with or without a qualifier', () => {
    const text = 'From noreply@trust.example, cc enquiries@bank.example and security-alert@bank.example';
    expect(found(text, 'EMAIL')).toEqual([]);
    expect(found('write to complaints@bank.example or to me, oana.ilic@mail.example', 'EMAIL')).toEqual([
      ['EMAIL', 'oana.ilic@mail.example'],
    ]);
    expect(found('my address is infoman.ray@mail.example', 'EMAIL')).toEqual([
      ['EMAIL', 'infoman.ray@mail.example'],
    ]);
  });

  it('covers the desks, referral and booking boxes and team lists work is routed through', () => {
    const text = 'To: referrals@trust.example\nCc: team-leads@bank.example, loansdesk@bank.example';
    expect(detectPii(text).map((s) => s.type)).toEqual([]);
    expect(found('or book at appointments@clinic.example', 'EMAIL')).toEqual([]);
    expect(found('cc claims@insurer.example, fraud-ops@bank.example, pals@trust.example', 'EMAIL')).toEqual(
      [],
    );
    // A desk or team word inside a person's own address is no role.
    expect(found('mail deskins.paul@mail.example or teamwork.jo@mail.example', 'EMAIL')).toEqual([
      ['EMAIL', 'deskins.paul@mail.example'],
      ['EMAIL', 'teamwork.jo@mail.example'],
    ]);
  });
});

describe('the nearest cue names a scanned checklist value', () => {
  it("does not let a ticked list's licence cue reach past the passport cue on the next line", () => {
    expect(found('Seen: Passport [x] Driving licence [ ]\nPassport No. 802311746  Issued: 02/2022')).toEqual([
      ['PASSPORT', '802311746'],
    ]);
    expect(found('Documents: passport, driving licence\nPassport number 802311746')).toEqual([
      ['PASSPORT', '802311746'],
    ]);
    expect(found('Documents: passport, driving licence\nLicence no 802311746')).toEqual([
      ['DRIVER_LICENSE', '802311746'],
    ]);
  });

  it('takes no OCR-misspelt cue word for the passport number after a ticked box', () => {
    expect(found('Passport [x]\nPassp0rt N0. 8O2311746', 'PASSPORT')).toEqual([['PASSPORT', '8O2311746']]);
    // A document number in capitals keeps its 0s and 1s.
    expect(found('Passport no: KWTRZB10X', 'PASSPORT')).toEqual([['PASSPORT', 'KWTRZB10X']]);
  });
});

describe('an account number written before its dashed sort code', () => {
  it('pairs them with no cue, or in brackets after an account cue', () => {
    expect(found('Please send the £90 to 62019384, 11-09-27 today')).toEqual([
      ['BANK_ACCOUNT', '62019384'],
      ['SORT_CODE', '11-09-27'],
    ]);
    expect(found('Joint account 62019384 (11-09-27) closed')).toEqual([
      ['BANK_ACCOUNT', '62019384'],
      ['SORT_CODE', '11-09-27'],
    ]);
  });

  it('leaves an order or invoice number before a dashed date alone', () => {
    expect(found('Order 62019384, 11-09-27')).toEqual([]);
    expect(found('Invoice 62019384 (11-09-27)')).toEqual([]);
  });
});

describe('year-stamped case and claim serials', () => {
  it('are no record number after a case or prescription cue', () => {
    expect(found('Case number CASE-2025-00913 opened')).toEqual([]);
    expect(found('Private Rx number RX-2023-4471.')).toEqual([]);
  });

  it('leave trust-prefixed hospital numbers alone', () => {
    expect(found('Hospital number: KGH-0087312')).toEqual([['MEDICAL_RECORD_NUMBER', 'KGH-0087312']]);
    expect(found('MRN at the old trust was NWH-00318847; new one pending')).toEqual([
      ['MEDICAL_RECORD_NUMBER', 'NWH-00318847'],
    ]);
  });
});

describe('US chart styles of a record number cue', () => {
  it('reads the number after "MR#", "MR #:", "Med. Rec. No." and "Patient #"', () => {
    expect(found('MR# 30917754 admitted via ED')).toEqual([['MEDICAL_RECORD_NUMBER', '30917754']]);
    expect(found('MR #: 30917754')).toEqual([['MEDICAL_RECORD_NUMBER', '30917754']]);
    expect(found('Med. Rec. No. 5518302')).toEqual([['MEDICAL_RECORD_NUMBER', '5518302']]);
    expect(found('Patient #: 5518302')).toEqual([['MEDICAL_RECORD_NUMBER', '5518302']]);
  });

  it('leaves a title and a queue position alone', () => {
    expect(found('Dear Mr #1 fan, patient # 3 in the queue')).toEqual([]);
  });
});

describe('cues typed in a hurry', () => {
  it('read the account, birth date and passport after a misspelt cue', () => {
    expect(found('my acount number is 62017745')).toEqual([['BANK_ACCOUNT', '62017745']]);
    expect(found('date of brith 30/06/1979')).toEqual([['DATE_OF_BIRTH', '30/06/1979']]);
    expect(found('brithday is 30/06/1979')).toEqual([['DATE_OF_BIRTH', '30/06/1979']]);
    expect(found('passprt 720194466')).toEqual([['PASSPORT', '720194466']]);
  });
});
