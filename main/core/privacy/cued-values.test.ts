import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import { spokenValue } from './cued-values';
import type { PiiType } from './types';

/**
 * Families of values found in corpus C (text by an author who never saw the detector), each closed by
 * a rule from the format and its cue: positives and the hard negatives next to them.
 */
function found(text: string, type?: PiiType): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => type === undefined || s.type === type)
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe('numbers read out after their cue', () => {
  it('reads digit words, double/triple, tens and teens as the format needs', () => {
    expect(spokenValue('sixty, eighty-three, double one, account', 0, 6)).toEqual({
      value: '608311',
      end: 31,
    });
    expect(spokenValue('sixty three twelve', 0, 6)?.value).toBe('6312');
    expect(spokenValue('J, K, nine three, four one, oh seven, B. I', 0, 9, true)?.value).toBe('JK934107B');
    expect(spokenValue('nothing here', 0, 6)).toBeNull();
  });

  it('finds sort codes, accounts, NI, NHS and card numbers read out', () => {
    const voicemail =
      'my account number is six one, four four, two nine, oh three and the sort code is three oh, nine two, one six.';
    expect(found(voicemail)).toEqual([
      ['BANK_ACCOUNT', 'six one, four four, two nine, oh three'],
      ['SORT_CODE', 'three oh, nine two, one six'],
    ]);
    expect(
      found(
        'My sort code is sixty, eighty-three, double one, account two oh double four, seven nine one two.',
      ),
    ).toEqual([
      ['SORT_CODE', 'sixty, eighty-three, double one'],
      ['BANK_ACCOUNT', 'two oh double four, seven nine one two'],
    ]);
    expect(
      found('My national insurance is J, K, nine three, four one, oh seven, B. Thanks.', 'UK_NINO'),
    ).toEqual([['UK_NINO', 'J, K, nine three, four one, oh seven, B']]);
    expect(found('NHS number nine four three, four seven six, five nine one nine please', 'UK_NHS')).toEqual([
      ['UK_NHS', 'nine four three, four seven six, five nine one nine'],
    ]);
    expect(found('card number four one one one, one one one one, one one one one, one one one one.')).toEqual(
      [['CREDIT_CARD', 'four one one one, one one one one, one one one one, one one one one']],
    );
    expect(
      found(
        'patient ID M R N seven seven three oh four one nine, can the pharmacist come',
        'MEDICAL_RECORD_NUMBER',
      ),
    ).toEqual([['MEDICAL_RECORD_NUMBER', 'M R N seven seven three oh four one nine']]);
  });

  it('needs the whole value: too few digits, a failed check or words are no value', () => {
    expect(found('the account was open for two weeks, the sort code is on the letter')).toEqual([]);
    expect(found('card ending four four one two was used in Lisbon')).toEqual([]);
    // Luhn fails: one digit changed.
    expect(found('card number four one one one, one one one one, one one one one, one one one two.')).toEqual(
      [],
    );
    // Mod-11 fails.
    expect(found('NHS number nine four three, four seven six, five nine one eight please', 'UK_NHS')).toEqual(
      [],
    );
    // A NINO prefix HMRC never issues (D first), and a national insurance question.
    expect(found('national insurance is D, K, nine three, four one, oh seven, B', 'UK_NINO')).toEqual([]);
    expect(found('national insurance is a pain to sort out, one two three', 'UK_NINO')).toEqual([]);
  });

  it('opens a phone number at "plus" read out', () => {
    expect(
      found('Please call me on plus four four, seven seven one two, three four five, six seven eight.'),
    ).toEqual([['PHONE', 'plus four four, seven seven one two, three four five, six seven eight']]);
    expect(found('call me plus one more thing')).toEqual([]);
  });
});

