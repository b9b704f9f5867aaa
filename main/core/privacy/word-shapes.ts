/**
 * One walk over the names pass's capitalised words for the readers that go by a name's written shape
 * rather than its cue: initials (initials.ts), patronymic particles (name-particles.ts) and given names
 * split by OCR (split-names.ts). Each word is asked only what its length allows; one loop serves the
 * three, as the detector runs on every turn.
 */
import { initialAt } from './initials';
import { particleAt } from './name-particles';
import { isPossessive, possessiveAt } from './possessive-names';
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME } from './persons-flags';
import { found } from './persons-words';
import type { Scan } from './scan';
import { splitAt } from './split-names';

// A listed word ("The", "Can", "Al") is no fragment of a split name.
const LISTED = F_FIRST | F_AMBIGUOUS | F_LAST | F_NOT_NAME;
// Module-local: a plain constant is cheaper to reach in the loop than an imported binding.
const initial = initialAt;
const particle = particleAt;
const split = splitAt;

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
    const next = u[end]!;
    const lowerAfter = next === 32 && u[end + 1]! >= 97 && u[end + 1]! <= 122;
    if (size === 1) {
      // "I am", "A card": a lone capital before a lower-case word is a pronoun or an article.
      if (start >= initialsFrom && !lowerAfter) {
        const got = initial(s, u, length, start);
        if (got > 0) initialsFrom = got;
      }
    } else if (size <= 3 && lowerAfter && (found.lf[w]! & LISTED) === 0) {
      split(s, text, u, w);
    } else if (found.lf[w] === 0 && isPossessive(u, start, end)) {
      possessiveAt(s, text, u, start, end);
    }
    // A particle is a short capitalised word between two others, or a lower-case gap of two to eight letters.
    if (w + 1 >= n || w < particleFrom) continue;
    const gap = starts[w + 1]! - end;
    if ((gap === 1 ? size <= 5 : gap >= 4 && gap <= 10) && particle(s, text, w)) particleFrom = w + 2;
  }
}
