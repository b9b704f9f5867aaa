import { describe, expect, it } from 'vitest';
import { detectPii } from './index';
import type { PiiType } from './types';

/** The values of `type` found in `text`. */
function values(type: PiiType, text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === type)
    .map((s) => text.slice(s.start, s.end));
}

describe('a network’s own addresses are not a person’s', () => {
  it('passes over gateways, resolvers, subnet masks and public DNS', () => {
    for (const text of [
      'Set the default gateway to 172.16.0.254 before rebooting.',
      'Primary DNS 9.9.9.9, secondary 149.112.112.112.',
      'nameserver 10.20.0.2',
      'subnet mask 255.255.255.0 on eth0',
      'Ping 8.8.4.4 to check the line, then 1.0.0.1.',
      'the router is on 192.168.0.1 by default',
    ])
      expect(values('IP_ADDRESS', text), text).toEqual([]);
  });

  it('passes over a private address opening a web server’s access line (the proxy in front of it)', () => {
    expect(
      values('IP_ADDRESS', '172.20.1.5 - - [03/Jan/2025:08:00:01 +0000] "POST /login HTTP/1.1" 200'),
    ).toEqual([]);
    expect(
      values('IP_ADDRESS', 'haproxy: 192.168.10.4 - admin [03/Jan/2025:08:00:01 +0000] "GET /"'),
    ).toEqual([]);
    expect(values('IP_ADDRESS', '81.2.69.160 - - [03/Jan/2025:08:00:01 +0000] "GET /"')).toEqual([
      '81.2.69.160',
    ]);
    expect(values('IP_ADDRESS', 'from 172.20.1.5 - again')).toEqual(['172.20.1.5']);
  });

  it('still finds a client’s address', () => {
    expect(values('IP_ADDRESS', 'login from 81.2.69.160 failed, gateway 10.0.0.1')).toEqual(['81.2.69.160']);
    expect(values('IP_ADDRESS', 'src_ip=203.0.113.9 user=jo')).toEqual(['203.0.113.9']);
    expect(values('IP_ADDRESS', 'He connected from 192.168.4.20 last night.')).toEqual(['192.168.4.20']);
  });
});

describe('dates of birth in more written forms and languages', () => {
  it('reads spaced separators, CJK dates and bilingual months after a birth cue', () => {
    expect(values('DATE_OF_BIRTH', 'D.O.B. 07 / 11 / 1959\nWard 4')).toEqual(['07 / 11 / 1959']);
    expect(values('DATE_OF_BIRTH', 'dob 3 - 7 - 61 thanks')).toEqual(['3 - 7 - 61']);
    expect(values('DATE_OF_BIRTH', 'Patient Wang Fang, DOB 1979年12月25日, seen today')).toEqual([
      '1979年12月25日',
    ]);
    expect(values('DATE_OF_BIRTH', 'Kim Ji-woo, DOB: 1985년 3월 12일')).toEqual(['1985년 3월 12일']);
    expect(values('DATE_OF_BIRTH', 'Date of birth / Date de naissance 14 DEC /DÉC 72')).toEqual([
      '14 DEC /DÉC 72',
    ]);
  });

  it('reads romanised birth cues of other languages', () => {
    expect(values('DATE_OF_BIRTH', 'Marhaba, tarikh al milad 03/02/1990, shukran')).toEqual(['03/02/1990']);
    expect(values('DATE_OF_BIRTH', 'naam Bilal, tareekh-e-paidaish 12-08-1975')).toEqual(['12-08-1975']);
    expect(values('DATE_OF_BIRTH', 'Chi Mai, ngay sinh 21/06/1968')).toEqual(['21/06/1968']);
    expect(values('DATE_OF_BIRTH', 'chusheng riqi 1992-04-30')).toEqual(['1992-04-30']);
  });

  it('leaves other dates alone', () => {
    for (const text of [
      'Appointment 14 / 03 / 2025 at 10:00',
      'Invoice dated 2024年5月1日',
      'tarikh 22/03/2024 for the meeting',
      'Expiry 02 JUL /JUIL 28',
    ])
      expect(values('DATE_OF_BIRTH', text), text).toEqual([]);
  });
});

