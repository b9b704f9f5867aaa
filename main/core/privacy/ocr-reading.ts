/**
 * OCR's digits for letters, put back: 0 for O and 1 for I or l in words of letters whose only digits are
 * those. Shared by the cue reading (ocr-cues.ts) and the name reading (ocr-names.ts), which differ only in
 * which words they take and in which case the letter comes back. Same length, so positions carry over.
 */
import { isAsciiAlnum } from './chars';

/** A word of letters, 0s and 1s (no other digit), counted. */
export interface OcrWord {
  start: number;
  end: number;
  upper: number;
  lower: number;
}

/** The letters for 0 and 1 in this word, or null to leave it as written. */
export type OcrLetters = (word: OcrWord, u: Uint16Array) => readonly [zero: string, one: string] | null;

export interface OcrReading {
  text: string;
  /** 1 where a digit was put back as a letter. */
  changed: Uint8Array;
}

/** The text with each taken word's 0s and 1s read as letters; null when nothing changed. */
export function ocrReading(text: string, u: Uint16Array, lettersFor: OcrLetters): OcrReading | null {
  let out: string[] | null = null;
  let changed: Uint8Array | null = null;
  let i = 0;
  while (i < text.length) {
    if (!isAsciiAlnum(u[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let upper = 0;
    let lower = 0;
    let other = 0;
    while (isAsciiAlnum(u[i]!)) {
      const c = u[i]!;
      if (c >= 65 && c <= 90) upper++;
      else if (c >= 97 && c <= 122) lower++;
      else if (c !== 48 && c !== 49) other++;
      i++;
    }
    // Only 0s and 1s among the letters, and at least one of them.
    if (other > 0 || upper + lower === i - start) continue;
    const letters = lettersFor({ start, end: i, upper, lower }, u);
    if (letters === null) continue;
    out ??= text.split('');
    changed ??= new Uint8Array(text.length);
    for (let k = start; k < i; k++) {
      const c = u[k]!;
      if (c !== 48 && c !== 49) continue;
      out[k] = c === 48 ? letters[0] : letters[1];
      changed[k] = 1;
    }
  }
  return out === null || changed === null ? null : { text: out.join(''), changed };
}

/** Whether a digit was put back anywhere in [start, end). */
export function changedIn(changed: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (changed[k] === 1) return true;
  return false;
}
