/**
 * The name written beside its own e-mail address: "Colin Marsh, colin.marsh57@yahoo.co.uk",
 * "Ana Souza <ana.souza@example.com>", "Dev MALHOTRA (dmalhotra@...)". Two or three capitalised words
 * just before the address, each of them (an initial aside) found in the address's local part, so the
 * address itself vouches for the name; no gazetteer is asked. Read only where an e-mail was found.
 */
import { F_NOT_NAME, F_ORG, F_FIRST, F_LAST, fold, wordFlags } from './persons-flags';
import type { Scan } from './scan';

const WORDS_BEFORE = /((?:\p{Lu}[\p{L}\p{M}'’-]*\.? ){1,2}\p{Lu}[\p{L}\p{M}'’-]+)[,:;]? ?[<(]?$/u;

export function emailNames(s: Scan): void {
  const n = s.out.length;
  for (let k = 0; k < n; k++)
    if (s.out[k]!.type === 'EMAIL') addressedName(s, s.out[k]!.start, s.out[k]!.end);
  for (let k = 0; k < n; k++) {
    const c = s.out[k]!;
    if (c.type !== 'EMAIL' || c.start < 3) continue;
    const text = s.text;
    if (!capitalisedWordEndsAt(s.codes, c.start)) continue;
    const at = text.indexOf('@', c.start);
    if (at < 0 || at >= c.end) continue;
    const local = fold(text.slice(c.start, at).toLowerCase());
    const m = WORDS_BEFORE.exec(text.slice(Math.max(0, c.start - 50), c.start));
    if (m === null) continue;
    const name = m[1]!;
    const start = c.start - m[0].length;
    if (start > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[start - 1]!)) continue;
    if (matches(name, local)) s.add(start, start + name.length, 'PERSON', 0.9);
  }
}

/**
 * WORDS_BEFORE's necessary shape at the address, read on the code units before any slice or regex: past
 * its optional '<' or '(', space and ',' ':' or ';', a word of name characters that a space precedes
 * and whose first character may be a capital. Most addresses follow prose ("email is ..."), which fails
 * here. Non-ASCII characters are left to the regex.
 */
function capitalisedWordEndsAt(u: Uint16Array, end: number): boolean {
  let i = end;
  if (u[i - 1] === 60 || u[i - 1] === 40) i--;
  if (u[i - 1] === 32) i--;
  if (u[i - 1] === 44 || u[i - 1] === 58 || u[i - 1] === 59) i--;
  const last = i;
  // Back over the word's name characters (ASCII letters, apostrophes, hyphens; anything non-ASCII).
  while (i > 0) {
    const c = u[i - 1]!;
    if (c < 128 && !((c | 32) >= 97 && (c | 32) <= 122) && c !== 39 && c !== 45) break;
    i--;
  }
  if (last - i < 2 || i === 0 || u[i - 1] !== 32) return false;
  const first = u[i]!;
  return first >= 128 || (first >= 65 && first <= 90);
}

function matches(name: string, local: string): boolean {
  let full = 0;
  for (const w of name.split(' ')) {
    const word = fold(w.replace(/[.'’]/g, '').toLowerCase());
    if (word.length <= 1) continue; // an initial
    const f = wordFlags(word);
    if ((f & F_ORG) !== 0 || ((f & F_NOT_NAME) !== 0 && (f & (F_FIRST | F_LAST)) === 0)) return false;
    if (!local.includes(word.replace(/-/g, ''))) return false;
    full++;
  }
  return full >= 2 || (full === 1 && /^\p{Lu}\.? /u.test(name));
}

// A local part of two pieces, a given name (or its initial) and a surname: "bambang.susilo", "g_kalustian".
const LOCAL_PAIR = /^([a-z]+)[._-]([a-z]{2,})\d*$/;

/**
 * The name an address spells, written elsewhere in the text ("Employee Bambang Susilo ... email
 * bambang.susilo@...", "Garabed Kalustian opened ... g.kalustian@..."): two capitalised words that
 * are the local part's two pieces, or a word with its initial and the surname. The address vouches
 * for names no gazetteer lists; a listed non-name or a firm's word is still none.
 */
function addressedName(s: Scan, start: number, end: number): void {
  const text = s.text;
  const at = text.indexOf('@', start);
  if (at < 0 || at >= end) return;
  const m = LOCAL_PAIR.exec(text.slice(start, at).toLowerCase());
  if (m === null) return;
  const given = m[1]!;
  const surname = m[2]!;
  if (given === surname || !nameWord(surname) || (given.length > 1 && !nameWord(given))) return;
  // The surname capitalised as a word of its own, then the given name (or a word it opens) before it.
  const cap = surname[0]!.toUpperCase() + surname.slice(1);
  for (let p = text.indexOf(cap); p >= 0; p = text.indexOf(cap, p + 1)) {
    const after = p + cap.length;
    if (p < 3 || text.charCodeAt(p - 1) !== 32 || /[\p{L}\p{M}]/u.test(text[after] ?? '')) continue;
    let q = p - 1;
    while (q > 0 && /[\p{L}\p{M}]/u.test(text[q - 1]!)) q--;
    const word = text.slice(q, p - 1).toLowerCase();
    if (q > 0 && /[\p{L}\p{M}\d]/u.test(text[q - 1]!)) continue;
    const fits = given.length === 1 ? word.length > 1 && word[0] === given : word === given;
    if (fits && text[q] !== word[0]) s.add(q, after, 'PERSON', 0.85);
  }
}

function nameWord(w: string): boolean {
  const f = wordFlags(fold(w));
  return (f & F_ORG) === 0 && ((f & F_NOT_NAME) === 0 || (f & (F_FIRST | F_LAST)) !== 0);
}
