/** Given names in the possessive, and the firms and places written the same way. */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('a given name in the possessive', () => {
  it('reads the name before the apostrophe', () => {
    expect(persons('picking the dog up from Harriet’s after work')).toEqual(['Harriet']);
    expect(persons("Are you going to Tomasz's leaving do?")).toEqual(['Tomasz']);
  });

  it('masks the "\'s" with the name where it is "has" or "is"', () => {
    expect(persons("Yusuf's been waiting since nine")).toEqual(["Yusuf's"]);
  });

  it('leaves saints, firms and everyday words alone', () => {
    expect(persons("Parking near St Andrew's Church is free")).toEqual([]);
    expect(persons("Bought a tub of Ben & Jerry's for the party")).toEqual([]);
    expect(persons("The cards for Mother's Day sold out")).toEqual([]);
    expect(persons("Order from Harriet's Bakery by noon")).toEqual([]);
  });
});
