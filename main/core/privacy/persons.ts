/**
 * Person names: capitalised word runs scored by a compact gazetteer and by context (titles, "my name
 * is", "this is ... speaking"). Everyday words that are also names (Will, Grace, May, Bill) count only
 * with context or a following surname.
 */
import * as names from './names';
import type { Scan } from './scan';

// Module-local references: the gazetteers are looked up several times per capitalised word, and a
// plain constant is cheaper to reach than an imported binding (which some loaders wrap in a getter).
const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = names.AMBIGUOUS_FIRST_NAMES;
const FIRST_NAMES: ReadonlySet<string> = names.FIRST_NAMES;
const LAST_NAMES: ReadonlySet<string> = names.LAST_NAMES;
const HAN_SURNAMES: string = names.HAN_SURNAMES;
const NOT_NAME_WORDS: ReadonlySet<string> = names.NOT_NAME_WORDS;

// A capitalised word: an uppercase letter, then letters, with inner apostrophes or hyphens (O'Brien, Jean-Luc).
// The first-character class lets V8 skip most positions quickly; the look-behinds then confirm an
// uppercase letter at a word start. Covers Latin, Greek and Cyrillic capitals.
const CAP_WORD =
  /[A-Z\u00C0-\u024F\u0370-\u052F](?<=\p{Lu})(?<![\p{L}\p{M}\p{N}'’].)[\p{L}\p{M}'’-]{0,24}(?![\p{L}\p{M}\p{N}])/gu;
// Sticky: tried exactly at the end of a name, with no slicing.
const SPEAKING_AFTER = /,? (?:speaking|here)\b/iy;
const SINGLE_AFTER =
  /(?: (?:at|from) the \w+)?[,:]? (?:said|says|told|asked|mentioned|explained|called|rang|emailed|wrote|phoned|here|speaking)\b/iy;

const phrases = (list: string): ReadonlySet<string> => new Set(list.split('|'));
// Phrases are matched on the one to three words just before a name, found by a backward scan: far
// cheaper than end-anchored regexes, which V8 must try at every position of the slice.
const STRONG = phrases(
  "my name is|my name's|name is|names are|i am|i'm|this is|call me|speak to|speaking to|speak with|spoke to|spoke with|ask for|asking for|named|called|dear|regards|signed",
);
const WEAK = phrases(
  'im|patient|customer|hi|hello|hey|thanks|thank you|cheers|from|son|daughter|wife|husband|partner|mother|father|mum|dad|carer|and|or|with|to|for|by|is|kin',
);
const SINGLE = phrases(
  'hi|hello|hey|dear|thanks|thank you|cheers|bye|morning|afternoon|evening|son|daughter|wife|husband|partner|mother|father|mum|mom|dad|brother|sister|carer|colleague|kin|nurse|doctor',
);
const LOCATION = phrases('in|at|near|from|via|to the|of the');
const TITLE_WORDS = phrases('mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lady|lord|doctor|nurse|father|rev');
// The last one or two words of every multi-word phrase above.
const PHRASE_TAILS: ReadonlySet<string> = new Set(
  [STRONG, WEAK, SINGLE, LOCATION].flatMap((set) =>
    [...set].flatMap((p) => {
      const w = p.split(' ');
      return w.length === 1 ? [] : w.length === 2 ? [w[1]!] : [w[w.length - 1]!, w.slice(-2).join(' ')];
    }),
  ),
);

interface Before {
  /** Up to three lower-cased words before the name, nearest first. */
  words: string[];
  /** The one-, two- and three-word phrases ending just before the name. */
  phrases: string[];
  /** Characters between the nearest word and the name: ' ', ', ', ': ', '. ' ... */
  gap: string;
  sentenceStart: boolean;
  afterDigit: boolean;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 39 ||
    c === 0x2019 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

function scanBefore(text: string, pos: number): Before {
  let i = pos - 1;
  while (
    i >= 0 &&
    (text[i] === ' ' ||
      text[i] === ',' ||
      text[i] === ':' ||
      text[i] === '.' ||
      text[i] === '!' ||
      text[i] === '?' ||
      text[i] === '\n')
  )
    i--;
  const gap = text.slice(i + 1, pos);
  const words: string[] = [];
  const afterDigit = i >= 0 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
  let j = i;
  while (words.length < 3 && j >= 0) {
    const end = j + 1;
    while (j >= 0 && isWordChar(text.charCodeAt(j))) j--;
    if (j + 1 === end) break;
    words.push(text.slice(j + 1, end).toLowerCase());
    if (j < 0 || text[j] !== ' ') break;
    j--;
  }
  const sentenceStart = i < 0 || (gapEndsSentence(gap) && !TITLE_WORDS.has(words[0] ?? ''));
  const [a, b, c] = words;
  const phrases: string[] = [];
  if (a !== undefined) {
    phrases.push(a);
    // Longer phrases are built only when some listed phrase ends with these words.
    if (b !== undefined && PHRASE_TAILS.has(a)) {
      const ba = `${b} ${a}`;
      phrases.push(ba);
      if (c !== undefined && PHRASE_TAILS.has(ba)) phrases.push(`${c} ${ba}`);
    }
  }
  return { words, phrases, gap, sentenceStart, afterDigit };
}

function gapEndsSentence(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63 || c === 10) return true;
  }
  return false;
}

