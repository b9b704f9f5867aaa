/**
 * Lower-case given names in a message typed without capitals ("ok so uncle tunde says ...", "tell
 * susan for the form", "paul paid me back", "this is ahmed's wife rukhsana"). The names pass reads
 * capitalised words; here a lower-case word counts only when the gazetteer knows it as a given name and
 * not as an everyday word ("will", "mark", "joy" stay), and only in one of the frames a chat names
 * someone in:
 *  - after a relative used as a form of address ("uncle", "auntie", "cousin", "nan", ...);
 *  - after a verb that takes a person ("tell", "ask", "ring", "text", "thank", "remind", "added by",
 *    "letting ... know"), and after where money or post goes ("payment to", "sent to", "addressed to",
 *    "in name of");
 *  - before where they are from ("deepak from the other chat said");
 *  - opening a line that addresses them ("ricky if ur reading this");
 *  - before a verb of saying, paying or messaging ("says", "paid", "still owes", "rang", ...);
 *  - around a possessive and a relative ("ahmed's wife rukhsana"), or before a thing a person has
 *    ("to femi's account").
 * Only in a message whose first letter is lower case: a text written with capitals has its names
 * capitalised, and the names pass reads them.
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, F_WIDE, wordFlags } from './persons-flags';
import { lowerFullNames } from './chat-pairs';
import type { Scan } from './scan';

const SCORE = 0.7;
const KIN =
  'uncle|aunt|auntie|aunty|cousin|nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandpa|wife|husband|son|daughter|brother|sister';
const BEFORE = new RegExp(
  `(?<![a-z'’])(?:uncle|aunt|auntie|aunty|cousin|nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandpa|tell|ask|ring|text|msg|message|thank|thanks|remind|added by|removed by|added|removed|let|letting|telling|asking|ringing|texting|reminding)( )([a-z]+)(?![a-z0-9@_'’-]|\\.[a-z0-9])`,
  'g',
);
// Where money or post goes: "payment to gary", "addressed to shona", "in name of tariq". Found by the
// literal " to " or " of ", the word before checked after.
const GOES_TO = / (?:to|of) ([a-z]+)(?![a-z0-9@_'’-]|\.[a-z0-9])/g;
const GOES_BEFORE_TO = new Set(['payment', 'transfer', 'sent', 'send', 'addressed']);

// Who someone is by where they are from: "deepak from the other chat said", "sam from ur team".
const FROM_AFTER = / from (?:the|ur|your|my|our|his|her|their) /g;
// A line that opens by addressing someone, then a request or a condition: "ricky if ur reading this",
// "priya can u send it", "tom pls ring me". The name must be a hand-listed given name (names-wide.ts's
// words are not vetted against lower-case chat words).
const ADDRESSED =
  /(?:^|\n)[ \t]*([a-z]+),? (?:if|can|could|pls|plz|please|are|did|have|when|where|r u|u|ur|do)(?![a-z'’])/g;
// The verb is found first and the name read back from it: a search led by a space, not a letter run
// tried at every letter.
const VERB_AFTER =
  / (?:still |also |just )?(?:says|said|paid|owes|asked|told|rang|texted|sent|removed|added)(?![a-z])/g;
// A possessive before a thing only a person has in a chat: "send it to femi's account".
const OWNER =
  /(?<![a-z'’-])([a-z]+)['’]s (?:account|number|phone|card|address|email|house|flat|birthday)(?![a-z])/g;
const POSSESSIVE = new RegExp(`(?<![a-z'’-])([a-z]+)['’]s (?:${KIN}) ([a-z]+)(?![a-z'’-])`, 'g');

export function chatNames(s: Scan): void {
  const text = s.text;
  if (!lowerOpening(text)) return;
  BEFORE.lastIndex = 0;
  for (let m = BEFORE.exec(text); m !== null; m = BEFORE.exec(text)) {
    const start = m.index + m[0].length - m[2]!.length;
    tryName(s, start, m[2]!);
  }
  GOES_TO.lastIndex = 0;
  for (let m = GOES_TO.exec(text); m !== null; m = GOES_TO.exec(text)) {
    let p = m.index;
    while (p > 0 && isLower(text.charCodeAt(p - 1))) p--;
    const before = text.slice(p, m.index);
    if (text.charCodeAt(m.index + 1) === 116 ? GOES_BEFORE_TO.has(before) : before === 'name')
      tryName(s, m.index + 4, m[1]!);
  }
  VERB_AFTER.lastIndex = 0;
  for (let m = VERB_AFTER.exec(text); m !== null; m = VERB_AFTER.exec(text)) {
    let p = m.index;
    while (p > 0 && isLower(text.charCodeAt(p - 1))) p--;
    const before = p > 0 ? text.charCodeAt(p - 1) : 32;
    if (p < m.index && before !== 39 && before !== 0x2019 && before !== 45)
      tryName(s, p, text.slice(p, m.index));
  }
  lowerFullNames(s);
  FROM_AFTER.lastIndex = 0;
  for (let m = FROM_AFTER.exec(text); m !== null; m = FROM_AFTER.exec(text)) {
    let p = m.index;
    while (p > 0 && isLower(text.charCodeAt(p - 1))) p--;
    const before = p > 0 ? text.charCodeAt(p - 1) : 32;
    if (p < m.index && (before === 32 || before === 10 || before === 46 || before === 44))
      tryName(s, p, text.slice(p, m.index));
  }
  ADDRESSED.lastIndex = 0;
  for (let m = ADDRESSED.exec(text); m !== null; m = ADDRESSED.exec(text)) {
    const word = m[1]!;
    if ((wordFlags(word) & F_WIDE) === 0) tryName(s, m.index + m[0].indexOf(word), word);
  }
  // Both possessive frames need an "'s " the text pass has noted.
  if (s.apostropheS.length === 0) return;
  POSSESSIVE.lastIndex = 0;
  for (let m = POSSESSIVE.exec(text); m !== null; m = POSSESSIVE.exec(text)) {
    tryName(s, m.index, m[1]!);
    tryName(s, m.index + m[0].length - m[2]!.length, m[2]!);
  }
  OWNER.lastIndex = 0;
  for (let m = OWNER.exec(text); m !== null; m = OWNER.exec(text)) tryName(s, m.index, m[1]!);
}

const isLower = (c: number): boolean => c >= 97 && c <= 122;

/** The first letter of the text is a lower-case one (past spaces, digits and punctuation). */
export function lowerOpening(text: string): boolean {
  for (let i = 0; i < text.length && i < 40; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if ((c >= 65 && c <= 90) || c >= 0xc0) return false;
  }
  return false;
}

function tryName(s: Scan, start: number, word: string): void {
  const flags = wordFlags(word);
  if ((flags & F_FIRST) === 0 || (flags & (F_AMBIGUOUS | F_NOT_NAME | F_TITLE | F_ORG)) !== 0) return;
  s.add(start, start + word.length, 'PERSON', SCORE);
}
