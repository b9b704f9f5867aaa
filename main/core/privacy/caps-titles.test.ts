/**
 * A surname after an abbreviated title in capitals (call-centre and ward notes), where the capitals
 * hide the word's shape; "nurse" and "sister" stay everyday nouns there.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('a surname after an abbreviated title in capitals', () => {
  it('reads it whatever follows', () => {
    expect(persons('APPT MOVED TO FRI W/ DR OYELOWO. PT AWARE.')).toEqual(['OYELOWO']);
    expect(persons('REFUND AGREED FOR MRS THACKERAY.')).toEqual(['THACKERAY']);
  });

  it('leaves a noun after "nurse" alone', () => {
    expect(persons('CAN I HAVE A NURSE CALLBACK?')).toEqual([]);
    expect(persons('I WANT TO SEE A NURSE. MACHINE IS BROKEN')).toEqual([]);
  });
});

describe('a name in capitals with its diacritics', () => {
  it('reads a listed name written in capitals with accents in running text', () => {
    const text2 = 'licence reads (SIOBHÁN MURPHY, 2021) not the card';
    const got2 = detectPii(text2).filter((s) => s.type === 'PERSON');
    expect(got2.map((s) => text2.slice(s.start, s.end))).toEqual(['SIOBHÁN MURPHY']);
  });

  it('still reads an unlisted word in accented capitals as no name', () => {
    const text = 'SALE: ÉTÉ CAFÉ OPEN TODAY';
    expect(detectPii(text).filter((s) => s.type === 'PERSON')).toEqual([]);
  });
});