/** Only spaces, commas and colons (or nothing). */
function plainGap(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c !== 32 && c !== 44 && c !== 58) return false;
  }
  return true;
}

/** Whether the sticky `re` matches right at `pos` (a module function: no closure per call). */
function followedBy(re: RegExp, text: string, pos: number): boolean {
  // Both patterns open with a space, a comma or a colon: most words fail here without a regex call.
  const c = text.charCodeAt(pos);
  if (c !== 32 && c !== 44 && c !== 58) return false;
  re.lastIndex = pos;
  return re.test(text);
}

/** True at the start of the text or after . ! ? or a newline, unless the "." ends a title ("Dr."). */
function opensSentence(text: string, pos: number): boolean {
  let p = pos - 1;
  while (p >= 0 && text.charCodeAt(p) === 32) p--;
  if (p < 0) return true;
  const c = text[p];
  if (c === '!' || c === '?' || c === '\n') return true;
  if (c !== '.') return false;
  let q = p - 1;
  while (q >= 0 && p - q <= 10 && isWordChar(text.charCodeAt(q))) q--;
  return !TITLE_WORDS.has(text.slice(q + 1, p).toLowerCase());
}

function phraseIn(set: ReadonlySet<string>, phrases: readonly string[]): boolean {
  for (const p of phrases) if (set.has(p)) return true;
  return false;
}

// A lower-case name right after an introduction ("my name is sarah jones"), tried sticky at each one.
const LOWER_NAME = /\p{Ll}[\p{L}\p{M}'’-]{1,24}(?: \p{Ll}[\p{L}\p{M}'’-]{1,24})?/uy;
// One pass finds every introduction; the look-behind keeps "claim is" out and lets "xmy name is" still
// match at "name is" (both end at the same place, so no name is lost to the missing overlap).
// The leading class lets V8 skip to candidate letters before any look-behind runs.
const LOWER_INTRO = /[mnitc](?<![a-z].)(?:y name(?: is|'s)|ame is| am|'m|his is|all me) /g;
// CJK ideographs in the BMP; a plain range scans far faster than \p{Script=Han}.
export const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const HAN_RUN = /(?<!\p{Script=Han})\p{Script=Han}{2,4}(?!\p{Script=Han})/gu;
// Every code unit that can open a Han-script character (a superset): the run search starts at the
// first one instead of testing the Unicode property at every earlier position.
const HAN_FIRST = /[\u2e80-\u2fff\u3005-\u303b\u3400-\u9fff\uf900-\ufaff\ud81b\ud840-\ud8ff]/;

// Acronyms get this placeholder as their lower-case form, so every rule treats them as non-names.
const ACRONYM = '\u0000';
const NOT_NAME: ReadonlySet<string> = new Set([...NOT_NAME_WORDS, ACRONYM]);

interface Word {
  start: number;
  end: number;
  lower: string;
  /** `lower` without diacritics, for gazetteer look-ups (the same string when it is ASCII). */
  folded: string;
  /** Gazetteer flags (F_*) of `lower`, looked up once per word. */
  lf: number;
  /** Gazetteer flags of `folded`. */
  ff: number;
}

const TITLES: ReadonlySet<string> = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lady lord nurse father rev'.split(' '),
);