describe('a sort code written beside its account number', () => {
  it('is a sort code when an account keyword sits between or before the pair', () => {
    expect(found('its 20 32 06 and acc 53881204 love u x')).toEqual([
      ['SORT_CODE', '20 32 06'],
      ['BANK_ACCOUNT', '53881204'],
    ]);
    expect(found('Sending over the account for payroll: 04-00-75 / 19282736. Name on it')).toEqual([
      ['SORT_CODE', '04-00-75'],
      ['BANK_ACCOUNT', '19282736'],
    ]);
    expect(found('checking\nElla (agent): 40-11-62 acct 71022384\n', 'SORT_CODE')).toEqual([
      ['SORT_CODE', '40-11-62'],
    ]);
  });

  it('needs no keyword when only a space, comma or slash parts a grouped pair of 2-2-2 and 8 digits', () => {
    expect(found('bank details: 40-47-84, 31926819')).toEqual([
      ['SORT_CODE', '40-47-84'],
      ['BANK_ACCOUNT', '31926819'],
    ]);
    expect(found('sort code 40 47 84 31926819 thx')).toEqual([
      ['SORT_CODE', '40 47 84'],
      ['BANK_ACCOUNT', '31926819'],
    ]);
    // Not 8 digits, words between, a keyword of another kind, or ungrouped six digits.
    expect(found('bank details: 40-47-84, 3192681')).toEqual([]);
    expect(found('40-47-84 then 31926819')).toEqual([]);
    expect(found('ref 20-32-06 / 53881204 attached')).toEqual([]);
    expect(found('on 404784 31926819')).toEqual([]);
  });

  it('is not one without an account keyword, beside a date keyword, or ungrouped', () => {
    expect(found('DOB 12-03-85, account 12345678', 'SORT_CODE')).toEqual([]);
    expect(found('paid 12-03-25 acct 12345678', 'SORT_CODE')).toEqual([]);
    expect(found('account 203206 53881204', 'SORT_CODE')).toEqual([]);
    expect(found('20-32-06 acc 123 for the team', 'SORT_CODE')).toEqual([]);
  });
});

describe('phone labels and stored numbers', () => {
  it("reads a signature's one-letter label as a phone cue, over a chance NHS check digit", () => {
    expect(found('Efua Le\nM: 087 838 1805\nefua@example.com', 'PHONE')).toEqual([['PHONE', '087 838 1805']]);
    expect(found('Yaw Lamb\nM: 0489259414\n', 'PHONE')).toEqual([['PHONE', '0489259414']]);
    // An NHS word keeps the NHS number; a label inside a line is no label.
    expect(found('NHS 087 838 1805')).toEqual([['UK_NHS', '087 838 1805']]);
    expect(found('Size M: 0489259414', 'PHONE')).toEqual([]);
  });

  it('reads E.164 digits stored without their "+" after a phone cue, unbroken only', () => {
    expect(found('INFO sms.send to=447911123456 template=OTP_V2', 'PHONE')).toEqual([
      ['PHONE', '447911123456'],
    ]);
    expect(found('msisdn=353871234567 status=ok', 'PHONE')).toEqual([['PHONE', '353871234567']]);
    expect(found('id=447911123456 status=ok', 'PHONE')).toEqual([]);
    expect(found('msisdn=4479 1112 3456', 'PHONE')).toEqual([]);
  });
});

describe('log timestamps', () => {
  it('an ISO date and hour opening a log line is not a phone number', () => {
    expect(found('2025-02-11 14:03:55 WARN PaymentService - check failed', 'PHONE')).toEqual([]);
    expect(found('[2025-02-01 07:45:10] ATM-0221 cash dispensed', 'PHONE')).toEqual([]);
    // A real North American number is still one.
    expect(found('call 202-502-1114 today', 'PHONE')).toEqual([['PHONE', '202-502-1114']]);
  });
});

describe('record, licence and passport cues', () => {
  it("reads 'ppt' and a GP system's number, and slash-joined record numbers after a prefix", () => {
    expect(found('Asked for ppt: 533947126. ID OK after.', 'PASSPORT')).toEqual([['PASSPORT', '533947126']]);
    expect(found('Patient EMIS no: 448193', 'MEDICAL_RECORD_NUMBER')).toEqual([
      ['MEDICAL_RECORD_NUMBER', '448193'],
    ]);
    expect(found('Andile Zulu, patient ID PT/0449/21. 8 sessions', 'MEDICAL_RECORD_NUMBER')).toEqual([
      ['MEDICAL_RECORD_NUMBER', 'PT/0449/21'],
    ]);
  });

  it('a slash elsewhere is a date or a fraction, and a slide deck is no passport', () => {
    expect(found('Passport expires 04/2031, renewal in March 2030.')).toEqual([]);
    expect(found('chart 2024/25 review due', 'MEDICAL_RECORD_NUMBER')).toEqual([]);
    expect(found('see results.ppt 2024 version', 'PASSPORT')).toEqual([]);
  });

  it('reads a generic number field inside a JSON object named by its cue', () => {
    expect(found('{"dl":{"state":"NY","number":"483 201 776"},"verified":true}', 'DRIVER_LICENSE')).toEqual([
      ['DRIVER_LICENSE', '483 201 776'],
    ]);
    expect(found('{"order":{"state":"NY","number":"483 201 776"}}', 'DRIVER_LICENSE')).toEqual([]);
    expect(found('{"dl":{"state":"NY"},"number":"483 201 776"}', 'DRIVER_LICENSE')).toEqual([]);
  });
});