describe('OCR letters for digits (O, o for 0; l, I for 1) in checksummed and cued values', () => {
  it('reads cards, IBANs, NINOs, SSNs and dates of birth through the confusion', () => {
    // 4539 1488 0343 6467 (Luhn) scanned as 4539 l488 O343 6467.
    expect(values('CREDIT_CARD', 'Card number: 4539 l488 O343 6467\nExp 11/27')).toEqual([
      '4539 l488 O343 6467',
    ]);
    // DE89 3704 0044 0532 0130 00 (mod-97) scanned with O for 0.
    expect(values('IBAN', 'IBAN DE89 37O4 OO44 O532 Ol3O O0')).toEqual(['DE89 37O4 OO44 O532 Ol3O O0']);
    expect(values('UK_NINO', 'NI number: AB l2 34 56 C')).toEqual(['AB l2 34 56 C']);
    expect(values('US_SSN', 'SSN: 2l4-5O-7382')).toEqual(['2l4-5O-7382']);
    expect(values('DATE_OF_BIRTH', 'DOB: O3/l2/l98O')).toEqual(['O3/l2/l98O']);
  });

  it('reads NHS numbers (mod 11) and cued phone numbers through the confusion', () => {
    // 401 112 0073 (mod 11) scanned as 4Ol ll2 OO73.
    expect(values('UK_NHS', 'NHS no: 4Ol ll2 OO73')).toEqual(['4Ol ll2 OO73']);
    expect(values('PHONE', 'Mobile: O79OO 4l2 338')).toEqual(['O79OO 4l2 338']);
  });

  it('leaves uncued NHS numbers failing the check and uncued letter runs alone', () => {
    expect(values('UK_NHS', 'Scan ref 4Ol ll2 OO74')).toEqual([]);
    // After its cue the number is the NHS number, check or not (cued-values.ts, nhsEnd).
    expect(values('UK_NHS', 'NHS no: 4Ol ll2 OO74')).toEqual(['4Ol ll2 OO74']);
    expect(values('PHONE', 'Batch lOO 2OO 3OO shipped')).toEqual([]);
    expect(values('PHONE', 'Tel 0I2I 496 0I55 or DOB I2.03.I96O')).toEqual([]);
  });

  it('leaves words and values that fail their checks alone', () => {
    for (const text of [
      'Card number: 4539 l488 O343 6468',
      'IBAN DE89 37O4 OO44 O532 Ol3O Ol',
      'Took 2 lOOmg tablets, 10 l of water, 5O0 ml',
      'Hello 1 World, IO 4l',
      'Paid on O3/l2/2O24',
    ])
      expect(
        detectPii(text).filter((s) => s.type !== 'PERSON'),
        text,
      ).toEqual([]);
  });
});

describe('addresses spaced out, in capitals, or a row of houses', () => {
  it('finds them with their flat number', () => {
    expect(values('ADDRESS', 'Deliver to:  Flat  7 ,  42  Marston  Road\nOxford')).toEqual([
      'Flat  7 ,  42  Marston  Road',
    ]);
    expect(
      values('ADDRESS', ':59:/GB33BUKB20201555555555\nJOHN PRICE\n9 KINGS GROVE, MALVERN WR14 2LP'),
    ).toEqual(['9 KINGS GROVE, MALVERN WR14 2LP']);
    expect(values('ADDRESS', 'She is at 5 Coastguard Cottages, Walton, since May.')).toEqual([
      '5 Coastguard Cottages',
    ]);
  });

  it('leaves shouted sentences and counts alone', () => {
    for (const text of [
      'WE HAVE 3 DOGS IN THE PARK ROAD TODAY',
      'We booked 2 Seaside Cottages for June.',
      'IT TOOK 4 LONG DAYS',
    ])
      expect(values('ADDRESS', text), text).toEqual([]);
  });
});

describe('postcodes read out, spaced out, or in lower case after a postcode word', () => {
  it('reads a postcode spelled as the answer to a postcode question or after its cue', () => {
    expect(values('POSTCODE', 'Agent: And the postcode there?\nCaller: E one four, five A B.')).toEqual([
      'E one four, five A B',
    ]);
    expect(values('ADDRESS', 'Agent: And the postcode there?\nCaller: E one four, five A B.')).toEqual([]);
    expect(values('POSTCODE', 'POST CODE :  G 3  8 Q Y\nTEL')).toEqual(['G 3  8 Q Y']);
    expect(values('POSTCODE', 'my postcode is n w three, two R J')).toEqual(['n w three, two R J']);
  });

  it('reads a one-letter area in lower case only right after the postcode word', () => {
    expect(values('POSTCODE', 'ok and postcode w4 2ld')).toEqual(['w4 2ld']);
    expect(values('POSTCODE', 'zip: s10 2tn')).toEqual(['s10 2tn']);
    expect(values('POSTCODE', 'cu b4 4th then, postcode is the same')).toEqual([]);
  });

  it('leaves answers that are no postcode alone', () => {
    for (const text of [
      'Agent: postcode?\nCaller: yes that is right',
      'Agent: postcode?\nCaller: one two three',
      'postcode is the same as the letter',
    ])
      expect(values('POSTCODE', text), text).toEqual([]);
  });
});

describe('published test card numbers beside a test word', () => {
  it('are no one’s card', () => {
    for (const text of [
      'For the sandbox use 4242 4242 4242 4242, any future expiry.',
      'test_card,number\nvisa,4012888888881881',
      'Dummy Amex for UAT: 3782 822463 10005',
      'card: 6011 1111 1111 1117 (example only)',
    ])
      expect(values('CREDIT_CARD', text), text).toEqual([]);
  });

  it('still finds them with no test word, and real cards beside a test word', () => {
    expect(values('CREDIT_CARD', 'my card is 4242 4242 4242 4242 thanks')).toEqual(['4242 4242 4242 4242']);
    expect(values('CREDIT_CARD', 'the test failed on her card 4539 1488 0343 6467')).toEqual([
      '4539 1488 0343 6467',
    ]);
  });
});

