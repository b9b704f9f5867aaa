/**
 * One walk over the names pass's capitalised words for the readers that go by a name's written shape
 * rather than its cue: initials (initials.ts), patronymic particles (name-particles.ts) and given names
 * split by OCR (split-names.ts). Each word is asked only what its length allows; one loop serves the
 * three, as the detector runs on every turn.
 */
import { initialAt } from './initials';
import { particleAt } from './name-particles';
import { found } from './persons-words';
import type { Scan } from './scan';
import { splitAt } from './split-names';

export function wordShapeNames(s: Scan): void {
  const text = s.text;
  const u = s.personsPass();
  const n = found.words;
  const starts = found.start;
  const ends = found.end;
  const length = text.length;
  // Where the next initials and the next particle name may start: neither reads inside the last one.
  let initialsFrom = 0;
  let particleFrom = 0;
  for (let w = 0; w < n; w++) {
    const start = starts[w]!;
    const end = ends[w]!;
    const size = end - start;
    if (size === 1) {
      if (start >= initialsFrom) {
        const got = initialAt(s, u, length, start);
        if (got > 0) initialsFrom = got;
      }
    } else if (size <= 3 && u[end] === 32 && u[end + 1]! >= 97 && u[end + 1]! <= 122) {
      splitAt(s, text, u, w);
    }
    if (w + 1 < n && w >= particleFrom && particleAt(s, text, w)) particleFrom = w + 2;
  }
}
