/**
 * The wider gazetteer (common given names and surnames of many nationalities, everyday words among
 * them kept ambiguous), a capitalised relative or role heading a run ("Spouse Salvatore."), and the
 * ampersand of a firm's name ("Ben & Jerry's"). Each family with negatives that must stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, LAST_NAMES } from './names';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('wider gazetteer', () => {
  it('knows common given names and surnames of many nationalities', () => {
    for (const w of ['mike', 'ben', 'marcus', 'priyanka', 'salvatore', 'kai', 'oksana', 'chioma', 'takashi'])
      expect(FIRST_NAMES.has(w)).toBe(true);
    for (const w of ['nolan', 'desai', 'okoye', 'kowalczyk', 'yamada', 'papadopoulos'])
      expect(LAST_NAMES.has(w)).toBe(true);
  });

  it('keeps everyday words that are also names ambiguous, not plain given names', () => {
    for (const w of ['jan', 'daisy', 'destiny', 'precious', 'miles', 'lance', 'nick', 'shannon', 'kerry'])
      expect(AMBIGUOUS_FIRST_NAMES.has(w) && !FIRST_NAMES.has(w)).toBe(true);
  });

  it('reads lower-case names after introductions and relatives with the wider list', () => {
    expect(persons("hello it's mike donnelly my number is 07700 900123")).toEqual(['mike donnelly']);
    expect(persons('hey this is marcus returning your call')).toEqual(['marcus']);
    expect(persons('i am chatting for my dad ken he is 84')).toEqual(['ken']);
    expect(persons('its ben again did u get my email')).toEqual(['ben']);
  });

  it('reads an everyday given name after a spoken opener when the caller goes on about themself', () => {
    expect(persons('hiya its robin i need to move my appointment')).toEqual(['robin']);
    expect(persons('its sunny i think so no rush')).toEqual([]);
    expect(persons('its grace period i think')).toEqual([]);
  });

  it('does not read everyday words of the wider list alone', () => {
    expect(persons('its miles away from the branch')).toEqual([]);
    expect(persons('Jan 2024 statement attached.')).toEqual([]);
    expect(persons('i nick out at lunch, its precious time')).toEqual([]);
  });
});

describe('a capitalised relative or role heading a name', () => {
  it('reads the name after the heading word, not the word itself', () => {
    expect(persons('Spouse Salvatore.')).toEqual(['Salvatore']);
    expect(persons('Victim Priyanka Desai says the fraudster had her DOB.')).toEqual(['Priyanka Desai']);
    expect(persons('Mother Shamima Begum Chowdhury with baby. Red book checked.')).toEqual([
      'Shamima Begum Chowdhury',
    ]);
  });

  it('leaves headings without a listed name alone', () => {
    expect(persons('Victim Support called back.')).toEqual([]);
    expect(persons('Adviser Notes: none.')).toEqual([]);
    expect(persons('Resident Parking permits renew in May.')).toEqual([]);
  });
});

describe("a firm's name joined by an ampersand", () => {
  it("does not read a given name before '& X's' as a person", () => {
    expect(persons("We stock Ben & Jerry's now.")).toEqual([]);
    expect(persons("Voucher for Marks & Spencer's food hall.")).toEqual([]);
  });

  it('still reads people joined by an ampersand', () => {
    expect(persons('We spoke to Ben & Sarah about the joint account.')).toEqual(['Ben', 'Sarah']);
  });
});

describe('lower-case titles in dictation and chat', () => {
  it('reads a listed name after "doctor", and an initial and a listed surname after a title', () => {
    expect(persons('dear doctor simmons comma thank you for the referral')).toEqual(['simmons']);
    expect(persons('regards new line doctor alastair finch new line consultant')).toEqual(['alastair finch']);
    expect(persons('cc mrs p nolan GP')).toEqual(['p nolan']);
  });

  it('leaves "doctor" and a lone letter in prose alone', () => {
    expect(persons('the doctor will call you back tomorrow')).toEqual([]);
    expect(persons('doctor said its fine')).toEqual([]);
    expect(persons('dr i think it was monday')).toEqual([]);
    expect(persons('mrs a at the counter')).toEqual([]);
  });
});

describe('an everyday given name with a listed surname after a spoken opener', () => {
  it('reads the pair', () => {
    expect(persons('im grace baker')).toEqual(['grace baker']);
    expect(persons('its precious adeyemi here, my iban is below')).toEqual(['precious adeyemi']);
  });

  it('does not read the word alone', () => {
    expect(persons('its grace period ends friday')).toEqual([]);
    expect(persons('im hope you are well')).toEqual([]);
  });
});

describe('a capitalised everyday given name where a person stands', () => {
  it('reads it after "for" closing a clause, or after a comma before a verb', () => {
    expect(persons('Is this for Grace? Can you confirm the address')).toEqual(['Grace']);
    expect(persons('hi its Bill from the plumbers, calling for Mark, ring me back')).toContain('Mark');
    expect(persons('Hi team, Grace is off sick today so please cover.')).toEqual(['Grace']);
  });

  it('leaves brands, places and ratings alone', () => {
    expect(persons('The report is rated Amber, please review.')).toEqual([]);
    expect(persons('We flew in to Austin, then drove.')).toEqual([]);
    expect(persons('I bank with Chase, not Barclays.')).toEqual([]);
    expect(persons('Booked for May, thanks.')).toEqual([]);
    expect(persons('the status moved to Amber is that ok')).toEqual([]);
  });
});

describe('a given name after a compass or place word is a place', () => {
  it('does not read "South Harvey", "Port Barry", "Fort Wayne" as people', () => {
    expect(persons('New address: 90 Jones Yard, South Harvey, WA 60730.')).toEqual([]);
    expect(persons('Send the letter to 8 Lake Street, Port Barry, B1 3WT.')).toEqual([]);
    expect(persons('We moved from Fort Wayne last year.')).toEqual([]);
    expect(persons('2218 Mission St, San Francisco, CA 94110')).toEqual([]);
    expect(persons('We went to Santa Monica.')).toEqual([]);
  });

  it('knows the place word in capitals, and spelt with a Kelvin sign that lower-cases to k', () => {
    expect(persons('We drove over to NORTH Harvey on Sunday.')).toEqual([]);
    expect(persons('We drove over to La\u212Ae Harvey on Sunday.')).toEqual([]);
    expect(persons('Lunch with Newt Harvey on Sunday.')).toEqual(['Newt Harvey']);
  });

  it('still reads the name when the place word ends a sentence before it', () => {
    expect(persons('We moved north. Barry Collins helped.')).toEqual(['Barry Collins']);
  });
});

describe('family name first', () => {
  it('reads a listed surname then a listed given name, at a sentence start too', () => {
    expect(persons('Tanaka Hiroshi - Japanese order, family name first.')).toEqual(['Tanaka Hiroshi']);
    expect(persons('Wang Wei rang about his card.')).toEqual(['Wang Wei']);
  });

  it('needs both words listed, the given name no everyday word', () => {
    expect(persons('Park Lane branch is closed.')).toEqual([]);
    expect(persons('Green Will power.')).toEqual([]);
  });
});

describe("a surname's own particle after a listed given name", () => {
  it('reads "Jan de Vries", "Lotte van der Berg", "Ana dos Santos", a line end after it too', () => {
    expect(persons('Beneficiary: Jan de Vries\nIBAN: NL82ABNA9093100251')).toEqual(['Jan de Vries']);
    expect(persons('Payee: Lotte van der Berg')).toEqual(['Lotte van der Berg']);
    expect(persons('Ana dos Santos called.')).toEqual(['Ana dos Santos']);
  });

  it('leaves places made with a particle alone', () => {
    expect(persons('I moved from Rio de Janeiro.')).toEqual([]);
    expect(persons('Trip to Costa del Sol.')).toEqual([]);
    expect(persons('Santiago de Compostela is lovely.')).toEqual([]);
  });
});

describe('who a call, a test or care is for', () => {
  it('reads a listed name after "on behalf of", "calling for", "test for", "carer for"', () => {
    expect(persons('hello calling on behalf of stephen carr my email is below')).toEqual(['stephen carr']);
    expect(persons("calling to book a blood test for jacob he's eight")).toEqual(['jacob']);
    expect(persons('Maria Santos, foster carer for Destiny, is at home')).toEqual([
      'Maria Santos',
      'Destiny',
    ]);
  });

  it('leaves illnesses, firms and unlisted words after them alone', () => {
    expect(persons('Booked a test for Covid, results Friday.')).toEqual([]);
    expect(persons('carer for Dementia, support group')).toEqual([]);
    expect(persons('I am calling on behalf of Santander, regarding your loan')).toEqual([]);
    expect(persons('calling on behalf of the bank')).toEqual([]);
    expect(persons('blood test for cholesterol, fasting')).toEqual([]);
  });
});

describe('an everyday given name before a listed surname in a name field', () => {
  it('reads "CUST WILL HARRIS" and "NAME: MAY SMITH"', () => {
    expect(persons('PIN RESET. CUST WILL HARRIS, MOB +447700900481.')).toContain('WILL HARRIS');
    expect(persons('NAME: MAY SMITH')).toEqual(['MAY SMITH']);
  });

  it('leaves "will" and "may" as verbs after the cues', () => {
    expect(persons('Customer will call back.')).toEqual([]);
    expect(persons('Patient may need a referral')).toEqual([]);
    expect(persons('hi may i ask')).toEqual([]);
  });
});

describe("letters' and desks' own words are no names", () => {
  it('leaves salutations, placeholders, job titles and mail headers alone', () => {
    expect(persons('Dear Sirs,\nI enclose my passport.')).toEqual([]);
    expect(persons('Name: Anonymous\nDepartment: Physiotherapy')).toEqual([]);
    expect(persons('Kind regards\nDr R. Bamford, Consultant Diabetologist')).toEqual(['R. Bamford']);
    expect(persons('Left card. Neighbour said he is in hospital.')).toEqual([]);
    expect(persons('-----Original Message-----\nFrom: Olivia Chen')).toEqual(['Olivia Chen']);
    expect(persons('Sunita to phone Mr Lewin (cust since 1988) today.')).toEqual(['Sunita', 'Lewin']);
  });
});

describe('a lone name between the indefinite article and a noun is a make', () => {
  it('leaves "a Stanley blade" alone', () => {
    expect(persons("I've been doing it myself with a Stanley blade.")).toEqual([]);
  });

  it('reads "a Sarah on the phone", "a Tom who works there"', () => {
    expect(persons('I spoke to a Sarah on the phone')).toEqual(['Sarah']);
    expect(persons('a Tom who works there')).toEqual(['Tom']);
  });
});

describe('an everyday given name introduced after a spoken opener', () => {
  it('reads "its Summer from the surgery", "it\'s Dean calling"', () => {
    expect(persons('Hi Bill its Summer from the surgery, dr says ok')).toEqual(['Bill', 'Summer']);
    expect(persons("it's Dean calling about my prescription")).toEqual(['Dean']);
  });

  it('leaves the words alone without the opener or the verb', () => {
    expect(persons('its May from next week')).toEqual([]);
    expect(persons('Booked from Summer onwards')).toEqual([]);
  });
});

describe('names in key=value logs', () => {
  it('reads an unquoted capitalised value after a name key, and stops at the next key', () => {
    expect(persons('surname=Brandt forename=Tobias')).toEqual(['Brandt', 'Tobias']);
    expect(persons('Surname=Brandt Name=Tobias Okafor')).toEqual(['Brandt', 'Tobias Okafor']);
  });

  it('leaves form fields and other keys alone', () => {
    expect(persons('name=submit value=OK')).toEqual([]);
    expect(persons('username=Admin role=Staff')).toEqual([]);
    expect(persons('check failed name=MARK code=X')).toEqual([]);
  });
});

describe('columns headed by a role or by an organisation', () => {
  it('reads names under a role header ("staff", "patient")', () => {
    expect(persons('staff,role,ext\nSiân Morgan,Cashier,201\nHope,Reception,200')).toEqual([
      'Siân Morgan',
      'Hope',
    ]);
  });

  it('reads no name under a surgery, branch or department header', () => {
    const text =
      '"Patient","NHS Number","Surgery"\n"Rita Fox","4010232137","Elm Tree"\n"Will Brown","4010232138","Park View"';
    expect(persons(text)).toEqual(['Rita Fox', 'Will Brown']);
    expect(persons('Branch,Department\nHarrow,Lending\nKingston Grace,Savings')).toEqual([]);
  });
});

describe('clubs, newsletters and complaint teams; a chief complaint after "CC:"', () => {
  it('reads no person in them', () => {
    expect(persons('My Diners Club card was used in Spain')).toEqual([]);
    expect(persons('Minutes - Branch Ops Weekly')).toEqual([]);
    expect(persons('To: Consumer Complaints, Regional Bank')).toEqual([]);
    expect(persons('CC: chest pain x 2 hrs.')).toEqual([]);
  });

  it('still reads people copied in or present, in lower case too', () => {
    expect(persons('cc: john smith')).toEqual(['john smith']);
    expect(persons('Present: angela moss, dev patel')).toEqual(['angela moss', 'dev patel']);
  });
});
