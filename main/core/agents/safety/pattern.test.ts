import { describe, expect, it } from 'vitest';
import { CLASSES } from './classes';
import { candidates, indexed } from './detect';
import { compile, findAll } from './pattern';
import { IDIOMS, RULES } from './rules';
import { SITUATION_IDIOMS } from './situations';
import { clauses, type Token } from './tokens';

/** Written for these tests: cues, idioms, numbers, negation, questions and everyday errands. */
const TEXTS = [
  "Some nights I hope I just never wake up again, and I've been stockpiling my tablets.",
  'How many co-codamol would be a fatal dose? I took 32 of them last night.',
  "I'm not suicidal, honestly, I just can't cope with these letters any more.",
  'This queue is killing me, I could murder a coffee. How do I pay in a cheque?',
  'Can I speak to a real person please, not a bot? I need someone now.',
  'The bank called and said I need to move my savings to a safe account today.',
  'My husband has dementia and I look after his banking now; he keeps forgetting his PIN.',
  "My brother took his own life in 2019 and I'm executor of his estate.",
  'Please please help me, I am so scared, they say they will hurt my mum if I do not pay £400.',
  "I'd rather die than sit through another Excel course, lol.",
  'What time does the branch open on Saturday?',
  "She's been crying all week since the diagnosis, she says she wants to end it and he has pills.",
  'Card 4111 1111 1111 1111 was stolen and someone has emptied my account, I am in bits.',
  "I've been made redundant and I'm drowning in debt, I don't know what to do anymore.",
  'He told me to keep it secret and not tell the bank why I am sending the money.',
];

type Item = { k: number; pattern: ReturnType<typeof compile> };

function brute(items: readonly Item[], tokens: readonly Token[]): string[] {
  return items.flatMap((item) => findAll(item.pattern, tokens).map(([s, e]) => `${item.k}:${s}-${e}`));
}

function viaIndex(items: readonly Item[], tokens: readonly Token[]): string[] {
  return candidates(indexed([...items]), tokens).flatMap(([item, starts]) =>
    findAll(item.pattern, tokens, starts).map(([s, e]) => `${item.k}:${s}-${e}`),
  );
}

describe('the first-word index', () => {
  const sets = {
    rules: RULES.map((r, k) => ({ k, pattern: compile(r.pattern, CLASSES) })),
    idioms: [...IDIOMS, ...SITUATION_IDIOMS].map((p, k) => ({ k, pattern: compile(p, CLASSES) })),
  };

  it.each(Object.entries(sets))(
    'finds every match of the %s that a scan of all of them finds',
    (_n, items) => {
      let matches = 0;
      for (const text of TEXTS)
        for (const clause of clauses(text)) {
          const all = brute(items, clause.tokens);
          matches += all.length;
          expect(new Set(viaIndex(items, clause.tokens))).toEqual(new Set(all));
        }
      expect(matches).toBeGreaterThan(0);
    },
  );

  it('tries each candidate once, at ascending start positions that are its first words', () => {
    const tokens = clauses('I want to die, I want to die')[0]?.tokens ?? [];
    for (const [, starts] of candidates(indexed(sets.rules), tokens)) {
      if (!starts) continue;
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      expect(new Set(starts).size).toBe(starts.length);
    }
  });
});

describe('the pattern matcher', () => {
  const words = (text: string) => text.split(' ').map((w) => ({ word: w, lemma: w }));

  it('takes the longest phrase first, and a shorter one when the rest does not match', () => {
    const p = compile('end|end_it_all it? $', {});
    expect(findAll(p, words('end it all'))).toEqual([[0, 3]]);
    expect(findAll(p, words('end it'))).toEqual([[0, 2]]);
    expect(findAll(p, words('the end'))).toEqual([[1, 2]]);
  });

  it('reads number slots, prefixes and classes', () => {
    expect(findAll(compile('took # tablets', {}), words('took 30 tablets'))).toEqual([[0, 3]]);
    expect(findAll(compile('took ## tablets', {}), words('took 3 tablets'))).toEqual([]);
    expect(findAll(compile('took ## tablets', {}), words('took twenty tablets'))).toEqual([[0, 3]]);
    expect(findAll(compile('suicid* @X', { X: ['thoughts', 'plan'] }), words('suicidal thoughts'))).toEqual([
      [0, 2],
    ]);
  });
});

describe('clauses', () => {
  it('reads a text once and hands back the same clauses for it, whatever was read in between', () => {
    const a = "I can't go on. Bills are due";
    const first = clauses(a);
    const copy = structuredClone(first);
    expect(clauses(a)).toBe(first);
    const other = clauses('What time does the branch open?');
    expect(other).not.toBe(first);
    expect(clauses(a)).toEqual(copy);
  });
});