describe('postcodes the upper-case UK pattern does not read', () => {
  it('finds Irish Eircodes by their routing key and identifier alphabet', () => {
    expect(found('Eircode: H91 E2K3\nPhone: x', 'POSTCODE')).toEqual([['POSTCODE', 'H91 E2K3']]);
    // A postcode word in any case opens a postcode read out or spaced; an address word does not.
    expect(found('POST CODE :  B 1 5  2 T T', 'POSTCODE')).toEqual([['POSTCODE', 'B 1 5  2 T T']]);
    expect(found('ZIP: nine oh two one oh', 'POSTCODE')).toEqual([['POSTCODE', 'nine oh two one oh']]);
    expect(found('Apt 2, Dublin D6W Y2K8, Ireland', 'POSTCODE')).toEqual([['POSTCODE', 'D6W Y2K8']]);
    // No such routing key; a letter outside the identifier alphabet (B, G, I, J, L, M, O, Q, S, U, Z).
    expect(found('part A12 B3C4 in stock', 'POSTCODE')).toEqual([]);
    expect(found('Dublin D02 B3C4', 'POSTCODE')).toEqual([]);
  });

  it('finds a lower-case UK postcode with a two-letter area, not text-speak', () => {
    expect(found('14 bramble close ls17 8ht buzz flat 2', 'POSTCODE')).toEqual([['POSTCODE', 'ls17 8ht']]);
    expect(found('see u b4 4th of may', 'POSTCODE')).toEqual([]);
    expect(found('code xq12 3ab', 'POSTCODE')).toEqual([]);
  });
});

describe('National Insurance and reference fields', () => {
  it('reads a NINO column or key as a NINO, whatever cue stands next to it', () => {
    expect(
      found('ni_number\tDriverLicense\tamount\nLM726121C\tASHWO903070T99XQ\t£43.15\n', 'UK_NINO'),
    ).toEqual([['UK_NINO', 'LM726121C']]);
    expect(found('ni_number,passport_no\nAG509073D,PK452721\n')).toEqual([
      ['UK_NINO', 'AG509073D'],
      ['PASSPORT', 'PK452721'],
    ]);
    // A suffix after D is no NINO, column or not.
    expect(found('ni_number,amount\nAG509073E,12\n', 'UK_NINO')).toEqual([]);
  });

  it('a ticket, order or reference field holds no personal number, whatever its digits look like', () => {
    expect(found('{"phone": "+12013177731", "ticketId": "838198314"}', 'PHONE')).toEqual([
      ['PHONE', '+12013177731'],
    ]);
    expect(found('{"orderRef": "07911 123456"}', 'PHONE')).toEqual([]);
    expect(found('{"mobile": "07911 123456"}', 'PHONE')).toEqual([['PHONE', '07911 123456']]);
  });
});

describe('an e-mail address read out after its cue', () => {
  it('reads words joined by dot, at, underscore and a spelled top-level domain', () => {
    expect(found('my email is pedro dot alves at sapo dot p t. Please send the form')).toEqual([
      ['EMAIL', 'pedro dot alves at sapo dot p t'],
    ]);
    expect(found('e-mail address is jo underscore smith at outlook dot co dot uk, ta', 'EMAIL')).toEqual([
      ['EMAIL', 'jo underscore smith at outlook dot co dot uk'],
    ]);
  });

  it('needs an "at" and a dot after it', () => {
    expect(found('my email is down at the moment', 'EMAIL')).toEqual([]);
    expect(found('the email at the top of the page', 'EMAIL')).toEqual([]);
    expect(found('email is pedro dot alves', 'EMAIL')).toEqual([]);
  });
});

describe('hard negatives from the exactness sweep', () => {
  it('a 2-2-2 inside a longer digit chain is no sort code, and five digits read out are no record number', () => {
    expect(found('a/c +33 6 12 34 56 78 today', 'SORT_CODE')).toEqual([]);
    expect(found('chart oh seven nine one one', 'MEDICAL_RECORD_NUMBER')).toEqual([]);
  });
});

