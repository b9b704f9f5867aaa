/**
 * Vietnamese names read by their marker word ("Thị", "Văn") after a listed family name, capitalised or
 * typed in lower case, and English phrases with "van" left alone.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('Vietnamese names with their marker word', () => {
  it('reads them at a sentence start and with diacritics', () => {
    expect(persons('Pham Thi Kim Oanh asked for a new PIN.')).toEqual(['Pham Thi Kim Oanh']);
    expect(persons('Khách hàng Đặng Văn Khoa đã gọi')).toEqual(['Đặng Văn Khoa']);
    expect(persons('Bui Thi Thu, DOB 05/06/1984')).toEqual(['Bui Thi Thu']);
  });

  it('reads a lower-case one with the woman’s marker, one given word', () => {
    expect(persons('hello i am truong thi lien, i lost my card')).toEqual(['truong thi lien']);
  });

  it('leaves English with "van" and a word no family name opens', () => {
    expect(persons('we went to van hire place after lunch')).toEqual([]);
    expect(persons('do van sales people call back')).toEqual([]);
  });
});