describe('a test word inside an address is no test word', () => {
  it('keeps the card', () => {
    expect(values('CREDIT_CARD', 'Card 4111 1111 1111 1111 for jo@example.com')).toEqual([
      '4111 1111 1111 1111',
    ]);
    expect(values('CREDIT_CARD', 'see sandbox.bank.test, card 4242 4242 4242 4242')).toEqual([
      '4242 4242 4242 4242',
    ]);
  });
});

describe('addresses in lower case after a postal cue, and a building before its street', () => {
  it('reads them', () => {
    expect(values('ADDRESS', 'pls deliver to 14 chapel street tomorrow')).toEqual(['14 chapel street']);
    expect(values('ADDRESS', 'new address is apt 2 rose court 9 hill rise, leeds')).toEqual([
      'apt 2 rose court 9 hill rise',
    ]);
    expect(values('ADDRESS', 'Lives at Flat 5 Kings Court 18 Oak Avenue, Bath')).toEqual([
      'Flat 5 Kings Court 18 Oak Avenue',
    ]);
  });

  it('needs the cue, and no sentence words in the street name', () => {
    for (const text of [
      'walked 14 chapel street blocks today',
      'my address is 3 of the way down',
      'address: ok, 2 for the road',
    ])
      expect(values('ADDRESS', text), text).toEqual([]);
  });
});

describe('an address line read back from the postcode that ends it', () => {
  it('reads house names and streets the parser does not know', () => {
    expect(
      values('ADDRESS', 'Mrs Ann Price\nThe Old Rectory, Church Hill, Ledbury HR8 1AB\n01531 555 0101'),
    ).toEqual(['The Old Rectory, Church Hill, Ledbury HR8 1AB']);
    // A line of its own holds the whole address, its postcode with it (address-own-line.ts).
    expect(values('ADDRESS', 'Bryn Awel, Ffordd y Parc, Bala LL23 7AA')).toEqual([
      'Bryn Awel, Ffordd y Parc, Bala LL23 7AA',
    ]);
    expect(values('POSTCODE', 'Bryn Awel, Ffordd y Parc, Bala LL23 7AA')).toEqual([]);
    expect(values('ADDRESS', 'Rose Cottage, Nether Wallop, Stockbridge SO20 8EH')).toEqual([
      'Rose Cottage, Nether Wallop, Stockbridge SO20 8EH',
    ]);
  });

  it('needs two parts and a line of nothing else', () => {
    for (const text of [
      'Leeds LS1 4AP',
      'I moved from Leeds, now near York YO1 7HH',
      'Sent 3 items, see the docs at Croydon CR0 4JE',
    ])
      expect(values('ADDRESS', text), text).toEqual([]);
  });
});

describe('an address under an organisation’s name is the organisation’s', () => {
  it('drops a letterhead’s or an address block’s address and postcode', () => {
    const letter = 'NORTHGATE FAMILY SURGERY\n4 Abbey Road, Whitby YO22 4AA\n\nDear Mrs Cole,';
    expect(values('ADDRESS', letter)).toEqual([]);
    expect(values('POSTCODE', letter)).toEqual([]);
    expect(
      values('ADDRESS', 'Complaints Team\nMarsden Building Society\n12 Canal Street, Leeds LS1 4AB'),
    ).toEqual([]);
  });

  it('keeps a person’s address under their name, and a care home resident’s', () => {
    expect(values('ADDRESS', 'Mrs Joan Cole\n14 Abbey Road, Whitby YO22 4AA')).toEqual([
      '14 Abbey Road, Whitby YO22 4AA',
    ]);
    expect(values('ADDRESS', 'Resident at Larch House Care Home\n2 Mill Rise, Selby YO8 4QQ')).toEqual([
      '2 Mill Rise, Selby YO8 4QQ',
    ]);
    expect(values('ADDRESS', 'Send it to the bank\n14 Abbey Road, Whitby YO22 4AA')).toEqual([
      '14 Abbey Road, Whitby YO22 4AA',
    ]);
  });
});

describe('dates of birth with a month named in another language', () => {
  it('reads them after a birth cue', () => {
    expect(values('DATE_OF_BIRTH', 'Madame Diallo, date de naissance 2 avril 1969, dossier 44')).toEqual([
      '2 avril 1969',
    ]);
    expect(values('DATE_OF_BIRTH', 'fecha de nacimiento: 21 de septiembre de 1958')).toEqual([
      '21 de septiembre de 1958',
    ]);
    expect(values('DATE_OF_BIRTH', 'DOB 1er décembre 1977')).toEqual(['1er décembre 1977']);
    expect(values('DATE_OF_BIRTH', 'Geburtsdatum 7. Oktober 1949')).toEqual(['7. Oktober 1949']);
  });

  it('leaves other dates alone', () => {
    for (const text of [
      'rendez-vous le 3 décembre 2025 à 10h',
      'Paiement du 14 mars 2024',
      'Termin am 5. März 2026',
    ])
      expect(values('DATE_OF_BIRTH', text), text).toEqual([]);
  });
});
