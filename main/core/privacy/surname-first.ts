/**
 * Names written surname first at the start of a line, as lists, registers and record lines have them:
 * "Young, Rose – NHS no ...", "OKONKWO, JOY<tab>...", "Carter, Frank – SSN on file". The given name
 * must be one the gazetteer knows (or an initial), the surname capitalised and no listed non-name, and
 * the pair must end its field (a dash, a tab, two spaces or the line's end), so "Sorry, Grace said"
 * and "Leeds, York and Hull" are not read.
 */
import { F_AMBIGUOUS, F_FIRST, F_LAST, F_NOT_NAME, fold, wordFlags } from './persons-flags';
import { codeUnits } from './code-units';
import type { Scan } from './scan';

const SURNAME_FIRST =
  /(\p{Lu}[\p{L}\p{M}'’-]+), (\p{Lu}(?:[\p{L}\p{M}'’-]+|\.?))(?=[ \t]*(?:[–—-][ \t]|\t|$)|\n| {2})/uy;

export function surnameFirstNames(s: Scan): void {
  const text = s.text;
  const u = codeUnits(text);
  for (let p = 0; p >= 0 && p < text.length;) {
    // Cheap first: the line's first word runs straight into ", " (most lines open otherwise).
    let q = p;
    while (q - p < 30 && (u[q]! >= 128 || isLetter(u[q]!) || u[q] === 39 || u[q] === 45)) q++;
    if (q > p + 1 && u[q] === 44 && u[q + 1] === 32) {
      SURNAME_FIRST.lastIndex = p;
      const m = SURNAME_FIRST.exec(text);
      if (m !== null && known(m[1]!, m[2]!)) s.add(p, p + m[0].length, 'PERSON', 0.85);
    }
    // Only the first line of a text without line breaks (the text pass knows).
    if (!s.hasLines) return;
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? -1 : nl + 1;
  }
}

function known(surname: string, given: string): boolean {
  const sf = wordFlags(fold(surname.toLowerCase()));
  if ((sf & F_NOT_NAME) !== 0 && (sf & F_LAST) === 0) return false;
  if (given.length <= 2) return true; // an initial: "Wright, J"
  const gf = wordFlags(fold(given.toLowerCase()));
  return (gf & (F_FIRST | F_AMBIGUOUS)) !== 0;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}
