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
import { vietnameseNames } from './vietnamese-names';

const SURNAME_FIRST =
  /(\p{Lu}[\p{L}\p{M}'’-]+), (\p{Lu}(?:[\p{L}\p{M}'’-]+|\.?))(?=[ \t]*(?:[–—-][ \t]|\t|$)|\n| {2})/uy;

export function surnameFirstNames(s: Scan): void {
  const text = s.text;
  const u = codeUnits(text);
  let transcript: boolean | undefined;
  for (let p = 0; p >= 0 && p < text.length;) {
    // Cheap first: the line's first word runs straight into ", " (most lines open otherwise).
    let q = p;
    while (q - p < 30 && (u[q]! >= 128 || isLetter(u[q]!) || u[q] === 39 || u[q] === 45)) q++;
    if (q > p + 1 && u[q] === 44 && u[q + 1] === 32) {
      SURNAME_FIRST.lastIndex = p;
      const m = SURNAME_FIRST.exec(text);
      if (m !== null && known(m[1]!, m[2]!)) s.add(p, p + m[0].length, 'PERSON', 0.85);
    } else if (q > p + 1 && u[q] === 58 && u[q + 1] === 32 && u[p]! >= 65 && u[p]! <= 90) {
      if (transcript === undefined) transcript = OTHER_SPEAKER.test(text);
      if (transcript && speakerName(text.slice(p, q))) s.add(p, q, 'PERSON', 0.85);
    }
    // Only the first line of a text without line breaks (the text pass knows).
    if (!s.hasLines) break;
    const nl = text.indexOf('\n', p);
    p = nl < 0 ? -1 : nl + 1;
  }
  if (s.hasTab) tabRowNames(s, u);
  if (text.includes('"')) quotedNames(s, u);
  vietnameseNames(s);
}

// A quoted field holding the name alone, surname first: a CSV cell or an email's display name.
const QUOTED_SURNAME_FIRST =
  /"(\p{Lu}[\p{Ll}\p{M}'’-]+), (\p{Lu}[\p{Ll}\p{M}'’-]+)((?: \p{Lu}[\p{Ll}\p{M}'’-]+|\p{Lu}\.?)?)"/uy;

/**
 * '"Hughes, Martin",1974-...', 'From: "Wilson, Graham" <...>': a quoted field holding only a surname,
 * a comma and given names. The quotes close the field, so a given name that is also a surname
 * (Martin, Graham) counts as well as a listed given name; an everyday word or a place does not.
 */
function quotedNames(s: Scan, u: Uint16Array): void {
  const text = s.text;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) {
    const b = q > 0 ? u[q - 1]! : 10;
    if (!(b === 10 || b === 44 || b === 32 || b === 9 || b === 58 || b === 61 || b === 91)) continue;
    if (!(u[q + 1]! >= 65 && u[q + 1]! <= 90) && u[q + 1]! < 0xc0) continue;
    QUOTED_SURNAME_FIRST.lastIndex = q;
    const m = QUOTED_SURNAME_FIRST.exec(text);
    if (m === null) continue;
    const end = q + m[0].length - 1;
    // Or a reader found the given names already ("Thandiwe Grace" of "Mbeki, Thandiwe Grace").
    const sf = wordFlags(fold(m[1]!.toLowerCase()));
    if ((sf & F_NOT_NAME) !== 0) continue;
    if (quotedKnown(sf, m[2]!) || givenFound(s, q + m[1]!.length + 3, end)) {
      // A cue's reader may have taken the surname alone ("name" column): the field is one name.
      for (const c of s.out) {
        if (c.type !== 'PERSON' || c.start < q + 1 || c.end > end) continue;
        c.start = q + 1;
        c.end = end;
      }
      s.add(q + 1, end, 'PERSON', 0.85);
    }
    q += m[0].length - 1;
  }
}

function givenFound(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.type === 'PERSON' && c.start === start && c.end <= end) return true;
  return false;
}

