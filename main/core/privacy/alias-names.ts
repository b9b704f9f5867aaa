/**
 * The name a person goes by, given after an alias cue: 'prefers "Venkat"', "known as Gracinha", "goes
 * by Shegs", "aka Pinky", "nickname: Bubbles", "her nickname is Pip", "his mum calls him Dodo", or a
 * name they went by: "née Vartanian". A short form or a pet name is seldom in any gazetteer, and a
 * maiden name may be from any origin, but the cue says it names the person just described. So does a
 * quoted word in brackets right after a name found ("Anastasios Petrakis ('Tasos')"). One regex test
 * over the text decides whether any cue is there at all; most texts stop at it.
 */
import { F_AMBIGUOUS, F_NOT_NAME, F_ORG, F_TITLE, fold, wordFlags } from './persons-flags';
import type { Scan } from './scan';

const SCORE = 0.8;

// "prefers" heads a language, a day or a channel as often ("prefers Welsh", "prefers Email"): only a
// quoted word after it is a name.
// The same language as /known as|goes by|prefers ["“‘']|\baka\b|a\.k\.a\.|nickname/i, with the three
// cues that hold a 'k' tried only at a 'k' and read back from it: the engine skips ahead to a k, a g or
// a p instead of trying six branches (one behind a word boundary) at every character.
export const MAY_CUE = /k(?:nown as|(?<=nick)name|(?<=\bak)a\b|(?<=a\.k)\.a\.)|goes by|prefers ["“‘']/i;
// The cues of a name the person went by or is called at home, and a bracketed quote, tried apart so the
// prefilter above stays the plain alternation its property test checks.
const MAY_WENT_BY = /n[ée]e |call(?:s|ed)? (?:her|him) |\(["“‘']/i;
// Case matters for the name (a capital opens it), so the cue's own letters are spelled both ways.
const ALIAS =
  /(?:\b(?:(?:[Kk]nown|[Rr]eferred to) as|[Gg]oes by|[Pp]refers|[Aa]\.?[Kk]\.?[Aa]\.?|[Nn]ickname(?:d|:| is| was)?|[Nn][ée]e|[Cc]all(?:s|ed)? (?:her|him))|\((?=["“‘']))(?: the name)? ?["“‘']?(\p{Lu}[\p{Ll}'’-]{1,20})(?: (\p{Lu}[\p{Ll}'’-]{1,20}))?(["”’']?)/gu;

/** Adds the names after alias cues in `s`'s text. */
export function aliasNames(s: Scan): void {
  const text = s.text;
  if (!MAY_CUE.test(text) && !MAY_WENT_BY.test(text)) return;
  ALIAS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ALIAS.exec(text)) !== null) {
    const quoted = m[3] !== '';
    const cue = m[0].slice(0, 7).toLowerCase();
    if (cue === 'prefers' && !quoted) continue;
    const first = m[1]!;
    if (m[0].charCodeAt(0) === 40) {
      if (m[2] === undefined) bracketName(s, m.index, first, m.index + m[0].length);
      continue;
    }
    const second = m[2];
    if (!nameWord(first) || (second !== undefined && orgWord(second))) continue;
    // The match ends with the name's words and the closing quote: count back from there.
    const start =
      m.index + m[0].length - m[3]!.length - (second === undefined ? 0 : second.length + 1) - first.length;
    const end = start + first.length + (second !== undefined && nameWord(second) ? 1 + second.length : 0);
    s.add(start, end, 'PERSON', SCORE);
  }
}

/**
 * A bracketed quote ("('Tasos')") names the person only as one word that closes its quote and bracket,
 * right after a name found (one space between); the name's letters may have taken a closing apostrophe.
 */
function bracketName(s: Scan, open: number, word: string, after: number): void {
  const text = s.text;
  let name = word;
  const close = after;
  const last = word.charCodeAt(word.length - 1);
  if (last === 39 || last === 0x2019) name = word.slice(0, -1);
  else if (!isQuote(text.charCodeAt(after - 1)) || after - 1 === open + 1) return;
  if (text.charCodeAt(close) !== 41 || text.charCodeAt(open - 1) !== 32 || !nameWord(name)) return;
  let before = false;
  for (const c of s.out) if (c.type === 'PERSON' && c.end === open - 1) before = true;
  if (before) s.add(open + 2, open + 2 + name.length, 'PERSON', SCORE);
}

const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 0x201d || c === 0x2019;

/** "Rose Cottage", "Ivy House": a building's or a firm's word after the name makes it that. */
function orgWord(w: string): boolean {
  return (wordFlags(fold(w.toLowerCase())) & F_ORG) !== 0;
}

/** A capitalised word no list calls a title, an organisation's word or an everyday non-name. */
function nameWord(w: string): boolean {
  const f = wordFlags(fold(w.toLowerCase()));
  if ((f & (F_TITLE | F_ORG)) !== 0) return false;
  return (f & F_NOT_NAME) === 0 || (f & F_AMBIGUOUS) !== 0;
}
