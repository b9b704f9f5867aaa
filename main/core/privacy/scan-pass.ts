/**
 * The one pass over a text that every Scan needs: digit runs, sentence stops and context keywords,
 * found together so the text is read once.
 */
import { codeUnits } from './code-units';
import type { ContextHit } from './context';
import { ALL_KEYWORDS, VALUE_KEYWORDS, type KeywordTable } from './context-trie';
import { atOther, atRun, beginPass, RUN_LENGTHS } from './persons-pass';

export interface DigitRuns {
  count: number;
  starts: number[];
  ends: number[];
  /**
   * Digits from run k to the end of its chain, where a chain joins runs separated by exactly one space
   * or hyphen: a card, SSN, NHS or sort-code match starting at run k needs at least its own digit
   * count here, so shorter chains are skipped without a regex call.
   */
  chain: number[];
}

export interface Pass {
  runs: DigitRuns;
  /** Sentence ends (". ", "? ", "! ", newline) as the index after the mark, ascending. */
  stops: number[];
  /** Keywords in text order; they never overlap, so their ends ascend too. */
  hits: ContextHit[];
  /** Name cues (NAME_CUES kinds): apart from `hits`, so they never stand between a value and its keyword. */
  cues: ContextHit[];
  /** Whether the text holds a line break ('\n'), and a double quote. */
  lines: boolean;
  quotes: boolean;
  /** Whether the text holds " dot " (lower-case, between spaces): `text.includes(' dot ')`. */
  dot: boolean;
  /** Whether "at" (any case) stands right before ')', ']' or '}': an e-mail's '@' written in brackets. */
  bracketAt: boolean;
  /** Where "'s " or "’s " occurs, ascending. */
  apostropheS: number[];
  /** Where " at " occurs (lower case), as the index of its space before, ascending. */
  ats: number[];
  /** Whether the word "box" (any case) occurs: a post-office box may (po-boxes.ts). */
  box: boolean;
  /** Whether a dash stands between two spaces (" - ", " – ", " — "). */
  spacedDash: boolean;
  /** Whether the text holds '@', '.', ':' and a tab: what `text.includes` would say, without a search each. */
  atSign: boolean;
  period: boolean;
  colon: boolean;
  tab: boolean;
  /** Whether two spaces follow a digit run, directly or after a ')' (the phone pattern's wide form). */
  spacedDigits: boolean;
  /**
   * Whether a digit run has O, o, l or I right before or after it: the OCR reading (ocr.ts) has work
   * only then. Noted where each run ends instead of a walk over the run table per text.
   */
  ocrNear: boolean;
  /** Whether a lone 0 or 1 stands inside a word of letters ("Passp0rt", "D.0.B", "N0"): from the text pass. */
  ocrInWord: boolean;
  /** Whether the text holds '=' and "</" (a query string's pairs, an XML element's end): `text.includes`. */
  equals: boolean;
  closingTag: boolean;
  /** Which cue words occur (MARK_* bits), noted at the letter runs: see `markOf`. */
  marks: number;
}

/** " from " (from-names.ts). */
export const MARK_FROM = 1;
/**
 * A Vietnamese name's marker word (vietnamese-names.ts): " Thi " or " thi ", or with its diacritic
 * "thị " or "văn " (either case of t, h and v).
 */
export const MARK_THI = 2;
/** "IBAN", "iban" or "Iban" as a whole word of letters (spoken-ibans.ts). */
export const MARK_IBAN = 4;
/** "address" or "first" in any case, the words a spoken address's opening starts with (spoken-addresses.ts). */
export const MARK_ADDRESS = 8;

/** The regex \s: where ". " ends a sentence. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * `names`: also find the name cues. Without them the pass uses the smaller keyword table, and `cues`
 * is empty; `hits` is the same either way. `persons`: also do the names pass's work (persons-pass.ts,
 * into its `found`) at the same letter runs and non-ASCII code units, so a request for names reads the
 * text once instead of twice (the loop itself is about half of either pass).
 */
