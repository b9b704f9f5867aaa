/**
 * What stands just before and after a candidate name: the one to three words before it (as phrase
 * flags from persons-flags.ts), the punctuation gap between, and the verbs that may follow. Works on
 * the text's code units and fills one reused record, so scoring a run allocates nothing.
 */
import { FLAGS, P_TAIL, P_TITLE } from './persons-flags';

export interface Before {
  /** Flags of the nearest word before the name (0 when there is none). */
  word: number;
  /** Flags of every phrase of one to three words ending at that word, or-ed together. */
  phrases: number;
  /** The gap between that word and the name holds only spaces, commas and colons (or nothing). */
  plain: boolean;
  /** The gap is exactly ' ' / exactly '. '. */
  space: boolean;
  dotSpace: boolean;
  colon: boolean;
  comma: boolean;
  sentenceStart: boolean;
  afterDigit: boolean;
}

const before: Before = {
  word: 0,
  phrases: 0,
  plain: true,
  space: false,
  dotSpace: false,
  colon: false,
  comma: false,
  sentenceStart: false,
  afterDigit: false,
};

/** Letters, apostrophes and anything from U+00C0 on but × and ÷: what the words before a name are made of. */
export function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    c === 39 ||
    c === 0x2019 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

function isGapChar(c: number): boolean {
  return c === 32 || c === 44 || c === 58 || c === 46 || c === 33 || c === 63 || c === 10;
}

/** Reads what precedes `pos` into the shared record (valid until the next call). */
export function scanBefore(u: Uint16Array, text: string, pos: number): Before {
  let i = pos - 1;
  while (i >= 0 && isGapChar(u[i]!)) i--;
  // The gap is text[i + 1, pos).
  let plain = true;
  let colon = false;
  let comma = false;
  let stop = false;
  for (let k = i + 1; k < pos; k++) {
    const c = u[k]!;
    if (c === 58) colon = true;
    else if (c === 44) comma = true;
    else if (c !== 32) {
      plain = false;
      // . ! ? or a newline.
      stop = true;
    }
  }
  const gap = pos - i - 1;
  before.plain = plain;
  before.colon = colon;
  before.comma = comma;
  before.space = gap === 1 && u[i + 1] === 32;
  before.dotSpace = gap === 2 && u[i + 1] === 46 && u[i + 2] === 32;
  before.afterDigit = i >= 0 && u[i]! >= 48 && u[i]! <= 57;
  // Up to three words, separated by single spaces, nearest first: [w0, end) is the nearest one.
  const end = i + 1;
  let w0 = end;
  while (w0 > 0 && isWordChar(u[w0 - 1]!)) w0--;
  let word = 0;
  let phrases = 0;
  if (w0 < end) {
    word = FLAGS.get(u, text, w0, end);
    phrases = word;
    // Longer phrases are looked up only when some listed phrase ends with these words.
    const w1 = (word & P_TAIL) !== 0 ? wordBefore(u, w0) : -1;
    if (w1 >= 0) {
      const two = FLAGS.get(u, text, w1, end);
      phrases |= two;
      const w2 = (two & P_TAIL) !== 0 ? wordBefore(u, w1) : -1;
      if (w2 >= 0) phrases |= FLAGS.get(u, text, w2, end);
    }
  }
  before.word = word;
  before.phrases = phrases;
  before.sentenceStart = i < 0 || (stop && (word & P_TITLE) === 0);
  return before;
}

/** The start of the word that ends one space before `start`, or -1. */
function wordBefore(u: Uint16Array, start: number): number {
  if (start < 2 || u[start - 1] !== 32) return -1;
  let w = start - 1;
  while (w > 0 && isWordChar(u[w - 1]!)) w--;
  return w < start - 1 ? w : -1;
}

/** True at the start of the text or after . ! ? or a newline, unless the "." ends a title ("Dr."). */
export function opensSentence(u: Uint16Array, text: string, pos: number): boolean {
  let p = pos - 1;
  while (p >= 0 && u[p] === 32) p--;
  if (p < 0) return true;
  const c = u[p]!;
  if (c === 33 || c === 63 || c === 10) return true;
  if (c !== 46) return false;
  let q = p - 1;
  while (q >= 0 && p - q <= 10 && isWordChar(u[q]!)) q--;
  return (FLAGS.get(u, text, q + 1, p) & P_TITLE) === 0;
}

