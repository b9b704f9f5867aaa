/**
 * Words that stand where names stand but are none: month and weekday abbreviations in dates and
 * bookings, nationality words in an ethnicity field, a form's own nouns after a name cue, chat
 * interjections after a speaker label, and a verb after a shorthand cue in capitals.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('words in a name’s place that are no names', () => {
  it('leaves month and weekday abbreviations alone', () => {
    expect(persons('On Wed, 9 Jun 2025 at 10:14, the transfer cleared')).toEqual([]);
    expect(persons('Reception: Booked Fri 11:30 with the nurse')).toEqual([]);
  });

  it('leaves nationality words in an ethnicity field alone', () => {
    expect(persons('ETHNICITY: Black Caribbean  RELIGION: none')).toEqual([]);
  });

  it('leaves a form’s own nouns and chat interjections after a cue alone', () => {
    expect(persons('Patient name form attached, see file')).toEqual([]);
    expect(persons('Customer: omg thanks so much')).toEqual([]);
    expect(persons('CUST TOLD TO WAIT 3 DAYS')).toEqual([]);
  });

  it('still reads the names those cues head', () => {
    expect(persons('Customer: Tomasz Nowak, wants a new card')).toEqual(['Tomasz Nowak']);
    expect(persons('Pt name: Halima Yusuf')).toEqual(['Halima Yusuf']);
  });
});

describe('a cue’s neighbours that are no names', () => {
  it('leaves a verb after shorthand, a remark about names and a capitals heading alone', () => {
    expect(persons('Pt complained of dizziness after lunch')).toEqual([]);
    expect(persons('Cust waited 40 mins at the counter')).toEqual([]);
    expect(persons('Name spellings differ between the two cards.')).toEqual([]);
    expect(persons('ANNUAL PATIENT REVIEW\nAllergies: none known')).toEqual([]);
  });

  it('still reads a name after the same cues', () => {
    expect(persons('PATIENT OKORIE\nAllergies: none known')).toEqual(['OKORIE']);
    expect(persons('Name as on passport: BABAJIDE OLUMIDE ADEWALE')).toEqual(['BABAJIDE OLUMIDE ADEWALE']);
  });
});

describe('firms and departments where a name field stands', () => {
  it('leaves a firm named in a name field, a lower-case company suffix and a lone department', () => {
    expect(persons('Employer name: Dobbins\nYears there: 4')).toEqual([]);
    expect(persons('Employer name: Brannigans plc\nYears there: 4')).toEqual([]);
    expect(persons('From: Pharmacy\nYour order is ready.')).toEqual([]);
  });

  it('still reads the people in the same fields', () => {
    expect(persons('Full name: Bob Tillings\nEmployer: Acme ltd')).toEqual(['Bob Tillings']);
  });
});

describe('a mailbox or a unit in a sender’s place', () => {
  it('leaves a mailbox’s local part after From: or To:', () => {
    expect(persons('From: noreply@alerts.example\nTo: h.quist@example.com\nSubject: Statement')).toEqual([]);
    expect(persons('From: donotreply@portal.example\nSubject: Reset')).toEqual([]);
  });

  it('leaves a desk or a team named as the sender', () => {
    expect(persons('From: Savings Desk <savings@bank.example>\nTo: Ines Marlowe')).toEqual(['Ines Marlowe']);
    expect(persons('To: Arrears Team\nFrom: Bartholomew Quist')).toEqual(['Bartholomew Quist']);
  });

  it('still reads a person before an address', () => {
    expect(persons('From: Odile Ferrand <odile@example.com>')).toEqual(['Odile Ferrand']);
  });
});

describe('a form’s placeholder or a product in a name’s place', () => {
  it('leaves placeholders after a name field', () => {
    expect(persons('Emergency contact: None Given\nSigned: Pending')).toEqual([]);
  });

  it('leaves savings products and squares', () => {
    expect(persons('Account type: Easy Saver Bonus')).toEqual([]);
    expect(persons('We met near Bloomsbury Square after work.')).toEqual([]);
  });
});

describe('a sign-off word before a name', () => {
  it('is not read as a surname written first', () => {
    expect(persons('Speak soon.\nCheers, Ottilie')).toEqual(['Ottilie']);
  });
});

describe('pronouns and roles where a name stands', () => {
  it('leaves a pronoun or a collective noun opening a sentence before its verb alone', () => {
    expect(persons('Somebody rang twice asking for the PIN. Nobody at the desk gave it.')).toEqual([]);
    expect(persons('Family visited on Sunday; Eudora Finch seemed brighter.')).toEqual(['Eudora Finch']);
  });

  it('leaves a role owning a letter or a pension alone, and still reads a name owning one', () => {
    expect(persons("Lender's letter attached. Landlord's reference to follow.")).toEqual([]);
    expect(persons("Quarshie's card was retained at the ATM.")).toEqual(['Quarshie']);
  });
});

describe('a lower-case word after the notes’ shorthand', () => {
  it('reads the note going on after "cust" or "pt", not a name', () => {
    expect(persons('pt breathless on exertion, obs stable')).toEqual([]);
    expect(persons('cust insistent. Referred to Osric Pell in fraud.')).toEqual(['Osric Pell']);
  });

  it('still reads a lower-case name in full, or one the gazetteer knows', () => {
    expect(persons('pt zaviyar okonjo 41yo, chest pain')).toEqual(['zaviyar okonjo']);
    expect(persons('cust margaret, at till 3')).toEqual(['margaret']);
  });
});

describe('a role heading a name', () => {
  it('reads the name after "Owner", "Occupant" or "Guarantor", not the role', () => {
    expect(persons('Van claim. Owner Grant Hodgson - hail damage.')).toEqual(['Grant Hodgson']);
  });
});

describe('a full name opening the text before its verb', () => {
  it('reads a given name no list has before a listed surname and what the person did', () => {
    expect(persons('Zoltán Harris called about his ISA.')).toEqual(['Zoltán Harris']);
    // No verb after: a heading or a place's name as much as a person's.
    expect(persons('Quenby Harris\nOpening hours 9-5')).not.toContain('Quenby Harris');
  });
});

describe('calendar compounds and contractions in a name’s place', () => {
  it('leaves a month range or a weekday compound alone, and still reads hyphenated given names', () => {
    expect(persons('Statements Mar-Aug sent to Odalys Prieto.')).toEqual(['Odalys Prieto']);
    expect(persons('Clinic hours Tue-Thu; Wednesday-only slots for Ngozi Eke.')).toEqual(['Ngozi Eke']);
    expect(persons('Mrs May-Ling Chen and Jan-Erik Olsen signed.')).toEqual([
      'May-Ling Chen',
      'Jan-Erik Olsen',
    ]);
  });

  it('leaves a contraction after a name cue alone', () => {
    expect(persons("The account name doesn't match the payee.")).toEqual([]);
  });
});

describe('firms, rooms, forces and streets named after people, and a letter to a parent', () => {
  it('leaves a name that a firm, a room, a force or a street word closes', () => {
    expect(persons('Kind regards, Halloran Estates.')).toEqual([]);
    expect(persons('Referred by Dr Ines Varga, Brookfield Internal Medicine')).toEqual(['Ines Varga']);
    expect(persons('Training is in the Attlee Room on level 2.')).toEqual([]);
    expect(persons('Caller said he was from Thames Valley Police.')).toEqual([]);
    expect(persons('Parking on Duke Albert Avenue is free after 6.')).toEqual([]);
    expect(persons('Glasses ordered from Brightsight Opticians on Friday.')).toEqual([]);
    expect(persons('Booked at Polished Nail Studio, then the Pension Credit claim.')).toEqual([]);
  });

  it('leaves the parent or guardian a school letter is addressed to', () => {
    expect(persons('Dear Parent/Guardian of Amelie Rose Okafor,')).toEqual(['Amelie Rose Okafor']);
  });
});