describe("other languages' passport and phone labels", () => {
  it('reads the value after a passport or phone label in Spanish, French, German, Polish, Italian', () => {
    expect(found('Hola, mi pasaporte es XK7730215, gracias', 'PASSPORT')).toEqual([
      ['PASSPORT', 'XK7730215'],
    ]);
    expect(found('Mon passeport est le 21CV88310.', 'PASSPORT')).toEqual([['PASSPORT', '21CV88310']]);
    expect(found('Reisepass: C4J1R7X02', 'PASSPORT')).toEqual([['PASSPORT', 'C4J1R7X02']]);
    expect(found('Numer paszportu: ER 3381204', 'PASSPORT')).toEqual([['PASSPORT', 'ER 3381204']]);
    expect(found('passaporto,nome\nYA2204417,Luca', 'PASSPORT')).toEqual([['PASSPORT', 'YA2204417']]);
    expect(found('Pani Ewa Nowak, numer telefonu +48 601 223 904, prosze', 'PHONE')).toEqual([
      ['PHONE', '+48 601 223 904'],
    ]);
    expect(found('Sig. Bruno, telefono +39 347 112 9083', 'PHONE')).toEqual([['PHONE', '+39 347 112 9083']]);
  });

  it('reads no word after the label as the value', () => {
    expect(found('mi pasaporte es nuevo y caduca en 2031', 'PASSPORT')).toEqual([]);
    expect(found('Telefon kaputt seit 2023', 'PHONE')).toEqual([]);
  });
});

describe('an answer on the line after its question', () => {
  it('reads the answer to a question followed by a short sentence of help', () => {
    expect(
      found(
        'Clerk: your patient number? You will find it under the barcode.\nPatient: XR 55 20914',
        'MEDICAL_RECORD_NUMBER',
      ),
    ).toEqual([['MEDICAL_RECORD_NUMBER', 'XR 55 20914']]);
    expect(
      found(
        'Clerk: your patient number? Ring 0300 123 4567 if lost.\nPatient: XR 55 20914',
        'MEDICAL_RECORD_NUMBER',
      ),
    ).toEqual([]);
  });

  it('reads past a hedge before the value', () => {
    expect(
      found('Nurse: what is your hospital number?\nPatient: is it KH 402 7719?', 'MEDICAL_RECORD_NUMBER'),
    ).toEqual([['MEDICAL_RECORD_NUMBER', 'KH 402 7719']]);
    expect(
      found('Agent: and the account number?\nCaller: yeah, I think it’s 50912233', 'BANK_ACCOUNT'),
    ).toEqual([['BANK_ACCOUNT', '50912233']]);
    expect(
      found("Agent: and the account number?\nCaller: yeah, I think it's 50912233", 'BANK_ACCOUNT'),
    ).toEqual([['BANK_ACCOUNT', '50912233']]);
  });

  it('reads both values when the question asks for two, in the order asked', () => {
    expect(found('Agent: sort code and account number, please?\nCaller: 11-02-94, then 71200438')).toEqual([
      ['SORT_CODE', '11-02-94'],
      ['BANK_ACCOUNT', '71200438'],
    ]);
    expect(
      found(
        'Staff: sort code and account number?\nCustomer: forty, twelve, oh nine and five five two oh one eight seven three',
      ),
    ).toEqual([
      ['SORT_CODE', 'forty, twelve, oh nine'],
      ['BANK_ACCOUNT', 'five five two oh one eight seven three'],
    ]);
  });

  it('reads nothing for an answer that gives no value', () => {
    expect(found('Agent: sort code and account number?\nCaller: 11-02-94, then I forget the rest')).toEqual([
      ['SORT_CODE', '11-02-94'],
    ]);
    expect(found('Agent: what is your hospital number?\nPatient: is it the one on the letter?')).toEqual([]);
  });
});

describe('a card number read out later than right after its cue', () => {
  it('reads 15-19 digit words passing Luhn anywhere after a card cue', () => {
    expect(
      found(
        'Lost my credit card on the bus. The number was five four five four, five four five four, five four five four, five four five four. Please block it',
        'CREDIT_CARD',
      ),
    ).toEqual([
      ['CREDIT_CARD', 'five four five four, five four five four, five four five four, five four five four'],
    ]);
    expect(
      found(
        'Visa ending one one one one. The long number is four one one one one one one one one one one one one one one one',
        'CREDIT_CARD',
      ),
    ).toEqual([['CREDIT_CARD', 'four one one one one one one one one one one one one one one one']]);
  });

  it('needs the cue, the length and the check digit', () => {
    expect(
      found(
        'The number was five four five four five four five four five four five four five four five four',
        'CREDIT_CARD',
      ),
    ).toEqual([]);
    expect(
      found('my card broke, call oh seven nine one one, one two three four five six', 'CREDIT_CARD'),
    ).toEqual([]);
    expect(
      found(
        'Lost my card. It was five four five four, five four five four, five four five four, five four five five',
        'CREDIT_CARD',
      ),
    ).toEqual([]);
  });
});

