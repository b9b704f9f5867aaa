/**
 * A street address said with its house number in words, as callers leave it on a voicemail or a
 * transcript gives it: "we live at forty seven beech avenue", "the flat at twelve park road". The
 * number follows "at" and is a number a house has (one to nine hundred and ninety-nine, in words); one
 * to three name words follow it and then a common street type. The name words are no function words
 * and no number words ("at two or three places" is no address). Only from each " at ", which the text
 * pass notes.
 */
import type { Scan } from './scan';
import { MARK_ADDRESS } from './scan-pass';

const UNIT = 'one|two|three|four|five|six|seven|eight|nine';
const TEEN = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const NUMBER = `(?:(?:${UNIT}) hundred(?: and)? )?(?:(?:${TENS})(?:[ -](?:${UNIT}))?|${TEEN}|${UNIT})`;
// The street types that end most British and American streets; the rarer ones are everyday words too
// often ("at two different points", "at three mile view").
const STREET =
  'road|street|lane|avenue|drive|close|crescent|grove|terrace|gardens|way|place|court|mews|square';
// "number nine hope street": the house number announced as one.
const SAID = new RegExp(
  `(?:number )?(${NUMBER}) ((?:[a-z'’-]+ ){0,2}[a-z'’-]+) (?:${STREET})(?![\\p{L}\\d])`,
  'iuy',
);
// The other way a caller opens it: "the address is ...", "first line is ...", "first line's ...".
// Searched as written: a transcript is lower case, a sentence may open with the cue.
const CUES = ['address', 'Address', 'first line', 'First line'];
const ADDRESS_IS = /\b(?:address|first line)(?: is|['’]s)(?: (?:um|uh|er|erm),?)? /giy;
const NUMBER_WORD = new RegExp(`^(?:${UNIT}|${TEEN}|${TENS}|hundred|and)$`);
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `the a an of and or in on at to for by my our your his her their its this that these those other
  different same more some any few many last next first new old both each every all which what`.split(/\s+/),
);
const SCORE = 0.8;

export function spokenAddresses(s: Scan): void {
  const text = s.text;
  for (const at of s.atSpaces) saidAt(s, at + 4);
  // Both openings start with "address" or "first", which the text pass notes (four searches of the
  // text for the cues cost more than the rest of this reader).
  if (!s.hasMark(MARK_ADDRESS)) return;
  for (const cue of CUES) {
    for (let i = text.indexOf(cue); i >= 0; i = text.indexOf(cue, i + cue.length)) {
      ADDRESS_IS.lastIndex = i;
      if (ADDRESS_IS.test(text)) saidAt(s, ADDRESS_IS.lastIndex);
    }
  }
}

function saidAt(s: Scan, p: number): void {
  if (!mayOpenNumber(s.text.charCodeAt(p))) return;
  SAID.lastIndex = p;
  const m = SAID.exec(s.text);
  if (m === null) return;
  const words = m[2]!.toLowerCase().split(' ');
  if (words.some((w) => FUNCTION_WORDS.has(w) || NUMBER_WORD.test(w))) return;
  s.add(p, p + m[0].length, 'ADDRESS', SCORE);
}

/**
 * Whether SAID may match at a word opening with `c`: "number" and every number word open with e, f,
 * n, o, s or t, in either case. Under /iu the long s (U+017F) folds to s, so any non-ASCII letter is
 * left to the regex; after most " at " ("at home", "at the") the regex is not tried.
 */
function mayOpenNumber(c: number): boolean {
  if (c >= 128) return true;
  const l = c | 32;
  return l === 101 || l === 102 || l === 110 || l === 111 || l === 115 || l === 116;
}