// Every word list a capitalised word is checked against, merged into one map of bit flags: one hash
// look-up per word instead of up to a dozen Set probes while a run is scored.
const F_FIRST = 1;
const F_AMBIGUOUS = 2;
const F_LAST = 4;
const F_NOT_NAME = 8;
const F_TITLE = 16;
const FLAGS = new Map<string, number>();
for (const [set, flag] of [
  [FIRST_NAMES, F_FIRST],
  [AMBIGUOUS_FIRST_NAMES, F_AMBIGUOUS],
  [LAST_NAMES, F_LAST],
  [NOT_NAME, F_NOT_NAME],
  [TITLES, F_TITLE],
] as const) {
  for (const w of set) FLAGS.set(w, (FLAGS.get(w) ?? 0) | flag);
}

const ACRONYM_FLAGS = F_NOT_NAME;

function flagsOf(lower: string): number {
  return FLAGS.get(lower) ?? 0;
}

/** Strips diacritics for gazetteer look-ups (García → garcia); Ł and Ø have no decomposition and stay. */
function fold(lower: string): string {
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return lower.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return lower;
}

function isSurnameLike(w: Word): boolean {
  return ((w.lf | w.ff) & F_LAST) !== 0 || ((w.lf & (F_NOT_NAME | F_FIRST)) === 0 && w.end - w.start > 1);
}

export function persons(s: Scan, hasHan = HAS_HAN.test(s.text)): void {
  const text = s.text;
  const words: Word[] = [];
  CAP_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAP_WORD.exec(text)) !== null) {
    let word = m[0];
    // Possessives and dashes are not part of the name ("Jones'", "Smith-").
    let len = word.length;
    while (len > 1) {
      const c = word.charCodeAt(len - 1);
      if (c !== 39 && c !== 0x2019 && c !== 45) break;
      len--;
    }
    if (len !== word.length) word = word.slice(0, len);
    const lower = word.toLowerCase();
    const end = m.index + word.length;
    // All-capitals tokens are acronyms and codes (GA, NHS, ISA) unless the gazetteer knows them.
    const c1 = word.charCodeAt(1);
    const lf = flagsOf(lower);
    if (c1 >= 65 && c1 <= 90 && word === word.toUpperCase() && (lf & (F_FIRST | F_LAST)) === 0) {
      words.push({
        start: m.index,
        end,
        lower: ACRONYM,
        folded: ACRONYM,
        lf: ACRONYM_FLAGS,
        ff: ACRONYM_FLAGS,
      });
      continue;
    }
    const folded = fold(lower);
    words.push({ start: m.index, end, lower, folded, lf, ff: folded === lower ? lf : flagsOf(folded) });
  }
  let i = 0;
  while (i < words.length) {
    // A run: capitalised words separated by a single space.
    let j = i + 1;
    while (
      j < words.length &&
      j - i < 4 &&
      words[j]!.start === words[j - 1]!.end + 1 &&
      text[words[j - 1]!.end] === ' '
    )
      j++;
    i = scoreRun(s, words, i, j);
  }
  if (hasHan) {
    // In conversation text, a short run of Han characters is almost always a name; a known surname
    // first makes it near certain.
    const first = text.search(HAN_FIRST);
    HAN_RUN.lastIndex = first < 0 ? text.length : first;
    while ((m = HAN_RUN.exec(text)) !== null) {
      s.add(m.index, m.index + m[0].length, 'PERSON', HAN_SURNAMES.includes(m[0][0] ?? '') ? 0.85 : 0.65);
    }
  }
  const lower = s.lower;
  LOWER_INTRO.lastIndex = 0;
  let intro: RegExpExecArray | null;
  while ((intro = LOWER_INTRO.exec(lower)) !== null) {
    LOWER_NAME.lastIndex = intro.index + intro[0].length;
    const found = LOWER_NAME.exec(text);
    if (!found) continue;
    const parts = found[0].split(' ');
    const first = parts[0]!.toLowerCase();
    if (!FIRST_NAMES.has(first) && !AMBIGUOUS_FIRST_NAMES.has(first)) continue;
    const second = parts[1]?.toLowerCase();
    const len = second && LAST_NAMES.has(second) ? found[0].length : parts[0]!.length;
    s.add(found.index, found.index + len, 'PERSON', 0.7);
  }
}

function allNameLike(words: readonly Word[], i: number, k: number): boolean {
  for (let w = i; w < k; w++) {
    if (!isSurnameLike(words[w]!) && (words[w]!.lf & F_FIRST) === 0) return false;
  }
  return true;
}

