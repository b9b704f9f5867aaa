/**
 * Names joined by a patronymic particle: Gaelic "Mac", "Nic", "Ní", "Ó", "Ua", "Uí", Welsh "ap", "ab",
 * "ferch", Arabic "bin", "binti", "ibn" ("Seosamh Mac Diarmada", "Mr ap Rhys", "Faisal bin Zayed"). The
 * particle means "son of" or "daughter of": between two capitalised words, or after a title, it says the
 * words are a person's name, whatever the gazetteer knows of them, so a name opening a sentence (which
 * the names pass leaves without a cue) is read too. Lower-case particles sit in the gap between two of the
 * names pass's capitalised words; capitalised ones are words of their own.
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, F_WIDE, fold, wordFlags } from './persons-flags';
import { found } from './persons-words';
import type { Scan } from './scan';

const PARTICLES: ReadonlySet<string> = new Set(
  'mac mhic nic ní ó ua uí ap ab ferch verch bin binti bint ibn'.split(' '),
);
const SCORE = 0.85;

// The first letters of the particles, either case (ó, Ó included): most word pairs are passed over on it.
const OPENERS = new Set([...PARTICLES].flatMap((p) => [p.charCodeAt(0), p.toUpperCase().charCodeAt(0)]));

function mayOpen(c: number): boolean {
  return OPENERS.has(c);
}

/**
 * The name a particle makes at word `w` and the next (word-shapes.ts walks the names pass's words);
 * true when one was read.
 */
export function particleAt(s: Scan, text: string, w: number): boolean {
  const starts = found.start;
  const ends = found.end;
  const gap = starts[w + 1]! - ends[w]!;
  if (gap === 1) {
    // A capitalised particle: "Tadhg Mac Cárthaigh", "Ciara Ní Bhriain".
    if (w === 0 || starts[w]! - ends[w - 1]! !== 1) return false;
    if (ends[w]! - starts[w]! > 5 || !mayOpen(text.charCodeAt(starts[w]!))) return false;
    if (!PARTICLES.has(text.slice(starts[w]!, ends[w]!).toLowerCase())) return false;
    name(s, w - 1, w + 1);
    return true;
  }
  if (gap < 4 || gap > 10 || text.charCodeAt(ends[w]!) !== 32) return false;
  const c = text.charCodeAt(ends[w]! + 1);
  if (text.charCodeAt(starts[w + 1]! - 1) !== 32) return false;
  // A lower-case one between two words: "Dafydd ap Gruffudd", "Mr ap Rhys".
  if (gap <= 7 && mayOpen(c) && PARTICLES.has(text.slice(ends[w]! + 1, starts[w + 1]! - 1))) {
    name(s, w, w + 1);
    return false;
  }
  // A surname's own particle after a listed given name: "Jan de Vries", "Ana dos Santos", "Lotte van
  // der Berg". Without the given name the particle says less ("Rio de Janeiro", "Costa del Sol"), and
  // a name only the generated list knows is too often a saint's or a town's ("Santiago de Compostela").
  if (
    (c === 100 || c === 118 || c === 116) &&
    (found.lf[w]! & (F_FIRST | F_AMBIGUOUS)) !== 0 &&
    (found.lf[w]! & F_WIDE) === 0 &&
    SURNAME_PARTICLES.has(text.slice(ends[w]! + 1, starts[w + 1]! - 1))
  )
    name(s, w, w + 1);
  return false;
}

// Lower-case particles of Dutch, German, French, Iberian and Italian surnames (d, v or t first).
const SURNAME_PARTICLES: ReadonlySet<string> = new Set(
  'de|da|di|do|dos|das|del|della|du|van|von|van der|van den|van de|von der|de la|de los|de las|ter|ten'.split(
    '|',
  ),
);

/** Adds the name from word `first` to word `last` (a title at `first` stays outside). */
function name(s: Scan, first: number, last: number): void {
  const firstFlags = flagsOf(s, first);
  const lastFlags = flagsOf(s, last);
  if ((lastFlags & (F_NOT_NAME | F_ORG)) !== 0 || (firstFlags & F_ORG) !== 0) return;
  // The name is the whole capitalised run: one going on ("Big Mac Meal Deal") is a product or a place.
  if (
    last + 1 < found.words &&
    found.start[last + 1]! - found.end[last]! === 1 &&
    s.text.charCodeAt(found.end[last]!) === 32
  )
    return;
  let start = found.start[first]!;
  if ((firstFlags & F_TITLE) !== 0) start = found.end[first]! + 1;
  else if ((firstFlags & F_NOT_NAME) !== 0) return;
  else {
    // Given names before it belong to it too ("Nurul Aisyah binti Hassan"), up to two.
    for (let w = first - 1; w >= 0 && w >= first - 2; w--) {
      if (found.end[w]! + 1 !== found.start[w + 1]! || s.text.charCodeAt(found.end[w]!) !== 32) break;
      if ((flagsOf(s, w) & (F_NOT_NAME | F_ORG | F_TITLE)) !== 0) break;
      start = found.start[w]!;
    }
  }
  s.add(start, found.end[last]!, 'PERSON', SCORE);
}

function flagsOf(s: Scan, w: number): number {
  return wordFlags(fold(s.text.slice(found.start[w]!, found.end[w]!).toLowerCase()));
}
