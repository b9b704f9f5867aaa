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

type Slot =
  | { kind: 'words'; phrases: string[][]; prefixes: string[]; optional: boolean; orEnd: boolean }
  | { kind: 'gap'; max: number }
  | { kind: 'end' };

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
      return {
        kind: 'words',
        orEnd: alts.includes('$'),
        phrases: alts.filter((a) => !a.endsWith('*') && a !== '$').map((a) => a.split('_')),
        prefixes: alts.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)),
        optional,
      };
    });
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
const MANY_WORDS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'hundred', 'dozen', 'dozens', 'loads']);
const is = (t: Token | undefined, w: string) =>
  t !== undefined &&
  (t.word === w ||
    t.lemma === w ||
    (w === '#' && (/^\d/.test(t.word) || NUMBER_WORDS.has(t.word))) ||
    (w === '##' && (/^\d{2,}$/.test(t.word) || MANY_WORDS.has(t.word))));

/** Tokens the words slot consumes at `i` (0 = no match); the longest phrase wins. */
function wordsAt(slot: Extract<Slot, { kind: 'words' }>, tokens: readonly Token[], i: number): number[] {
  const t = tokens[i];
  if (!t) return [];
  const lengths: number[] = [];
  for (const p of slot.prefixes) if (t.word.startsWith(p)) lengths.push(1);
  for (const phrase of slot.phrases) {
    let ok = true;
    for (let k = 0; k < phrase.length && ok; k += 1) ok = is(tokens[i + k], phrase[k] as string);
    if (ok) lengths.push(phrase.length);
  }
  return [...new Set(lengths)].sort((a, b) => b - a);
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
      for (const n of wordsAt(slot, tokens, i)) {
        const end = matchFrom(p, s + 1, tokens, i + n);
        if (end >= 0) return end;
      }
      return slot.optional || (slot.orEnd && i === tokens.length) ? matchFrom(p, s + 1, tokens, i) : -1;
    }
  }
}

/** Every [start, end) where the pattern matches in the clause (leftmost start per position). */
export function findAll(p: Pattern, tokens: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
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
