/**
 * The keyword list (context.ts) compiled for the text pass (scan-pass.ts). A keyword can only match
 * where the text's maximal run of ASCII letters equals the keyword's leading letters ("sort" in
 * "sort code", "d" in "d.o.b"), because a letter may not follow it. So the pass walks each letter run
 * through a trie of leading words and, at a trie word, tries that word's keywords in priority order.
 */
import { KEYWORDS, NAME_CUES, VALUE_KINDS, type ContextKind } from './context';

/** The keywords that begin with one leading word, in priority order: what follows the word, and kind. */
export interface LeadingWord {
  readonly rests: readonly string[];
  readonly kinds: readonly ContextKind[];
  /** Per keyword: its kind's index in VALUE_KINDS, or -1. */
  readonly read: readonly number[];
  /** Per keyword: a name cue (NAME_CUES), listed apart from the other hits; read per hit, so no Set. */
  readonly nameCue: readonly boolean[];
}

const LETTERS = /^[a-z]+/;
const PHRASE = /^[a-z][a-z ./'#&+-]*$/;

/** One compiled keyword table: the trie, its words and the prefix filter (see the exports below). */
export interface KeywordTable {
  readonly trie: Int16Array;
  readonly wordAt: Int16Array;
  readonly words: readonly LeadingWord[];
  readonly leadingLengths: Uint16Array;
  /**
   * The trie node after a word's first two letters, at the same index as `leadingLengths` (first & 31)
   * << 5 | (second & 31), or after its one letter at second 0: the walk starts there, two steps in.
   */
  readonly prefixNode: Int16Array;
  /**
   * The words' rests flat, for the text pass's compare: word w's rests are r = restFrom[w] up to
   * restFrom[w + 1], rest r's code units restCodes[restStart[r], restStart[r + 1]). Typed arrays side by
   * side instead of an object, an array and a string per rest to reach.
   */
  readonly restFrom: Uint16Array;
  readonly restStart: Uint16Array;
  readonly restCodes: Uint16Array;
}

function build(withNames: boolean): KeywordTable {
  const byWord = new Map<
    string,
    { rests: string[]; kinds: ContextKind[]; read: number[]; nameCue: boolean[] }
  >();
  for (const [kind, phrases] of KEYWORDS) {
    if (!withNames && NAME_CUES.has(kind)) continue;
    for (const phrase of phrases) {
      const word = LETTERS.exec(phrase)?.[0] ?? '';
      // LEADING_LENGTHS holds lengths up to 15.
      if (!PHRASE.test(phrase) || word.length > 15) throw new Error(`Malformed context keyword: ${phrase}`);
      const rest = phrase.slice(word.length);
      let entry = byWord.get(word);
      if (entry === undefined) {
        entry = { rests: [], kinds: [], read: [], nameCue: [] };
        byWord.set(word, entry);
      }
      // The bare word always matches (its letter run is maximal), so nothing after it is ever tried;
      // a repeated phrase keeps its first kind.
      if (entry.rests.includes('') || entry.rests.includes(rest)) continue;
      entry.rests.push(rest);
      entry.kinds.push(kind);
      entry.read.push((VALUE_KINDS as readonly ContextKind[]).indexOf(kind));
      entry.nameCue.push(NAME_CUES.has(kind));
    }
  }
  // Nodes are numbered shortest prefix first, so the rows of the first letters, which every word
  // walks, sit together at the start of the table (a lookup per letter; a 16-bit table stays small).
  const prefixes = new Set<string>();
  for (const word of byWord.keys()) for (let i = 1; i <= word.length; i++) prefixes.add(word.slice(0, i));
  const order = [...prefixes].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const id = new Map<string, number>([['', 1]]);
  order.forEach((prefix, i) => id.set(prefix, i + 2));
  const trie = new Int16Array((order.length + 2) << 5);
  for (const prefix of order) {
    trie[(id.get(prefix.slice(0, -1))! << 5) | (prefix.charCodeAt(prefix.length - 1) & 31)] = id.get(prefix)!;
  }
  const wordAt = new Int16Array(order.length + 2).fill(-1);
  const words: LeadingWord[] = [];
  for (const [word, entry] of byWord) {
    wordAt[id.get(word)!] = words.length;
    words.push(entry);
  }
  const leadingLengths = new Uint16Array(1024);
  for (const word of byWord.keys()) {
    const second = word.length > 1 ? word.charCodeAt(1) & 31 : 0;
    leadingLengths[((word.charCodeAt(0) & 31) << 5) | second]! |= 1 << word.length;
  }
  const prefixNode = new Int16Array(1024);
  for (let a = 1; a < 32; a++) {
    const one = trie[(1 << 5) | a]!;
    prefixNode[a << 5] = one;
    if (one === 0) continue;
    for (let b = 1; b < 32; b++) prefixNode[(a << 5) | b] = trie[(one << 5) | b]!;
  }
  const restFrom = new Uint16Array(words.length + 1);
  const rests = words.flatMap((w) => w.rests);
  for (let w = 0; w < words.length; w++) restFrom[w + 1] = restFrom[w]! + words[w]!.rests.length;
  const restStart = new Uint16Array(rests.length + 1);
  for (let r = 0; r < rests.length; r++) restStart[r + 1] = restStart[r]! + rests[r]!.length;
  const restCodes = new Uint16Array(restStart[rests.length]!);
  rests.forEach((rest, r) => {
    for (let j = 0; j < rest.length; j++) restCodes[restStart[r]! + j] = rest.charCodeAt(j);
  });
  return { trie, wordAt, words, leadingLengths, prefixNode, restFrom, restStart, restCodes };
}

/**
 * Every keyword: the table of a request that reports names. Node n's child for letter c sits at
 * (n << 5) | (c & 31), so upper and lower case share a slot with no folding step; 0 is "no such word",
 * 1 is the root. wordAt: per node, an index into words, or -1 where no leading word ends.
 * leadingLengths, a quick filter before the trie: for a word's first two letters (& 31; a 0 second for
 * a one-letter word), bit n is set when a leading word of n letters starts so. Longer words shift to 0
 * or to a stray bit, which the trie then turns away.
 */
export const ALL_KEYWORDS = build(true);
/**
 * The keywords without the name cues, for a request that reports no names: short cues such as "hi",
 * "dr", "re", "best" and "thanks" are among the commonest words of desk text, and such a request never
 * reads them. It finds exactly the other hits of ALL_KEYWORDS: no leading word lists a name cue before
 * another keyword, and no word inside a name-cue phrase opens another keyword (scan.test.ts checks both),
 * so a name cue never hides or blocks one.
 */
export const VALUE_KEYWORDS = build(false);