/** The given name is listed, or both words are listed surnames ("Hughes, Martin"); `sf` is the surname's flags. */
function quotedKnown(sf: number, given: string): boolean {
  const gf = wordFlags(fold(given.toLowerCase()));
  if ((gf & F_NOT_NAME) !== 0) return false;
  if ((gf & F_FIRST) !== 0) return true;
  return (sf & F_LAST) !== 0 && (gf & (F_LAST | F_AMBIGUOUS)) !== 0;
}

/**
 * Header-less tab-separated rows, where every field starts like a line: "10442<tab>OKONKWO, JOY<tab>...",
 * and the surname in the field beside a known first name ("Al-Farsi<tab>Omar<tab>K05519382",
 * "Sophie<tab>Brown-Whitaker<tab>Flat 7"). The neighbour must be one capitalised word that the
 * gazetteer knows as a surname or a compound of two capitalised parts; "Omar<tab>Cashier" and
 * "Sophie<tab>Pending" are not read.
 */
function tabRowNames(s: Scan, u: Uint16Array): void {
  const text = s.text;
  for (let t = text.indexOf('\t'); t >= 0; t = text.indexOf('\t', t + 1)) {
    SURNAME_FIRST.lastIndex = t + 1;
    const m = SURNAME_FIRST.exec(text);
    if (m !== null && known(m[1]!, m[2]!)) s.add(t + 1, t + 1 + m[0].length, 'PERSON', 0.85);
  }
  const n = s.out.length;
  for (let k = 0; k < n; k++) {
    const c = s.out[k]!;
    if (c.type !== 'PERSON') continue;
    const before = c.start > 0 ? u[c.start - 1]! : 10;
    const after = c.end < text.length ? u[c.end]! : 10;
    if (
      !((before === 9 || before === 10) && (after === 9 || after === 10)) ||
      (before !== 9 && after !== 9)
    ) {
      continue;
    }
    if (!(wordFlags(fold(text.slice(c.start, c.end).toLowerCase())) & F_FIRST)) continue;
    if (before === 9) {
      let f = c.start - 1;
      while (f > 0 && u[f - 1]! !== 9 && u[f - 1]! !== 10) f--;
      surnameField(s, f, c.start - 1);
    }
    if (after === 9) {
      let e = c.end + 1;
      while (e < text.length && u[e]! !== 9 && u[e]! !== 10 && u[e]! !== 13) e++;
      surnameField(s, c.end + 1, e);
    }
  }
}

const SURNAME_FIELD = /^\p{Lu}[\p{L}\p{M}]+(?:['’-](\p{Lu})[\p{L}\p{M}]+)?$/u;

function surnameField(s: Scan, from: number, to: number): void {
  const field = s.text.slice(from, to);
  const m = SURNAME_FIELD.exec(field);
  if (m === null) return;
  const f = wordFlags(fold(field.toLowerCase()));
  if ((f & F_NOT_NAME) !== 0 && (f & F_LAST) === 0) return;
  if ((f & F_LAST) === 0 && m[1] === undefined) return;
  for (const c of s.out) if (c.type === 'PERSON' && c.start < to && from < c.end) return;
  s.add(from, to, 'PERSON', 0.85);
}

/** A staff side's label on another line makes a text a transcript ("Reception: about 20 mins"). */
const OTHER_SPEAKER =
  /(?:^|\n)(?:staff|agent|advisor|adviser|operator|reception|me|bot|customer|caller|patient)(?: \([^)\n]{1,12}\))?:/i;

/**
 * A transcript's speaker label that the gazetteer knows as a surname (or as either): "Baker: is the
 * clinic running late?". First names are read by the names pass; role words ("Caller:") are listed as
 * no names, and unknown words ("Manager:", "Host:") are not read.
 */
function speakerName(word: string): boolean {
  const f = wordFlags(fold(word.toLowerCase()));
  return (f & F_NOT_NAME) === 0 && (f & (F_LAST | F_AMBIGUOUS | F_FIRST)) !== 0;
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
