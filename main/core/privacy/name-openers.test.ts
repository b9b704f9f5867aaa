/**
 * Names by sentence position (issue 19, later families): spoken openers ("it's", "its", "im", "name's"),
 * role and relation words before a name, a greeting's lone addressee, a self-introduction after a
 * greeting, lower-case abbreviated titles. Each family with hard negatives that must stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('names after spoken openers', () => {
  it("reads capitalised names after it's, its, im, name's, my names", () => {
    expect(persons("It's Geraldine Fox, date of birth 03/07/1961")).toEqual(['Geraldine Fox']);
    expect(persons('Its Geraldine Fox here.')).toEqual(['Geraldine Fox']);
    expect(persons('Im Geraldine Fox')).toEqual(['Geraldine Fox']);
    expect(persons("Name's Padraig Ozturk, DOB 3/7/61")).toEqual(['Padraig Ozturk']);
    expect(persons('My names Geraldine Fox')).toEqual(['Geraldine Fox']);
    expect(persons("I'd like a blood test booked. It's Carla Mendes.")).toEqual(['Carla Mendes']);
  });

  it('reads lower-case names after an opener when a calling verb follows', () => {
    expect(persons("it's padraig ozturk calling")).toEqual(['padraig ozturk']);
    expect(persons("my name's padraig ozturk")).toEqual(['padraig ozturk']);
    expect(persons('hi this is guadalupe bell about my prescription')).toEqual(['guadalupe bell']);
    expect(persons("hello it's jolene lamb about my prescription")).toEqual(['jolene lamb']);
  });

  it('leaves openers before ordinary words alone', () => {
    for (const text of [
      "it's broken again",
      "It's Monday today.",
      "It's Christmas Day.",
      "It's Apple Pay that failed.",
      "It's may 3rd today",
      'its will power',
      'im worried sick about my account',
      'im sat here literally shouting at my phone',
      "it's the surgery calling about your results",
      'this is getting silly about the charges',
      "the name's wrong on my card",
      'the name is wrong on my card',
      "names don't match on the card",
      'The new-patient form asks about family history.',
      "so it's kept apart from the business money.",
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('names after role and relation words', () => {
  it('reads the name a role or relation word heads', () => {
    expect(persons('Mum Temitope reassured. Next HV visit 14/04.')).toEqual(['Temitope']);
    expect(persons('Cardholder Angela Moretti in Boston.')).toEqual(['Angela Moretti']);
    expect(persons('Payee Harriet Lo, account 0049817723.')).toEqual(['Harriet Lo']);
    expect(persons('Organiser Eszter Kovács.')).toEqual(['Eszter Kovács']);
  });

  it('does not take the role word or an everyday word for a name', () => {
    for (const text of [
      'Dear Colleague,',
      'Dear Director,',
      'Cashier Desk 4 closed.',
      'Member Services called.',
      'Version ten still crashes on the teller PCs.',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('greetings, self-introductions and titles', () => {
  it("reads a greeting's lone addressee and a speaker after a greeting", () => {
    expect(persons('hey will,\n\nhere is my new number')).toEqual(['will']);
    expect(persons('Agent: postcode?\nCust: BT7 1NN\nAgent: thanks sam')).toEqual(['sam']);
    expect(persons("Hi, it's Nia. I'm going to be late.")).toEqual(['Nia']);
    expect(persons("Hi, it's Marcus from the Oakfield branch, can you call me back")).toEqual(['Marcus']);
  });

  it('reads a lower-case surname after an abbreviated title', () => {
    expect(persons('spoke w/ mr okafor - wants o/d limit raised')).toEqual(['okafor']);
    expect(persons('ur appt w dr hassan is tues 3pm')).toEqual(['hassan']);
  });

  it('leaves greetings to groups, fillers and lower-case titles that are words', () => {
    for (const text of [
      'hi all, quick one',
      'hello again, me again',
      'thanks again',
      'ok thanks bye',
      'hey guys,',
      'cheers mate',
      "Hi, it's me.",
      'Hello, er, can you help',
      'my dr appt is tuesday',
      'can the nurse come out to her?',
      'I miss him so much',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('organisations and record lines', () => {
  it('reads a record line that opens with its person', () => {
    expect(persons('Andile Zulu, patient ID PT/0449/21. 8 sessions completed.')).toEqual(['Andile Zulu']);
  });

  it('does not take an organisation or a building for a person', () => {
    for (const text of [
      'Re: Closure of Business Account – Wexford Bakery Ltd',
      'Address: Flat 9, Wellington House, 3 Bath Street',
      'Re: Subject Access Request – form enclosed',
      'returned stock from Unit 7, Riverside Trading Estate, Dartford',
      'From: Dr Farah Qureshi, Millbrook Surgery, tel 01274 496011',
      'Name match 82%, DOB mismatch.',
    ])
      expect(
        persons(text).filter((p) => p !== 'Farah Qureshi'),
        text,
      ).toEqual([]);
  });
});

describe('names in staff shorthand', () => {
  it('reads lower-case names closing a role cue, before an age, or before "rang re" / "in re"', () => {
    expect(persons('ID checked. Customer padraig ozturk.')).toEqual(['padraig ozturk']);
    expect(persons('patient aaliyah pham 31y c/o SOB.')).toEqual(['aaliyah pham']);
    expect(persons('c/o rich pilkington rang re DD cancel.')).toEqual(['rich pilkington']);
    expect(persons('c/o MARISOL FARAH rang re DD cancel.')).toEqual(['MARISOL FARAH']);
    expect(persons("dmitri o'sullivan att branch re overdraft.")).toEqual(["dmitri o'sullivan"]);
  });

  it('leaves states, services and roles alone', () => {
    for (const text of [
      'patient feeling unwell.',
      'Customer advised accordingly.',
      'patient stable overnight.',
      'customer service rang re complaint.',
      'The customer rang re the card.',
      'Branch manager rang re overdraft.',
      'caller hung up.',
      'daughter rang re mum',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('surname first and remarks about a name', () => {
  it('reads "Surname, Given" opening a line and ending its field', () => {
    expect(persons('Young, Rose – NHS no 883 873 7169 – ok for repeat Rx')).toEqual(['Young, Rose']);
    expect(persons('Wright, J\tWRIGH708219JA8LM\texp 2031')).toEqual(['Wright, J']);
  });

  it('leaves greetings, places and remarks about a name alone', () => {
    for (const text of [
      'Leeds, York and Hull',
      "the account name's different, it says so",
      'the account name is different',
      'Sorry, Monday –',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('initials after a title', () => {
  it('keeps the surname after a title and an initial in the name', () => {
    expect(persons('it says a Mr T. Balogun but she says')).toEqual(['T. Balogun']);
    expect(persons('Signed Dr M. Ferreira.')).toEqual(['M. Ferreira']);
    expect(persons("payee is Mrs A. Fernández-Lyle, and it's going")).toEqual(['A. Fernández-Lyle']);
  });

  it('leaves a letter that ends a sentence alone', () => {
    for (const text of ['Plan A. Then B.', 'I got an A. Great news', 'Vitamin D. Take daily'])
      expect(persons(text), text).toEqual([]);
  });
});

describe("other languages' honorifics", () => {
  it('reads the name after Pan, Señor, Frau as after Mr', () => {
    expect(persons('Pan Tomasz Zieliński — numer telefonu')).toEqual(['Tomasz Zieliński']);
    expect(persons('Señor Hernández dice que no reconoce el cargo')).toEqual(['Hernández']);
    expect(persons('Frau Becker called')).toEqual(['Becker']);
  });

  it('leaves the words as words', () => {
    for (const text of ['Pan fried eggs are great.', 'The pan was hot'])
      expect(persons(text), text).toEqual([]);
  });
});

describe("chat's clipped thanks before the addressee", () => {
  it('reads a known given name after thx or ta, as after a greeting', () => {
    expect(persons('thx nadia, one more thing about the card')).toEqual(['nadia']);
    expect(persons('Ta Jen, see you Monday')).toEqual(['Jen']);
  });

  it('leaves thanks before ordinary words alone', () => {
    for (const text of ['thx for the help', 'ta very much', 'ok thx Bank', 'ta ta for now'])
      expect(persons(text), text).toEqual([]);
  });
});

describe('a title spelled out as it is said', () => {
  it('reads the name after mister or missus, in any case', () => {
    expect(persons('can you tell mister adebowale his card is ready')).toEqual(['adebowale']);
    expect(persons('Mister Quenby rang twice.')).toEqual(['Quenby']);
    // Lower case, a surname the gazetteer knows: an unknown word after a spelled-out title may be prose.
    expect(persons('this is for missus okonkwo about her prescription')).toEqual(['okonkwo']);
  });
});

describe('a name cue told in the past', () => {
  it('reads the name after "name was", in capitals or lower case', () => {
    expect(persons('CALLER SAID HER NAME WAS PERPETUA NWACHUKWU, DOB GIVEN')).toEqual(['PERPETUA NWACHUKWU']);
    expect(persons('he said his name was tobias kennelly')).toEqual(['tobias kennelly']);
  });

  it('leaves a remark about the name', () => {
    expect(persons('the name was wrong on the letter')).toEqual([]);
    expect(persons('The account name was updated yesterday.')).toEqual([]);
  });
});
