import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function births(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'DATE_OF_BIRTH')
    .map((s) => text.slice(s.start, s.end));
}

describe('dates of birth as said and typed', () => {
  it('reads ordinal months, clipped years, compact digits and dates in words after a birth cue', () => {
    expect(births('date of birth 3rd of the 7th 61.')).toEqual(['3rd of the 7th 61']);
    expect(births("born the 3rd July '61")).toEqual(["3rd July '61"]);
    expect(births('DOB 030761')).toEqual(['030761']);
    expect(births('DOB 19610703')).toEqual(['19610703']);
    expect(births('Date of birth: 03071961')).toEqual(['03071961']);
    expect(births('DOB third of July nineteen sixty one')).toEqual(['third of July nineteen sixty one']);
    expect(births('date of birth is the twelfth of march eighty four')).toEqual([
      'twelfth of march eighty four',
    ]);
    expect(births('dob July twenty first two thousand and three')).toEqual([
      'July twenty first two thousand and three',
    ]);
  });

  it('leaves birthdays without a year, invalid compact dates and other numbers alone', () => {
    for (const text of [
      'I was born on the 3rd of July',
      'born in the 3rd week of July',
      'DOB 123456',
      'DOB 99999999',
      'born 2 kids ago',
      'the patient was born at 32 weeks',
      'paid on the third of July nineteen sixty one',
    ])
      expect(births(text), text).toEqual([]);
  });
});

describe("other languages' birth-date labels", () => {
  it('reads a date after a Polish, Spanish, French, German, Italian, Portuguese or Dutch label', () => {
    expect(births('Pacjent X, data urodzenia 05.06.1980. Needs interpreter.')).toEqual(['05.06.1980']);
    expect(births('Fecha de nacimiento: 12/03/1975, cliente nuevo.')).toEqual(['12/03/1975']);
    expect(births('date de naissance 02/09/1966')).toEqual(['02/09/1966']);
    expect(births('Geburtsdatum 03.11.1968')).toEqual(['03.11.1968']);
    expect(births('data di nascita 01/02/1990')).toEqual(['01/02/1990']);
    expect(births('data de nascimento 14-07-1985')).toEqual(['14-07-1985']);
    expect(births('geboortedatum 21-04-1972')).toEqual(['21-04-1972']);
  });

  it('leaves other dates in those languages alone', () => {
    for (const text of [
      'Datum 05.06.1980 Zahlung',
      'data przelewu 05.06.2024',
      'fecha de pago 12/03/2024',
      'data 01/02/1990',
    ])
      expect(births(text), text).toEqual([]);
  });
});

describe('dates of birth read out with a plain day number, or after a clipped "is"', () => {
  it('reads a cardinal day before a month name, and "date of birth\'s ..."', () => {
    expect(births('Date of birth one January nineteen thirty eight.')).toEqual([
      'one January nineteen thirty eight',
    ]);
    expect(births('DOB twenty one March 1961')).toEqual(['twenty one March 1961']);
    expect(births("Yeah my date of birth's the third of March 1961 and")).toEqual(['third of March 1961']);
  });

  it('needs the month name after a plain number, and a year', () => {
    expect(births('date of birth is five, I think')).toEqual([]);
    expect(births('DOB one two three')).toEqual([]);
    expect(births('DOB one January')).toEqual([]);
  });
});