export function textPass(text: string, names = true, persons = false): Pass {
  const table = names ? ALL_KEYWORDS : VALUE_KEYWORDS;
  const { trie, wordAt, words, prefixNode } = table;
  const leadingLengths = names ? ALL_LEADS : VALUE_LEADS;
  const u = codeUnits(text);
  const n = text.length;
  const starts: number[] = [];
  const ends: number[] = [];
  const stops: number[] = [];
  const apostropheS: number[] = [];
  const ats: number[] = [];
  let spacedDash = false;
  let box = false;
  let atSign = false;
  let period = false;
  let colon = false;
  let tab = false;
  let lines = false;
  let quotes = false;
  let dot = false;
  let bracketAt = false;
  let spacedDigits = false;
  let ocrNear = false;
  let ocrInWord = false;
  let equals = false;
  let closingTag = false;
  let marks = 0;
  let hits: ContextHit[] = [];
  let cues: ContextHit[] = [];
  // Where the last keyword ended: keywords never overlap ("sort code is" holds no "code is").
  let hitEnd = 0;
  // Kelvin sign and dotted capital I lower-case to ASCII letters or change the text's length; the
  // keywords are then found in the lower-cased text, exactly as a lower-case regex would see them.
  let oddCase = false;
  if (persons) beginPass();
  let i = 0;
  while (i < n) {
    let c = u[i]!;
    if (((c | 32) - 97) >>> 0 < 26) {
      // A letter run. A keyword may start here only at a word boundary (not after a digit or '_')
      // and past the last keyword; the prefix table turns away almost every other word before the
      // trie is walked.
      const start = i;
      do c = u[++i]!;
      while (((c | 32) - 97) >>> 0 < 26);
      const length = i - start;
      // " dot " (a spoken e-mail address): a search of the text for it stopped at every space.
      // The word "box" in any case (a post-office box) is noted at the same three-letter words.
      if (length === 3) {
        const a = u[start]!;
        if (
          a === 100 &&
          c === 32 &&
          u[start + 1]! === 111 &&
          u[start + 2]! === 116 &&
          start > 0 &&
          u[start - 1]! === 32
        )
          dot = true;
        else if ((a | 32) === 98 && (u[start + 1]! | 32) === 111 && (u[start + 2]! | 32) === 120) box = true;
        else if (
          (a | 32) === 116 &&
          c === 32 &&
          u[start + 1]! === 104 &&
          u[start + 2]! === 105 &&
          start > 0 &&
          u[start - 1]! === 32
        )
          marks |= MARK_THI;
      }
      // " at " (a spoken house number may follow it: spoken-addresses.ts).
      else if (
        length === 2 &&
        c === 32 &&
        u[start]! === 97 &&
        u[start + 1]! === 116 &&
        start > 0 &&
        u[start - 1]! === 32
      )
        ats.push(start - 1);
      // The names pass has work only at a capital or at a word as long as an introduction's first word or a
      // possessive
      // (atRun's own first tests): most lower-case words are passed over without the call.
      if (persons) {
        const first = u[start]!;
        if (first <= 90 || ((RUN_LENGTHS[first & 31]! >> length) & 1) !== 0) atRun(u, text, n, start, i);
      }
      const second = length > 1 ? u[start + 1]! & 31 : 0;
      const prefix = ((u[start]! & 31) << 5) | second;
      const lengths = leadingLengths[prefix]!;
      // The other cue words (markOf) share the keywords' filter: tested only at the few words it passes.
      if (((lengths >> length) & 1) !== 0 && MARK_PREFIX[prefix] === 1) marks |= markOf(u, start, length, c);
      if (((lengths >> length) & 1) !== 0 && start >= hitEnd && !(start > 0 && isWordTail(u[start - 1]!))) {
        // From the node after the first two letters (or the one), not from the root.
        let node = prefixNode[prefix]!;
        for (let j = start + (length > 1 ? 2 : 1); j < i && node !== 0; j++)
          node = trie[(node << 5) | (u[j]! & 31)]!;
        const w = wordAt[node]!;
        if (w >= 0) {
          const a = keywordAt(u, n, i, table, w);
          if (a >= 0) {
            const word = words[w]!;
            hitEnd = i + word.rests[a]!.length;
            (word.nameCue[a]! ? cues : hits).push({
              kind: word.kinds[a]!,
              start,
              end: hitEnd,
              read: word.read[a]!,
            });
          }
        }
      }
      // Most words end at a space: stepping over it here spares the loop's three-way dispatch for it
      // (about 1,000 fewer instructions per 500-character text under callgrind).
      if (c === 32) i++;
    } else if ((c - 48) >>> 0 < 10) {
      const start = i;
      do c = u[++i]!;
      while ((c - 48) >>> 0 < 10);
      starts.push(start);
      ends.push(i);
      // Noted here, where the run's end is at hand, rather than by the phone recognizer's own walk.
      if (c === 41 ? u[i + 1]! === 32 && u[i + 2]! === 32 : c === 32 && u[i + 1]! === 32) spacedDigits = true;
      if (confusable(c) || (start > 0 && confusable(u[start - 1]!))) ocrNear = true;
      // OCR's other confusion, a letter read as a digit, in a cue word: one 0 or 1 inside a word of
      // letters ("Passp0rt"), between dots after a letter ("D.0.B"), or "N0" for "No".
      if (i - start === 1 && (u[start]! === 48 || u[start]! === 49) && start > 0 && ocrLetter(u, start, c))
        ocrInWord = true;
      // ... or a double letter read as two ("Wi11ow", "Mi11 Lane", "Wo0d"): after a lower-case letter.
      else if (
        i - start === 2 &&
        (u[start]! | 1) === 49 &&
        (u[start + 1]! | 1) === 49 &&
        ocrPair(u, start, c)
      )
        ocrInWord = true;
    } else if (c === 32) {
      i++;
    } else {
      if (persons && c >= 128) atOther(text, i, c);
      if (c === 0x1ecb || c === 0x103) marks |= markedVowel(u, i, c);
      if (c === 46 || c === 33 || c === 63) {
        if (c === 46) period = true;
        if (isSpace(u[i + 1]!) && !(c === 46 && abbreviationBeforeValue(u, i))) stops.push(i + 1);
      } else if (c === 10) {
        stops.push(i + 1);
        lines = true;
      } else if (c === 39 || c === 0x2019) {
        if (u[i + 1] === 115 && u[i + 2] === 32) apostropheS.push(i);
      } else if (c === 34) quotes = true;
      // "at" (any case) as a whole word right before ')', ']' or '}': read here, at the bracket, rather
      // than tested at every two-letter word (the letter run before it is [i - 2, i) when i - 3 is no letter).
      else if (c === 41 || c === 93 || c === 125) {
        if (
          i >= 2 &&
          (u[i - 1]! | 32) === 116 &&
          (u[i - 2]! | 32) === 97 &&
          !(i >= 3 && ((u[i - 3]! | 32) - 97) >>> 0 < 26)
        )
          bracketAt = true;
      } else if (c === 45 || c === 0x2013 || c === 0x2014) {
        if (u[i + 1] === 32 && i > 0 && u[i - 1] === 32) spacedDash = true;
      } else if (c === 64) atSign = true;
      else if (c === 58) colon = true;
      else if (c === 9) tab = true;
      else if (c === 61) equals = true;
      else if (c === 60) {
        if (u[i + 1] === 47) closingTag = true;
      } else if (c === 0x130 || c === 0x212a) oddCase = true;
      i++;
    }
  }
  const runs = { count: starts.length, starts, ends, chain: chains(u, starts, ends) };
  if (oddCase) ({ hits, cues } = textPass(text.toLowerCase(), names));
  return {
    runs,
    stops,
    hits,
    cues,
    lines,
    quotes,
    dot,
    bracketAt,
    apostropheS,
    ats,
    box,
    spacedDash,
    atSign,
    period,
    colon,
    tab,
    spacedDigits,
    ocrNear,
    ocrInWord,
    equals,
    closingTag,
    marks,
  };
}

