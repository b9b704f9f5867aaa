/**
 * The cue words the text pass notes for the readers that start from them: each mark must say what the
 * reader's own search of the text would (the search it stands in for is the specification).
 */
import { describe, expect, it } from 'vitest';
import { MARK_ADDRESS, MARK_FROM, MARK_IBAN, MARK_THI, textPass } from './scan-pass';

const SPECS: Array<[number, (text: string) => boolean]> = [
  [MARK_FROM, (t) => t.includes(' from ')],
  [MARK_THI, (t) => / [Tt]hi |[Tt][Hh]ị |[Vv]ăn /.test(t)],
  [MARK_IBAN, (t) => /(?<![A-Za-z])(?:IBAN|iban|Iban)(?![A-Za-z])/.test(t)],
  // A superset: the opening's regex needs one of these words at a word start.
  [MARK_ADDRESS, (t) => /(?<![A-Za-z])(?:address|first)(?![A-Za-z])/i.test(t)],
];

const TEXTS = [
  'Dana from accounts rang',
  'from accounts, Dana rang',
  'wherefrom it came',
  'Sent from\tthe desk',
  'customer Tran Thi Hoa called',
  'Thi Hoa called',
  'the thi rd option',
  'Kathi Moss',
  'Nguyễn Thị Mai',
  'ĐẶNG VăN KHOA',
  'khách hàng đặng văn khoa',
  'thị',
  'ị văn',
  'Văng Vănn',
  'IBAN: GB29 NWBK 6016 1331 9268 19',
  'my iban is dee ee',
  'the Iban people',
  'IBANS and iBAN and IbAN',
  'SWIFTIBAN 2',
  '3iban4',
  'the address is twelve oak road',
  'First line is forty two elm street',
  'ADDRESS: none',
  'addressee unknown; firstly no',
  'e-mail_address is x',
  'İbrahim from the İBAN desk',
  // Longer than a shift's 31 bits: 39 and 36 letters.
  'the addressaddressaddressaddressaddressx is here',
  'a fromfromfromfromfromfromfromfromfrom here',
  'ibanibanibanibanibanibanibanibaniban',
  '',
];

describe('cue words noted by the text pass', () => {
  it('agree with a search of the text for them', () => {
    for (const text of TEXTS) {
      for (const persons of [false, true]) {
        const marks = textPass(text, persons, persons).marks;
        for (const [mark, spec] of SPECS) expect([text, (marks & mark) !== 0]).toEqual([text, spec(text)]);
      }
    }
  });
});
