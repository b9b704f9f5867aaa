/**
 * Names joined by a patronymic particle (Gaelic, Welsh, Arabic), read even at a sentence's start, and
 * the capitalised phrases with a particle-like word that stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('names joined by a patronymic particle', () => {
  it('reads capitalised and lower-case particles between two words', () => {
    expect(persons('Seosamh Mac Diarmada rang about the overdraft.')).toEqual(['Seosamh Mac Diarmada']);
    expect(persons('Iolo ap Rhisiart will collect the parcel.')).toEqual(['Iolo ap Rhisiart']);
    expect(persons('Faisal bin Zayed asked for a statement')).toEqual(['Faisal bin Zayed']);
    expect(persons('Name Siti Nur binti Osman, physio on Friday')).toEqual(['Siti Nur binti Osman']);
  });

  it('keeps a title outside the name', () => {
    expect(persons('Dear Mr ap Rhisiart, your card is on its way.')).toEqual(['ap Rhisiart']);
  });

  it('leaves organisations and everyday words beside a particle alone', () => {
    expect(persons('Put it in the Recycling bin Thursday morning')).toEqual([]);
    expect(persons('Visit the Old Mac Farm shop')).toEqual([]);
    expect(persons('Ask for Big Mac Meal Deal')).not.toContain('Big Mac Meal');
  });
});