/** Scores the run words[i..j) and returns the index to continue from. */
function scoreRun(s: Scan, words: Word[], i: number, j: number): number {
  const text = s.text;
  // Leading non-name words ("Thanks", "Hello", "Dear") are context, not part of the name.
  let titledInRun = false;
  while (i < j) {
    const lf = words[i]!.lf;
    if ((lf & F_TITLE) !== 0) titledInRun = true;
    else if ((lf & F_NOT_NAME) === 0 || (lf & F_AMBIGUOUS) !== 0) break;
    i++;
  }
  if (i >= j) return j;
  // Trailing non-name words ("Sarah Bank") are not part of it either.
  let k = j;
  while (k > i + 1 && (words[k - 1]!.lf & F_NOT_NAME) !== 0) k--;
  const first = words[i]!;
  const last = words[k - 1]!;
  // Fast exit for the commonest run: one capitalised word that opens a sentence and that no
  // gazetteer knows ("Please", "Ward", "Transaction"). Only a verb after it could make it a name.
  if (
    k === i + 1 &&
    !titledInRun &&
    (first.ff & (F_FIRST | F_LAST)) === 0 &&
    (first.lf & F_AMBIGUOUS) === 0 &&
    opensSentence(text, first.start) &&
    !followedBy(SPEAKING_AFTER, text, last.end) &&
    !followedBy(SINGLE_AFTER, text, last.end)
  ) {
    return j;
  }
  const ctx = scanBefore(text, first.start);
  const gapIsPlain = plainGap(ctx.gap) || (ctx.gap === '. ' && TITLE_WORDS.has(ctx.words[0] ?? ''));
  const titled =
    titledInRun ||
    (gapIsPlain && (ctx.gap === ' ' || ctx.gap === '. ') && TITLE_WORDS.has(ctx.words[0] ?? ''));
  const strongIntro =
    (gapIsPlain && (phraseIn(STRONG, ctx.phrases) || (ctx.words[0] === 'name' && ctx.gap.includes(':')))) ||
    followedBy(SPEAKING_AFTER, text, last.end);
  const weakIntro = gapIsPlain && (strongIntro || phraseIn(WEAK, ctx.phrases) || ctx.gap.includes(','));
  const second = i + 1 < k ? words[i + 1]! : null;
  const isFirst = ((first.lf | first.ff) & F_FIRST) !== 0;
  const isAmbiguous = (first.lf & F_AMBIGUOUS) !== 0;
  const firstIsLast = (first.lf & F_LAST) !== 0;
  const secondIsLast = second !== null && (second.lf & F_LAST) !== 0;
  const hasSurname = second !== null && isSurnameLike(second);
  const isFunctionWord = (first.lf & F_NOT_NAME) !== 0 && !isAmbiguous;
  const allSurnameLike = k - i >= 2 && allNameLike(words, i, k);
  const single = k === i + 1;

  let score = 0;
  if (titled && !isFunctionWord) score = 0.92;
  else if (strongIntro && !isFunctionWord) score = isFirst || isAmbiguous || firstIsLast ? 0.92 : 0.8;
  else if (isFirst && hasSurname) score = 0.9;
  else if (isFirst) score = weakIntro || first.start === 0 ? 0.75 : 0.7;
  else if (isAmbiguous && secondIsLast) score = 0.85;
  else if (isAmbiguous && hasSurname) score = 0.65;
  else if (firstIsLast && secondIsLast) score = 0.6;
  else if (isAmbiguous && single && followedBy(SINGLE_AFTER, text, last.end)) score = 0.7;
  else if (
    !isFunctionWord &&
    single &&
    ((gapIsPlain && phraseIn(SINGLE, ctx.phrases)) || followedBy(SINGLE_AFTER, text, last.end))
  )
    score = 0.7;
  else if (allSurnameLike && weakIntro) score = 0.75;
  else if (
    allSurnameLike &&
    !ctx.sentenceStart &&
    !ctx.afterDigit &&
    !(gapIsPlain && phraseIn(LOCATION, ctx.phrases))
  )
    score = 0.55;
  if (score === 0) return j;

  // Extend over surname-like words; a lone given name after strong context stays one word.
  let end = first.end;
  for (let w = i + 1; w < k; w++) {
    if (!isSurnameLike(words[w]!) && (words[w]!.lf & F_FIRST) === 0) break;
    end = words[w]!.end;
  }
  s.add(first.start, end, 'PERSON', score);
  return j;
}
