/**
 * One name the readers found in pieces comes out whole: a surname and its given names around a comma in
 * a field of their own, parts joined by a particle, and middle initials. Lists of first names, prose
 * commas and words that are no names stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('surname, comma, given names in a field', () => {
  it('joins them after a label, a bar, a dash or a list number', () => {
    expect(persons('Ref 5521\nPt: Fletcher, Graham\nDOB 02/03/1950')).toEqual(['Fletcher, Graham']);
    expect(persons('Name: OKONJO, Adaeze   Ward: 4B')).toEqual(['OKONJO, Adaeze']);
    expect(persons('Tray label - HUGHES, Bethan - 3 items')).toEqual(['HUGHES, Bethan']);
    expect(persons('ID 40912 | Marshall, Peter K | seen 09:10')).toEqual(['Marshall, Peter K']);
    expect(persons('Run sheet\n1. Nowak, Tomasz - 4 Elm Rise\n2. Dunn, Carol - 7 Ash Way')).toEqual([
      'Nowak, Tomasz',
      'Dunn, Carol',
    ]);
    expect(persons('Pt: dos Reis, Ana Luisa   MRN 55102')).toEqual(['dos Reis, Ana Luisa']);
  });

  it('finds the field start behind spaces, a bullet or a bracketed number', () => {
    expect(persons('Name:   MORLEY, Janine\nRoom 2')).toEqual(['MORLEY, Janine']);
    expect(persons('Callbacks\n• Ferreira, Paulo - 14:20')).toEqual(['Ferreira, Paulo']);
    expect(persons('Queue\n3) Lindqvist, Maja\n4) done')).toEqual(['Lindqvist, Maja']);
  });

  it('leaves lists of first names and commas in prose apart', () => {
    expect(persons('Present: Angela, Dev\nApologies: none')).toEqual(['Angela', 'Dev']);
    expect(persons('We called Mr Fletcher, Graham answered and said no.')).not.toContain('Fletcher, Graham');
  });
});

describe('particles between the parts of a name', () => {
  it('joins Iberian, Arabic and Gaelic names across their particles', () => {
    expect(persons('Account holder Rafael Ortega y Blanco asked for a statement.')).toEqual([
      'Rafael Ortega y Blanco',
    ]);
    expect(persons('Her daughter Beatriz Moura da Cunha is also on it.')).toEqual(['Beatriz Moura da Cunha']);
    expect(persons('Patient: Layla bint Hamad al-Rashidi\nAllergies: none')).toEqual([
      'Layla bint Hamad al-Rashidi',
    ]);
    expect(persons('Dear Ms Caoimhe Ní Dhonnchadha,\nThank you')).toEqual(['Caoimhe Ní Dhonnchadha']);
    expect(persons('Booked in: Iain Mac an t-Sealgair, tel to follow')).toEqual(['Iain Mac an t-Sealgair']);
  });

  it('does not run a name on into ordinary words', () => {
    expect(persons('Spoke to Rafael Ortega about de minimis limits.')).toEqual(['Rafael Ortega']);
  });
});

describe('middle initials', () => {
  it('joins a given name, its initials and the surname', () => {
    expect(persons('Applicant: Rebecca T. Albright\nDOB: 1/2/1980')).toEqual(['Rebecca T. Albright']);
    expect(persons('MR KWAME B ASANTE\nAmlodipine 5mg')).toEqual(['KWAME B ASANTE']);
  });

  it('reads no word as an initial', () => {
    expect(persons('Thanks Sarah I think that is all.')).toEqual(['Sarah']);
  });
});

describe('a surname in capitals', () => {
  it('joins the surname a reader stopped short of', () => {
    expect(persons('MR GRAHAM TUDBURY\nTake TWO tablets daily')).toEqual(['GRAHAM TUDBURY']);
    expect(persons('Name: Edith Mary BRAMALL\nWard: 6')).toEqual(['Edith Mary BRAMALL']);
  });

  it('does not take in an acronym after the name', () => {
    expect(persons('CALL DEREK ASAP.')).toEqual(['DEREK']);
  });
});

describe('a middle name that is an everyday word', () => {
  it('joins a given name, a month or flower name and a surname into one name', () => {
    expect(persons('Re: Winifred May Hughes DOB 02/02/1941')).toEqual(['Winifred May Hughes']);
    expect(persons('Pupil: Amara Joy Nwachukwu, Year 4')).toEqual(['Amara Joy Nwachukwu']);
  });
});

describe('a surname in capitals closed by a dash or a birth date label', () => {
  it('joins the surname a typed note closes with a spaced dash or DOB', () => {
    expect(persons('Pt = DAVID HALLWORTHY DOB 02.03.51, seen 10.40')).toEqual(['DAVID HALLWORTHY']);
    expect(persons('Seen: MARY ACKROYDEN - c/o dizziness')).toEqual(['MARY ACKROYDEN']);
  });
});
