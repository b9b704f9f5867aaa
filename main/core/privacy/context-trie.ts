/**
 * The keyword list (context.ts) compiled for the text pass (scan-pass.ts). A keyword can only match
 * where the text's maximal run of ASCII letters equals the keyword's leading letters ("sort" in
 * "sort code", "d" in "d.o.b"), because a letter may not follow it. So the pass walks each letter run
 * through a trie of leading words and, at a trie word, tries that word's keywords in priority order.
 */
import { KEYWORDS, NAME_CUES, type ContextKind } from './context';

/** The keywords that begin with one leading word, in priority order: what follows the word, and kind. */
export interface LeadingWord {
  readonly rests: readonly string[];
  readonly kinds: readonly ContextKind[];
  /** Per keyword: a name cue (NAME_CUES), listed apart from the other hits; read per hit, so no Set. */
  readonly nameCue: readonly boolean[];
}

const LETTERS = /^[a-z]+/;
const PHRASE = /^[a-z][a-z ./'-]*$/;

function build(): {
  trie: Int16Array;
  wordAt: Int16Array;
  words: LeadingWord[];
  leadingLengths: Uint16Array;
} {
  const byWord = new Map<string, { rests: string[]; kinds: ContextKind[]; nameCue: boolean[] }>();
  for (const [kind, phrases] of KEYWORDS) {
    for (const phrase of phrases) {
      const word = LETTERS.exec(phrase)?.[0] ?? '';
      // LEADING_LENGTHS holds lengths up to 15.
      if (!PHRASE.test(phrase) || word.length > 15) throw new Error(`Malformed context keyword: ${phrase}`);
      const rest = phrase.slice(word.length);
      let entry = byWord.get(word);
      if (entry === undefined) {
        entry = { rests: [], kinds: [], nameCue: [] };
        byWord.set(word, entry);
      }
      // The bare word always matches (its letter run is maximal), so nothing after it is ever tried;
      // a repeated phrase keeps its first kind.
      if (entry.rests.includes('') || entry.rests.includes(rest)) continue;
      entry.rests.push(rest);
      entry.kinds.push(kind);
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
  return { trie, wordAt, words, leadingLengths };
}

const built = build();
/**
 * Node n's child for letter c sits at (n << 5) | (c & 31), so upper and lower case share a slot with
 * no folding step; 0 is "no such word", 1 is the root.
 */
export const TRIE = built.trie;
/** Per node, an index into WORDS, or -1 where no leading word ends. */
export const WORD_AT = built.wordAt;
export const WORDS: readonly LeadingWord[] = built.words;
/**
 * A quick filter before the trie: for a word's first two letters (& 31; a 0 second for a one-letter
 * word), bit n is set when a leading word of n letters starts so. Longer words shift to 0 or to a
 * stray bit, which the trie then turns away.
 */
export const LEADING_LENGTHS = built.leadingLengths;
