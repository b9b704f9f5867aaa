/**
 * A small pattern language over tokens, so a rule names a construction ("want to die", with any
 * inflection) instead of one spelling. A pattern is a space-separated list of slots:
 *   `want|wish|like`  one token whose word or lemma is one of these (`a_b` is the two-word phrase a b);
 *   `suicid*`         a prefix;
 *   `@SELF`           a word class (classes below, extendable);
 *   `x?`              an optional slot;
 *   `~3`              up to 3 tokens of anything;
 *   `$`               the end of the clause (also as an alternative: `now|$`);
 *   `#`               a number.
 * Matching is within one clause. Patterns are compiled once; a turn costs a few microseconds per rule.
 */
import type { Token } from './tokens';

interface WordsSlot {
  kind: 'words';
  phrases: string[][];
  prefixes: string[];
  optional: boolean;
  orEnd: boolean;
  /**
   * The same alternatives arranged for matching (see `lengthsAt`): the one-word phrases as a set, whether
   * one of them is a number slot, the longer phrases by length, and every length a match can take,
   * longest first.
   */
  single: ReadonlySet<string>;
  /** The first word of every phrase: a token with one of them as its word or lemma starts any match. */
  firsts: ReadonlySet<string>;
  numbers: boolean;
  longer: ReadonlyMap<number, readonly string[][]>;
  lengths: readonly number[];
}

type Slot = WordsSlot | { kind: 'gap'; max: number } | { kind: 'end' };

export type Pattern = readonly Slot[];

export function compile(source: string, classes: Readonly<Record<string, readonly string[]>>): Pattern {
  return source
    .trim()
    .split(/\s+/)
    .map((raw): Slot => {
      if (raw === '$') return { kind: 'end' };
      const gap = /^~(\d)$/.exec(raw);
      if (gap) return { kind: 'gap', max: Number(gap[1]) };
      const optional = raw.endsWith('?');
      const body = optional ? raw.slice(0, -1) : raw;
      const alts = body.split('|').flatMap((a) => {
        if (!a.startsWith('@')) return [a];
        const members = classes[a.slice(1)];
        if (!members) throw new Error(`unknown word class ${a}`);
        return members;
      });
      return wordsSlot(
        alts.filter((a) => !a.endsWith('*') && a !== '$').map((a) => a.split('_')),
        alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)),
        optional,
        alts.includes('$'),
      );
    });
}

function wordsSlot(phrases: string[][], prefixes: string[], optional: boolean, orEnd: boolean): WordsSlot {
  const single = new Set<string>();
  const longer = new Map<number, string[][]>();
  for (const phrase of phrases) {
    if (phrase.length === 1) single.add(phrase[0] as string);
    else longer.set(phrase.length, [...(longer.get(phrase.length) ?? []), phrase]);
  }
  const lengths = [...longer.keys()];
  if (single.size > 0 || prefixes.length > 0) lengths.push(1);
  return {
    kind: 'words',
    phrases,
    prefixes,
    optional,
    orEnd,
    single,
    firsts: new Set(phrases.map((ph) => ph[0] as string)),
    numbers: single.has('#') || single.has('##'),
    longer,
    lengths: [...new Set(lengths)].sort((a, b) => b - a),
  };
}

const NUMBER_WORDS = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'thirty',
  'fifty',
  'hundred',
  'a_few',
  'few',
  'couple',
]);
/** '##': a count of ten or more, a quantity of tablets no dose is made of. */
const MANY_WORDS = new Set([
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'hundreds',
  'dozen',
  'dozens',
  'loads',
]);
const is = (t: Token | undefined, w: string) =>
  t !== undefined &&
  (t.word === w ||
    t.lemma === w ||
    (w === '#' && (/^\d/.test(t.word) || NUMBER_WORDS.has(t.word))) ||
    (w === '##' && (/^\d{2,}$/.test(t.word) || MANY_WORDS.has(t.word))));

/**
 * Whether the words slot can consume exactly `n` tokens at `i`: a prefix or a one-word phrase for 1, a
 * phrase of that length otherwise. The slot tries its lengths longest first (`lengths`), so the longest
 * phrase wins, as if every matching phrase were listed and the lengths sorted.
 */