describe('sort codes after a clipped "is"', () => {
  it('reads "Sort code\'s twenty, thirty-two, oh six" and no name in the cue', () => {
    const text =
      "CALLER: Sort code's twenty, thirty-two, oh six, account five five, seven one, two nine, four oh.";
    const spans = detectPii(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
    expect(spans).toEqual([
      'SORT_CODE:twenty, thirty-two, oh six',
      'BANK_ACCOUNT:five five, seven one, two nine, four oh',
    ]);
  });
});

describe('a date of birth in a record row with the name', () => {
  it('reads an adult year in a later field of the name’s row', () => {
    expect(births('Gareth Pryce,QQ123456C,03/11/1979,Monthly')).toEqual(['03/11/1979']);
    expect(births('Linda Moss\t0161 496 0000\t21/07/1958\tactive')).toEqual(['21/07/1958']);
  });

  it('leaves a recent date, a date in running text, and a row where the name is no field of its own', () => {
    expect(births('Gareth Pryce,QQ123456C,03/11/2024,Monthly')).toEqual([]);
    expect(births('Met Gareth Pryce, then on 03/11/1979 the branch closed')).toEqual([]);
    expect(births('Ref for Gareth Pryce,QQ123456C,03/11/1979')).toEqual([]);
  });
});

describe('birth dates with a month in Dutch, Turkish or Polish', () => {
  it('reads the month after a birth cue', () => {
    const dob = (t: string) =>
      detectPii(t)
        .filter((s) => s.type === 'DATE_OF_BIRTH')
        .map((s) => t.slice(s.start, s.end));
    expect(dob('geboren op 21 maart 1969, woont in Utrecht')).toEqual(['21 maart 1969']);
    expect(dob('Musteri Emre, born 9 Temmuz 1983, called today')).toEqual(['9 Temmuz 1983']);
    expect(dob('data urodzenia: 30 kwietnia 1991')).toEqual(['30 kwietnia 1991']);
    expect(dob('Meeting on 9 Temmuz 2024 at the branch')).toEqual([]);
  });
});

describe('a birth-date question answered after a line that holds', () => {
  it('reads the answer a line later', () => {
    const dob = (t: string) =>
      detectPii(t)
        .filter((s) => s.type === 'DATE_OF_BIRTH')
        .map((s) => t.slice(s.start, s.end));
    expect(dob('Desk: Could you confirm your date of birth?\nPt: one sec\nPt: 02/11/1966')).toEqual([
      '02/11/1966',
    ]);
    expect(dob('[14:02] Agent: and your DOB?\n[14:02] Cust: yes sure\n[14:03] Cust: 2 Nov 1966')).toEqual([
      '2 Nov 1966',
    ]);
    // A reply that says something else ends the question.
    expect(
      dob('Desk: Could you confirm your date of birth?\nPt: why?\nPt: 02/11/2024 is my appointment'),
    ).toEqual([]);
  });
});

describe('a date of birth said as numbers after its cue', () => {
  const dob = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'DATE_OF_BIRTH')
      .map((s) => text.slice(s.start, s.end));

  it('reads it digit by digit or as day, month and year numbers', () => {
    expect(dob('and her date of birth is two seven oh nine one nine six one')).toEqual([
      'two seven oh nine one nine six one',
    ]);
    expect(dob('date of birth nineteen oh six seventy two thanks')).toEqual(['nineteen oh six seventy two']);
    expect(dob('dob is four ten nineteen fifty')).toEqual(['four ten nineteen fifty']);
  });

  it('needs a day and month in range and a year, and its cue', () => {
    expect(dob('date of birth is four five six and that is it')).toEqual([]);
    expect(dob('date of birth is forty two thirteen sixty')).toEqual([]);
    expect(dob('the code is two seven oh nine one nine six one')).toEqual([]);
  });
});

describe('a date of birth in a record row before the name', () => {
  it("reads the date field that opens a register's row, tab- or comma-separated", () => {
    expect(births('14/06/1987\tOwain Pryce\tY12\tHistory')).toEqual(['14/06/1987']);
    expect(births('03/11/1979,Owain Pryce,PAYE')).toEqual(['03/11/1979']);
  });

  it("leaves a child's or a recent date, and one a payment word names", () => {
    expect(births('14/06/2021\tOwain Pryce\tY2')).toEqual([]);
    expect(births('14/06/1987\tOwain Pryce\tpaid')).toEqual([]);
  });
});