// Sticky: tried exactly at the end of a name, with no slicing.
const SPEAKING_AFTER = /,? (?:speaking|here)\b/iy;
// A verb after the name, or a duty in staff notes ("Tom covered the counter", "Aisha on cash").
const SINGLE_AFTER =
  /(?: (?:at|from) the \w+)?[,:]? (?:said|says|told|asked|mentioned|explained|called|rang|emailed|wrote|phoned|here|speaking|covered|covering|on (?:cash|counter|till|tills|desk|reception|lates|earlies|nights|leave))\b/iy;

/** "Sarah, speaking" / "Sarah here". */
export function speakingAfter(u: Uint16Array, n: number, text: string, pos: number): boolean {
  if (honorificAfter(u, n, pos)) return true;
  // The regex needs ",? " then s or h: most words fail here without a regex call.
  let p = pos;
  if (p < n && u[p] === 44) p++;
  if (p + 1 >= n || u[p] !== 32) return false;
  const l = u[p + 1]! | 32;
  return (l === 115 || l === 104) && matchesAt(SPEAKING_AFTER, text, pos);
}

/**
 * A postfixed honorific that marks the words before it as a name whatever the sentence's language:
 * "Anita ji ne bola", "Sharma ji", "Iqbal sahib" (not "san": Spanish writes "san jose"). Char codes only.
 */
function honorificAfter(u: Uint16Array, n: number, pos: number): boolean {
  if (pos + 2 >= n || u[pos] !== 32) return false;
  const a = u[pos + 1]!;
  if (a !== 106 && a !== 115) return false; // j, s: the honorifics are written in lower case
  for (const h of HONORIFICS) {
    const e = pos + 1 + h.length;
    if (e > n) continue;
    let k = 0;
    while (k < h.length && u[pos + 1 + k] === h.charCodeAt(k)) k++;
    if (k < h.length) continue;
    const c = e < n ? u[e]! : 32;
    if (!((c | 32) >= 97 && (c | 32) <= 122) && c < 0xc0) return true;
  }
  return false;
}

const HONORIFICS = ['ji', 'sahib', 'saheb'];

// The first two letters (lower case, as two char codes) of every word that SINGLE_AFTER can match
// after its "[,:]? ": the verbs, and "at" / "from" of "at the bank".
const VERB_STARTS: ReadonlySet<number> = new Set(
  'said says told asked mentioned explained called rang emailed wrote phoned here speaking at from covered on'
    .split(' ')
    .map((w) => w.charCodeAt(0) * 128 + w.charCodeAt(1)),
);

/** "Sarah said", "Sarah from the bank called". */
export function verbAfter(u: Uint16Array, n: number, text: string, pos: number): boolean {
  let p = pos;
  if (p < n && (u[p] === 44 || u[p] === 58)) p++;
  if (p + 2 >= n || u[p] !== 32) return false;
  return VERB_STARTS.has((u[p + 1]! | 32) * 128 + (u[p + 2]! | 32)) && matchesAt(SINGLE_AFTER, text, pos);
}

// A task given to a name in staff notes: "Kieran to chase", "Siobhan to call back".
const TASK_AFTER = /,? to (?:chase|call|ring|phone|email|follow up|contact|action|review|cover)\b/y;
// Words that take "to" themselves ("Meant to email", "Need to call", "Hope to ring").
const TAKES_TO: ReadonlySet<string> = new Set(
  'need want try remember forgot meant going plan hope able due used supposed have has had got ought'.split(
    ' ',
  ),
);

/**
 * "Kieran to chase": a task after the capitalised word [start, pos). Not after a word that takes "to"
 * itself, a past tense, a gerund or a plural ("Meant to", "Wanted to", "Needs to"). Char codes first.
 */
export function taskAfter(u: Uint16Array, n: number, text: string, start: number, pos: number): boolean {
  let p = pos;
  if (p < n && u[p] === 44) p++;
  if (p + 3 >= n || u[p] !== 32 || u[p + 1] !== 116 || u[p + 2] !== 111 || u[p + 3] !== 32) return false;
  if (pos - start < 3) return false;
  const last = u[pos - 1]! | 32;
  const before = u[pos - 2]! | 32;
  if (last === 115 || (before === 101 && last === 100) || (before === 110 && last === 103)) return false;
  if (TAKES_TO.has(text.slice(start, pos).toLowerCase())) return false;
  return matchesAt(TASK_AFTER, text, pos);
}

function matchesAt(re: RegExp, text: string, pos: number): boolean {
  re.lastIndex = pos;
  return re.test(text);
}