/** MARK_THI at "thị " or "văn ", whose marked vowel ('ị' or 'ă') is `c` at `i`; else 0. */
function markedVowel(u: Uint16Array, i: number, c: number): number {
  if (c === 0x1ecb)
    return (u[i - 1]! | 32) === 104 && (u[i - 2]! | 32) === 116 && u[i + 1] === 32 ? MARK_THI : 0;
  return (u[i - 1]! | 32) === 118 && u[i + 1] === 110 && u[i + 2] === 32 ? MARK_THI : 0;
}

/**
 * The cue words of `markOf`, added to the keyword tables' filter by their first two letters and length
 * (a keyword's shape walks the trie as before: the walk finds what it found without them).
 */
const MARK_WORDS = ['from', 'first', 'iban', 'address'];
const prefixOf = (word: string): number => ((word.charCodeAt(0) & 31) << 5) | (word.charCodeAt(1) & 31);
const MARK_PREFIX = new Uint8Array(1024);
for (const word of MARK_WORDS) MARK_PREFIX[prefixOf(word)] = 1;

function withMarks(leadingLengths: Uint16Array): Uint16Array {
  const leads = leadingLengths.slice();
  for (const word of MARK_WORDS) leads[prefixOf(word)]! |= 1 << word.length;
  return leads;
}
const ALL_LEADS = withMarks(ALL_KEYWORDS.leadingLengths);
const VALUE_LEADS = withMarks(VALUE_KEYWORDS.leadingLengths);

