import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import { nameReading } from './ocr-names';
import { codeUnits } from './code-units';

const names = (text: string): string[] =>
  detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));

describe('names OCR read with a digit for a letter', () => {
  it('puts the letters back in the word’s own case', () => {
    const read = (t: string) => nameReading(t, codeUnits(t))?.text ?? null;
    expect(read('Surname: W1LL0UGHBY')).toBe('Surname: WILLOUGHBY');
    expect(read('F0renames: Pe0nie')).toBe('Forenames: Peonie');
    // Codes and numbers stay as written.
    expect(read('Room B10, ref K101, 2001')).toBeNull();
  });

  it('finds a name in capitals whose O came out as 0, after its field', () => {
    expect(names('SCANNED F0RM\nSurname: TR0WBRIDGE\nD0B: 03/11/1957')).toEqual(['TR0WBRIDGE']);
    expect(names('ITEM 1 Name DEB0RAH K. ASHWORTH\n2 Address ....')).toEqual(['DEB0RAH K. ASHWORTH']);
  });

  it('reads the field after a label whose letter came out as a digit', () => {
    expect(names('Ref 20419\nF0renames: Evadne Rosamund\nT0wn: Hull')).toContain('Evadne Rosamund');
  });

  it('adds nothing on a scan with no name in it', () => {
    expect(names('P0ST 0FFICE receipt 0412, am0unt 12.40, t0tal 1 item')).toEqual([]);
  });
});

describe("a bilingual field's gloss", () => {
  it('reads the value after "Surname / Nom" and "Given names/Prénoms"', () => {
    expect(names('Passport No: 708114352\nSurname / Nom  ABERNATHY\nGiven names  ROSALIND')).toEqual([
      'ABERNATHY',
      'ROSALIND',
    ]);
    expect(names('Surname/Nom: QUILLFEATHER\nGiven names/Prénoms: TOBIAS ELDON')).toEqual([
      'QUILLFEATHER',
      'TOBIAS ELDON',
    ]);
  });
});