function wordsAt(slot: WordsSlot, tokens: readonly Token[], i: number, n: number): boolean {
  const t = tokens[i];
  if (!t) return false;
  if (n === 1) {
    if (slot.single.has(t.word) || slot.single.has(t.lemma)) return true;
    if (slot.numbers && ((slot.single.has('#') && is(t, '#')) || (slot.single.has('##') && is(t, '##'))))
      return true;
    for (const p of slot.prefixes) if (t.word.startsWith(p)) return true;
    return false;
  }
  for (const phrase of slot.longer.get(n) ?? []) {
    let ok = true;
    for (let k = 0; k < n && ok; k += 1) ok = is(tokens[i + k], phrase[k] as string);
    if (ok) return true;
  }
  return false;
}

/** End index (exclusive) of a match of slots[s..] starting at token i, or -1. */
function matchFrom(p: Pattern, s: number, tokens: readonly Token[], i: number): number {
  if (s === p.length) return i;
  const slot = p[s] as Slot;
  switch (slot.kind) {
    case 'end':
      return i === tokens.length ? matchFrom(p, s + 1, tokens, i) : -1;
    case 'gap':
      for (let k = 0; k <= slot.max && i + k <= tokens.length; k += 1) {
        const end = matchFrom(p, s + 1, tokens, i + k);
        if (end >= 0) return end;
      }
      return -1;
    case 'words': {
      if (i < tokens.length)
        for (const n of slot.lengths) {
          if (!wordsAt(slot, tokens, i, n)) continue;
          const end = matchFrom(p, s + 1, tokens, i + n);
          if (end >= 0) return end;
        }
      return slot.optional || (slot.orEnd && i === tokens.length) ? matchFrom(p, s + 1, tokens, i) : -1;
    }
  }
}

/**
 * Every [start, end) where the pattern matches in the clause (leftmost start per position). `starts`, when
 * given, lists in ascending order the only positions a match can start at (the tokens that are one of the
 * pattern's `firstWords`); the others are not tried.
 */
export function findAll(
  p: Pattern,
  tokens: readonly Token[],
  starts?: readonly number[],
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (starts) {
    for (const i of starts) {
      const end = matchFrom(p, 0, tokens, i);
      if (end > i) out.push([i, end]);
    }
    return out;
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const end = matchFrom(p, 0, tokens, i);
    if (end > i) out.push([i, end]);
  }
  return out;
}

/** The lemmas and prefixes a match can start with, to skip patterns that cannot match a clause. */
export function firstWords(p: Pattern): { words: string[]; prefixes: string[] } | null {
  const words: string[] = [];
  const prefixes: string[] = [];
  for (const slot of p) {
    if (slot.kind !== 'words') return null;
    words.push(...slot.phrases.map((ph) => ph[0] as string));
    prefixes.push(...slot.prefixes);
    if (!slot.optional) return { words, prefixes };
  }
  return null;
}

/**
 * A slot that must consume a token of the clause, and can only with one of its phrases' first words as
 * the token's word or lemma (not optional, not the end, no prefix, no number).
 */
const required = (slot: Slot): slot is WordsSlot =>
  slot.kind === 'words' && !slot.optional && !slot.orEnd && !slot.numbers && slot.prefixes.length === 0;

/**
 * Rules out the patterns that cannot match in a clause: one whose required slots (above) do not all have
 * a first word among the clause's words and lemmas would find nothing. Slots with the same first words
 * (a word class used by many rules) are checked once per clause.
 */
export class Prefilter {
  private readonly needs = new Map<Pattern, number[]>();
  private readonly byWord = new Map<string, number[]>();
  private readonly seen: Uint32Array;
  private generation = 0;

  constructor(patterns: Iterable<Pattern>) {
    const ids = new Map<string, number>();
    for (const p of patterns) {
      const needs = new Set<number>();
      for (const slot of p) {
        if (!required(slot)) continue;
        const key = [...slot.firsts].sort().join(' ');
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
          for (const w of slot.firsts) this.byWord.set(w, [...(this.byWord.get(w) ?? []), id]);
        }
        needs.add(id);
      }
      this.needs.set(p, [...needs]);
    }
    this.seen = new Uint32Array(ids.size);
  }

  /** Reads a clause's words and lemmas; `mayMatch` answers for it until the next `read`. */
  read(tokens: readonly Token[]): void {
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    const g = (this.generation += 1);
    for (const t of tokens) {
      for (const id of this.byWord.get(t.word) ?? []) this.seen[id] = g;
      if (t.lemma !== t.word) for (const id of this.byWord.get(t.lemma) ?? []) this.seen[id] = g;
    }
  }

  /** False: the pattern finds nothing in the clause read last. True promises nothing. */
  mayMatch(p: Pattern): boolean {
    for (const id of this.needs.get(p) ?? []) if (this.seen[id] !== this.generation) return false;
    return true;
  }
}