/**
 * The MARK_* bit of the letter run [start, start + length) followed by `next`, or 0. Other words of a
 * cue's first two letters pass the filter too (a keyword's length, or one past 31: shifts count mod
 * 32), so each test checks its own.
 */
function markOf(u: Uint16Array, start: number, length: number, next: number): number {
  const a = u[start]!;
  if (length === 4) {
    const b = u[start + 1]!;
    const c = u[start + 2]!;
    const d = u[start + 3]!;
    if (a === 102 && b === 114 && c === 111 && d === 109)
      return next === 32 && start > 0 && u[start - 1]! === 32 ? MARK_FROM : 0;
    // IBAN, iban, Iban: one case after the first letter.
    if ((a | 32) === 105 && (b === 98 ? c === 97 && d === 110 : b === 66 && a === 73 && c === 65 && d === 78))
      return MARK_IBAN;
    return 0;
  }
  if (length === 5) {
    return (a | 32) === 102 &&
      (u[start + 1]! | 32) === 105 &&
      (u[start + 2]! | 32) === 114 &&
      (u[start + 3]! | 32) === 115 &&
      (u[start + 4]! | 32) === 116
      ? MARK_ADDRESS
      : 0;
  }
  return length === 7 &&
    (a | 32) === 97 &&
    (u[start + 1]! | 32) === 100 &&
    (u[start + 2]! | 32) === 100 &&
    (u[start + 3]! | 32) === 114 &&
    (u[start + 4]! | 32) === 101 &&
    (u[start + 5]! | 32) === 115 &&
    (u[start + 6]! | 32) === 115
    ? MARK_ADDRESS
    : 0;
}

/**
 * The '.' at `i` ends a cue's abbreviation and a value follows it ("NHS no. 943 476 5919", "tel. +44 ...",
 * "acc. 31926819"): no sentence end, so the cue before it still counts. Char codes only: most dots
 * end a sentence and fail the first test.
 */
function abbreviationBeforeValue(u: Uint16Array, i: number): boolean {
  const next = u[i + 2]!;
  if (!((next >= 48 && next <= 57) || next === 43) || i < 2) return false;
  let w = i;
  while (w > 0 && i - w < 4 && ((u[w - 1]! | 32) - 97) >>> 0 < 26) w--;
  if (w > 0 && ((u[w - 1]! | 32) - 97) >>> 0 < 26) return false;
  const a = u[w]! | 32;
  const b = u[w + 1]! | 32;
  switch (i - w) {
    case 2:
      // no, nr, ph
      return (a === 110 && (b === 111 || b === 114)) || (a === 112 && b === 104);
    case 3: {
      const c = u[w + 2]! | 32;
      // tel, acc, mob, num, ext
      return (
        (a === 116 && b === 101 && c === 108) ||
        (a === 97 && b === 99 && c === 99) ||
        (a === 109 && b === 111 && c === 98) ||
        (a === 110 && b === 117 && c === 109) ||
        (a === 101 && b === 120 && c === 116)
      );
    }
    default:
      return false;
  }
}

