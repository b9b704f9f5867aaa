/**
 * A full name typed in lower case: "calling regarding frances bell", "sent it to rukhsana begum
 * yesterday". In a text typed without capitals nothing else marks a name, but a hand-listed given name
 * (no everyday word) followed by a listed surname (no everyday word either) is one wherever it stands.
 * chat-names.ts decides the text is such a text; this only walks its lower-case words on code units.
 */
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, F_ORG, F_TITLE, F_WIDE, FLAGS } from './persons-flags';
import type { Scan } from './scan';

const SCORE = 0.7;
// The generated list's given names are not vetted against lower-case words of other languages.
const NOT_GIVEN = F_AMBIGUOUS | F_NOT_NAME | F_TITLE | F_ORG | F_WIDE;
const NOT_SURNAME = F_AMBIGUOUS | F_NOT_NAME | F_TITLE | F_ORG;

export function lowerFullNames(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  const n = text.length;
  let p = 0;
  while (p < n) {
    if (!isLower(u[p]!)) {
      p++;
      continue;
    }
    let q = p + 1;
    while (q < n && isLower(u[q]!)) q++;
    if (q - p >= 3 && u[q] === 32 && !joined(u, p - 1)) {
      const f = FLAGS.get(u, text, p, q);
      if ((f & F_FIRST) !== 0 && (f & NOT_GIVEN) === 0) {
        const r = q + 1;
        let t = r;
        while (t < n && isLower(u[t]!)) t++;
        if (t - r >= 3 && (t >= n || !joined(u, t))) {
          const g = FLAGS.get(u, text, r, t);
          if ((g & F_LAST) !== 0 && (g & NOT_SURNAME) === 0) s.add(p, t, 'PERSON', SCORE);
        }
      }
    }
    p = q;
  }
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;

/** A letter, digit, apostrophe, hyphen, "@", "." inside a token or "_" at `i`: the word goes on there. */
function joined(u: Uint16Array, i: number): boolean {
  if (i < 0) return false;
  const c = u[i]!;
  if ((c | 32) >= 97 && (c | 32) <= 122) return true;
  if ((c >= 48 && c <= 57) || c === 39 || c === 0x2019 || c === 45 || c === 64 || c === 95 || c >= 0xc0)
    return true;
  // "jo.bloggs": a full stop with a letter right after it.
  return c === 46 && (u[i + 1]! | 32) >= 97 && (u[i + 1]! | 32) <= 122;
}