describe("a cue's abbreviation dot before its value", () => {
  it('keeps the cue: the dot is no sentence end', () => {
    expect(found('pt nhs no. 401 023 2137, seen today', 'UK_NHS')).toEqual([['UK_NHS', '401 023 2137']]);
    expect(found('Acc. 31926819 (joint)', 'BANK_ACCOUNT')).toEqual([['BANK_ACCOUNT', '31926819']]);
  });
});

describe('an account written before its sort code, and account labels in other languages', () => {
  it('reads the 8-digit account right before a cued sort code', () => {
    expect(found('please pay 61002385, sort code 09-01-28, ref rent')).toEqual([
      ['BANK_ACCOUNT', '61002385'],
      ['SORT_CODE', '09-01-28'],
    ]);
    expect(found('77310954 and s/c 30-94-11', 'BANK_ACCOUNT')).toEqual([['BANK_ACCOUNT', '77310954']]);
  });

  it('leaves a number another keyword names, or part of a longer one', () => {
    expect(found('order 61002385, sort code 09-01-28', 'BANK_ACCOUNT')).toEqual([]);
    expect(found('ring 0161 61002385 sort code 09-01-28', 'BANK_ACCOUNT')).toEqual([]);
  });

  it('reads the value after Konto, numer konta and cuenta', () => {
    expect(found('Konto: 44129907, danke', 'BANK_ACCOUNT')).toEqual([['BANK_ACCOUNT', '44129907']]);
    expect(found('numer konta 55102938 prosze', 'BANK_ACCOUNT')).toEqual([['BANK_ACCOUNT', '55102938']]);
    expect(found('mi cuenta es 10293847', 'BANK_ACCOUNT')).toEqual([['BANK_ACCOUNT', '10293847']]);
  });
});

describe('a date of birth right after a name on an identity line', () => {
  it("reads an adult's date after the name", () => {
    expect(found('Ward list: Mr Osei, 04/11/1952, bay 2', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '04/11/1952'],
    ]);
    expect(found('Patient Mrs Ilona Varga (1967-08-21) seen', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '1967-08-21'],
    ]);
    expect(found('Dr Amara Nwosu - 9 June 1975, GMC on file', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '9 June 1975'],
    ]);
  });

  it('reads an ordinal day, and not a phone number after the name', () => {
    expect(found('Mr Osei, 4th November 1952, bay 2', 'DATE_OF_BIRTH')).toEqual([
      ['DATE_OF_BIRTH', '4th November 1952'],
    ]);
    expect(found('Mr Osei, 01952 611203', 'DATE_OF_BIRTH')).toEqual([]);
  });

  it("reads a month's first letters in any case after the name, and no other word", () => {
    expect(found('Mr Osei, NOV 4 1952, bay 2', 'DATE_OF_BIRTH')).toEqual([['DATE_OF_BIRTH', 'NOV 4 1952']]);
    expect(found('Mr Osei, Novak 4 1952, bay 2', 'DATE_OF_BIRTH')).toEqual([]);
  });

  it('leaves a recent date, a date a payment or appointment names, and a date with no name before it', () => {
    expect(found('Mr Osei, 04/11/2023, bay 2', 'DATE_OF_BIRTH')).toEqual([]);
    expect(found('Mr Osei, 04/11/1999 payment', 'DATE_OF_BIRTH')).toEqual([]);
    expect(found('Ward list, 04/11/1952, bay 2', 'DATE_OF_BIRTH')).toEqual([]);
  });
});

describe('a sort code and an account in adjacent cells of a header-less row', () => {
  it('reads a six-digit cell beside an eight-digit cell, either order', () => {
    expect(found('Priya Nair\t71440928\t301245\t£85.00')).toEqual([
      ['PERSON', 'Priya Nair'],
      ['BANK_ACCOUNT', '71440928'],
      ['SORT_CODE', '301245'],
    ]);
    expect(found('Lee\t602211\t10458832', 'SORT_CODE')).toEqual([['SORT_CODE', '602211']]);
  });

  it('needs whole cells of those lengths, side by side', () => {
    expect(found('Lee\t602211\tref\t10458832', 'SORT_CODE')).toEqual([]);
    expect(found('Lee\t6022115\t10458832', 'SORT_CODE')).toEqual([]);
    expect(found('Lee 602211 10458832', 'SORT_CODE')).toEqual([]);
  });
});