/** O, o, l or I: letters an OCR reading may put for 0 or 1 (ocr.ts). */
const isLetter = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;
const isHexLetter = (c: number): boolean => ((c | 32) - 97) >>> 0 < 6;

/** The lone 0 or 1 at `at` (followed by `next`) stands for a letter of a word; see ocr-cues.ts. */
/** Two 0s or 1s at `at` after a lower-case letter, inside a word or ending one of three letters or more. */
function ocrPair(u: Uint16Array, at: number, next: number): boolean {
  const before = u[at - 1]!;
  if (before < 97 || before > 122) return false;
  return isLetter(next) || (at > 1 && isLetter(u[at - 2]!));
}

function ocrLetter(u: Uint16Array, at: number, next: number): boolean {
  const before = u[at - 1]!;
  // Between hex letters it is a hex number's digit ("d0e6" in an IPv6 address), but for "D0B" standing
  // alone: the commonest cue on a scanned form, and no hex number is three characters wide.
  if (isLetter(before) && isLetter(next))
    return !(isHexLetter(before) && isHexLetter(next)) || isDobWord(u, at);
  if (before === 46 && next === 46) return at > 1 && isLetter(u[at - 2]!);
  // "N0" for "No": not a postcode's district (London's N districts start at N1).
  return (
    u[at]! === 48 &&
    (before | 32) === 110 &&
    !isLetter(next) &&
    !(next >= 48 && next <= 57) &&
    !(at > 1 && isLetter(u[at - 2]!))
  );
}

function isDobWord(u: Uint16Array, at: number): boolean {
  return (
    (u[at - 1]! | 32) === 100 &&
    (u[at + 1]! | 32) === 98 &&
    !(at > 1 && wordChar(u[at - 2]!)) &&
    !wordChar(u[at + 2]!)
  );
}

const wordChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57);

function confusable(c: number): boolean {
  return c === 79 || c === 111 || c === 108 || c === 73;
}

/** A digit or '_': the ASCII word characters that are not letters. */
function isWordTail(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 95;
}

/** Which keyword of leading word `w` (its `rests`) matches from `p` (the first that does), or -1. */
function keywordAt(u: Uint16Array, n: number, p: number, table: KeywordTable, w: number): number {
  const { restFrom, restStart, restCodes } = table;
  const first = restFrom[w]!;
  const last = restFrom[w + 1]!;
  for (let r = first; r < last; r++) {
    const from = restStart[r]!;
    const length = restStart[r + 1]! - from;
    const end = p + length;
    if (end > n) continue;
    let j = 0;
    for (; j < length; j++) {
      const code = restCodes[from + j]!;
      const c = u[p + j]!;
      // Letters match either case; punctuation and spaces only themselves.
      if (code >= 97 ? (c | 32) !== code : c !== code) break;
    }
    if (j < length) continue;
    const next = end < n ? u[end]! | 32 : 0;
    if (next >= 97 && next <= 122) continue;
    return r - first;
  }
  return -1;
}

function chains(u: Uint16Array, starts: number[], ends: number[]): number[] {
  const count = starts.length;
  const chain: number[] = new Array<number>(count);
  for (let k = count - 1; k >= 0; k--) {
    const end = ends[k]!;
    let digits = end - starts[k]!;
    if (k + 1 < count && starts[k + 1] === end + 1) {
      const sep = u[end]!;
      if (sep === 32 || sep === 45) digits += chain[k + 1]!;
    }
    chain[k] = digits;
  }
  return chain;
}
