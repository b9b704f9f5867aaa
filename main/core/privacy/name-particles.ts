/**
 * Names joined by a patronymic particle: Gaelic "Mac", "Nic", "Ní", "Ó", "Ua", "Uí", Welsh "ap", "ab",
 * "ferch", Arabic "bin", "binti", "ibn" ("Seosamh Mac Diarmada", "Mr ap Rhys", "Faisal bin Zayed"). The
 * particle means "son of" or "daughter of": between two capitalised words, or after a title, it says the
 * words are a person's name, whatever the gazetteer knows of them, so a name opening a sentence (which
 * the names pass leaves without a cue) is read too. Lower-case particles sit in the gap between two of the
 * names pass's capitalised words; capitalised ones are words of their own.
 */
import { F_NOT_NAME, F_ORG, F_TITLE, fold, wordFlags } from './persons-flags';
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

export function particleNames(s: Scan): void {
  const text = s.text;
  s.personsPass();
  const n = found.words;
  for (let w = 0; w + 1 < n; w++) {
    const gap = found.start[w + 1]! - found.end[w]!;
    if (gap === 1) {
      // A capitalised particle: "Tadhg Mac Cárthaigh", "Ciara Ní Bhriain".
      if (w === 0 || found.start[w]! - found.end[w - 1]! !== 1) continue;
      if (found.end[w]! - found.start[w]! > 5 || !mayOpen(text.charCodeAt(found.start[w]!))) continue;
      if (!PARTICLES.has(text.slice(found.start[w]!, found.end[w]!).toLowerCase())) continue;
      name(s, w - 1, w + 1);
      w++;
    } else if (gap >= 4 && gap <= 7 && text.charCodeAt(found.end[w]!) === 32) {
      // A lower-case one between two words: "Dafydd ap Gruffudd", "Mr ap Rhys".
      if (!mayOpen(text.charCodeAt(found.end[w]! + 1))) continue;
      const particle = text.slice(found.end[w]! + 1, found.start[w + 1]! - 1);
      if (text.charCodeAt(found.start[w + 1]! - 1) !== 32 || !PARTICLES.has(particle)) continue;
      name(s, w, w + 1);
    }
  }
}

/** Adds the name from word `first` to word `last` (a title at `first` stays outside). */
function name(s: Scan, first: number, last: number): void {
  const firstFlags = flagsOf(s, first);
  const lastFlags = flagsOf(s, last);
  if ((lastFlags & (F_NOT_NAME | F_ORG)) !== 0 || (firstFlags & F_ORG) !== 0) return;
  // The name is the whole capitalised run: one going on ("Big Mac Meal Deal") is a product or a place.
  if (last + 1 < found.words && found.start[last + 1]! - found.end[last]! === 1) return;
  let start = found.start[first]!;
  if ((firstFlags & F_TITLE) !== 0) start = found.end[first]! + 1;
  else if ((firstFlags & F_NOT_NAME) !== 0) return;
  s.add(start, found.end[last]!, 'PERSON', SCORE);
}

function flagsOf(s: Scan, w: number): number {
  return wordFlags(fold(s.text.slice(found.start[w]!, found.end[w]!).toLowerCase()));
}
