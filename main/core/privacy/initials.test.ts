/**
 * Names written with initials: dotted initials before a surname ("B. T. Okoro") and a known surname
 * followed by its bare initials in a register ("Patel R (knee)"), with the lettered lists, sentence ends
 * and spellings that must stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('dotted initials before a surname', () => {
  it('reads one to three initials and any capitalised surname', () => {
    expect(persons('Countersigned by B. T. Okoro on arrival.')).toEqual(['B. T. Okoro']);
    expect(persons('Guarantors: K. Villanueva-Reyes, M. N. O’Donnell.')).toEqual([
      'K. Villanueva-Reyes',
      'M. N. O’Donnell',
    ]);
    expect(persons('Parcel left with T.J. Brannigan at the door')).toEqual(['T.J. Brannigan']);
    expect(persons('11:20 W. Szymanska - dentist')).toEqual(['W. Szymanska']);
    expect(persons('Refund owed to Q. Ferreira, call back Friday')).toEqual(['Q. Ferreira']);
    expect(persons('Bay 7 H. Lindqvist - fasting from midnight')).toEqual(['H. Lindqvist']);
  });

  it('leaves sentence ends, lettered lists, spellings and companies alone', () => {
    expect(persons('She takes vitamin D. Levels are fine now.')).toEqual([]);
    expect(persons('We chose plan B. Nothing else worked.')).toEqual([]);
    expect(persons('Waited in A&E. Went home at six.')).toEqual([]);
    expect(persons('NI number QQ 12 34 56 C. Wire it today')).toEqual([]);
    expect(persons('A. Introduction\nB. Symptoms\nC. Treatment')).toEqual([]);
    expect(persons('That is spelt K, E, L. Mostly right, I think')).toEqual([]);
    expect(persons('Supplied by J. Harrow Ltd last week')).toEqual([]);
    expect(persons('Keep at 4°C. Dispose of unused doses after a month.')).toEqual([]);
    expect(persons('Oven to 180°C. Bake until golden, then rest.')).toEqual([]);
  });
});

describe('a surname and its initials in a register', () => {
  it('reads a known surname followed by one or two initials that close the field', () => {
    expect(persons('List for Tuesday: Patel R (knee), Jones D M (hip)')).toEqual(['Patel R', 'Jones D M']);
    expect(persons('Clinic log: Wilson K 09:40 seen')).toEqual(['Wilson K']);
  });

  it('leaves wards, grades and ordinary sentences alone', () => {
    expect(persons('Moved to Ward B (side room)')).toEqual([]);
    expect(persons('Vitamin D 1000 units daily')).toEqual([]);
    expect(persons('Smith I think said it was fine')).toEqual([]);
  });
});

describe('an initial without its full stop after a payment party', () => {
  it('reads the initial and surname after payee, drawer, payable to and beneficiary', () => {
    expect(persons('Cheque payable to K Oyelaran, banked today.')).toEqual(['K Oyelaran']);
    expect(persons('Returned unpaid – drawer P Fennimore, refer to drawer.')).toEqual(['P Fennimore']);
    expect(persons('Payee: D Achterberg')).toEqual(['D Achterberg']);
  });

  it('leaves a lone capital without the cue, and a firm after one', () => {
    expect(persons('Plan B Options were discussed.')).toEqual([]);
    expect(persons('Payable to R Fennimore Ltd')).toEqual([]);
  });
});

describe('an initial without its full stop after a title, and a double-barrelled surname', () => {
  it('reads a title’s bare initial and surname, a scanned form’s doubled spaces included', () => {
    expect(persons('Account name:  Mrs  T  Achterberg')).toEqual(['T  Achterberg']);
    expect(persons('Dr K Oyelaran will review.')).toEqual(['K Oyelaran']);
  });

  it('reads one dotted initial at a line start before a surname with a listed part', () => {
    expect(persons('Thanks for your help.\n\nW. Okafor-Lindqvist')).toEqual(['W. Okafor-Lindqvist']);
    expect(persons('Notes:\nB. Symptoms-Review pending')).toEqual([]);
  });
});

describe('initials without full stops, and one initial after a role', () => {
  it('reads two or three spaced capitals before a known surname', () => {
    expect(persons('Statement to go to K L Mensah from next month')).toEqual(['K L Mensah']);
    expect(persons('Cardholder name on file: S T R Iyer')).toEqual(['S T R Iyer']);
  });

  it('leaves spaced capitals before an unlisted word alone', () => {
    expect(persons('Reading the label: S T A Rewards scheme')).toEqual([]);
  });

  it('reads one dotted initial and a known surname after any lower-case role', () => {
    expect(persons('Case reviewed (investigator T. Mensah) on Monday')).toEqual(['T. Mensah']);
  });
});

describe('initials before a surname in capitals, as cards and bank files print names', () => {
  it('reads two initials and an unlisted surname in capitals that fill their field', () => {
    expect(persons('Name on card: H V QUARTERMAINE')).toEqual(['H V QUARTERMAINE']);
    expect(persons('row,pan,expiry,holder\n7,4000000000000002,04/29,G N BRAITHWAITE-OBI')).toEqual([
      'G N BRAITHWAITE-OBI',
    ]);
  });

  it('reads a title’s bare initial and a surname in capitals', () => {
    expect(persons('3,01/30,MISS P VANDERMEULEN\n')).toEqual(['P VANDERMEULEN']);
  });

  it('takes every initial after a title, not only the first', () => {
    expect(persons('Refund approved for Mr T J OKAFOR today')).toEqual(['T J OKAFOR']);
  });

  it('leaves capitals in running text and acronyms after spaced letters', () => {
    expect(persons('She has a B A HONS degree')).toEqual([]);
    expect(persons('Paid in U S DOLLARS only')).toEqual([]);
    expect(persons('Write to P O BOX 12, Hull')).toEqual([]);
  });
});

describe('initials before a surname in capitals', () => {
  it('reads an initial with its full stop and a surname in capitals that closes its field', () => {
    expect(persons("Sign-in sheet: T. O'KEEFFE - visiting Loans")).toEqual(["T. O'KEEFFE"]);
    expect(persons('Name on the slip: W. CHAROENPHONG.')).toEqual(['W. CHAROENPHONG']);
    expect(persons('Witnessed by D. K. LETHBRIDGE at the branch')).toEqual(['D. K. LETHBRIDGE']);
  });

  it('reads one capital and a surname in capitals alone in a tab-separated cell', () => {
    expect(persons('4929 0000 1111 2222\t03/28\tT WHITTINGHAM\tdeclined')).toContain('T WHITTINGHAM');
  });

  it('leaves abbreviations, grades and blood groups', () => {
    expect(persons('Posted to the U.S. NAVY base')).toEqual([]);
    expect(persons('Group\tA NEG\tB POSITIVE')).toEqual([]);
    expect(persons('see A. TEST results')).toEqual([]);
  });
});
