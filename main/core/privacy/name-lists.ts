/**
 * Names read from the structure they stand in rather than from a cue of their own, once another name in
 * the same structure is known:
 *  - a coordination: "Pam, Tony and Sue can't make it", "assisted by Joy and Femi". A capitalised
 *    single word joined by ", ", " and " or " & " to a name already read is one too, when the gazetteer
 *    knows it as a given name (an everyday word such as "Joy" or "Sue" included) and not as a non-name.
 *  - the heads of a note's entries: "Med round: Ivy — paracetamol given. Walter — declined. Lily —
 *    asleep." A capitalised single word opening a line or sentence (or after a heading's colon) right
 *    before a dash is an entry's subject; when the text has two such heads or more and one of them is a
 *    name (read already, or a given name the gazetteer knows), every head that is not a listed non-name
 *    is a name too.
 * Both only add single words, never inside a span already found.
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, wordFlags } from './persons-flags';
import type { Candidate, Scan } from './scan';

const SCORE = 0.7;
const FOUND_SCORE = 0.5;
const GIVEN = F_FIRST | F_AMBIGUOUS;
const NOT_A_NAME = F_NOT_NAME | F_TITLE | F_ORG;

// One capitalised word (Latin letters, an inner apostrophe or hyphen), whole.
const WORD = String.raw`\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)?`;
const JOINER_AFTER = new RegExp(String.raw`^(?:, | and | & )(${WORD})(?![\p{L}\d])`, 'u');
const JOINER_BEFORE = new RegExp(String.raw`(?<![\p{L}\d'’-])(${WORD})(?:, | and | & )$`, 'u');
// A head: at the text's or a line's start, or after a sentence's or heading's mark, then a spaced dash.
const HEAD = new RegExp(String.raw`(?:^|\n|[.:;!?] )[ \t]*(?:[-•*] )?(${WORD}) [–—-] (?=\S)`, 'gu');

export function listNames(s: Scan): void {
  const text = s.text;
  if (text.includes(' – ') || text.includes(' — ') || text.includes(' - ')) entryHeads(s);
  coordinated(s);
}

function isFound(s: Scan, c: Candidate): boolean {
  return c.type === 'PERSON' && c.score >= FOUND_SCORE;
}

function overlapsAny(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.score >= FOUND_SCORE && start < c.end && c.start < end) return true;
  return false;
}

function flagsOf(word: string): number {
  return wordFlags(word.toLowerCase());
}

function coordinated(s: Scan): void {
  const text = s.text;
  // A work list: names added here are joined from in turn ("Pam, Tony and Sue" from "Tony").
  const work: Array<[number, number]> = [];
  for (const c of s.out) if (isFound(s, c)) work.push([c.start, c.end]);
  for (let i = 0; i < work.length; i++) {
    const [start, end] = work[i]!;
    const after = JOINER_AFTER.exec(text.slice(end, end + 40));
    if (after !== null) {
      const from = end + after[0].length - after[1]!.length;
      tryAdd(s, work, from, from + after[1]!.length);
    }
    const before = JOINER_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    if (before !== null) {
      const from = start - before[0].length;
      tryAdd(s, work, from, from + before[1]!.length);
    }
  }
}

function tryAdd(s: Scan, work: Array<[number, number]>, start: number, end: number): void {
  const flags = flagsOf(s.text.slice(start, end));
  if ((flags & GIVEN) === 0 || (flags & NOT_A_NAME) !== 0) return;
  // A word that opens a longer capitalised run is not a whole name of one word ("Tony and Sue Ryder").
  if (isCapitalisedWordAt(s.text, end + 1) && s.text.charCodeAt(end) === 32) return;
  if (overlapsAny(s, start, end)) return;
  s.add(start, end, 'PERSON', SCORE);
  work.push([start, end]);
}

function isCapitalisedWordAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return c >= 65 && c <= 90;
}

function entryHeads(s: Scan): void {
  const text = s.text;
  const heads: Array<[number, number, number]> = [];
  let named = false;
  HEAD.lastIndex = 0;
  for (let m = HEAD.exec(text); m !== null; m = HEAD.exec(text)) {
    const word = m[1]!;
    const start = m.index + m[0].indexOf(word);
    const end = start + word.length;
    const flags = flagsOf(word);
    if ((flags & NOT_A_NAME) !== 0) continue;
    heads.push([start, end, flags]);
    if ((flags & GIVEN) !== 0 || s.out.some((c) => isFound(s, c) && c.start === start && c.end === end))
      named = true;
    // The dash's space is left for the next head's sentence mark.
    HEAD.lastIndex = end;
  }
  if (heads.length < 2 || !named) return;
  for (const [start, end] of heads) if (!overlapsAny(s, start, end)) s.add(start, end, 'PERSON', SCORE);
}
