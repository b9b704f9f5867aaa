import { describe, expect, it } from 'vitest';
import { detectMessage } from './detect';
import { features, learnedReasons, probability, withLearned } from './learned';

describe('learned lexicon', () => {
  it('reads clause-bounded lemma unigrams and bigrams', () => {
    const f = features("I can't go on. Bills are due");
    expect(f.has('go on')).toBe(true);
    expect(f.has('on bill')).toBe(false); // never across clauses
  });

  it('scores with a logistic model', () => {
    expect(probability({ bias: 0, weights: {} }, new Set())).toBeCloseTo(0.5);
    expect(probability({ bias: -2, weights: { end: 4 } }, new Set(['end']))).toBeGreaterThan(0.8);
  });

  it('stays silent on routine errands', () => {
    for (const text of [
      'Can I order a new chequebook please?',
      'What time does the surgery open on Saturday?',
      'I need to update my address after moving house.',
    ])
      expect(learnedReasons(text)).toEqual({});
  });

  it('only raises: a reason the rules raised stays raised, a negated one stays set aside', () => {
    const rules = detectMessage("I'm not suicidal, I just want to know the opening hours");
    const out = withLearned("I'm not suicidal, I just want to know the opening hours", rules);
    expect(out.selfHarm).toBe(false);
    const strong = detectMessage('I want to kill myself');
    expect(withLearned('I want to kill myself', strong).selfHarm).toBe(true);
  });
});
