import { describe, expect, it } from 'vitest';
import { detectPii } from '../index';
import type { PiiType } from '../types';
import { evaluate, loadCorpus } from './evaluate';
import { generateCorpus } from './generate';

/**
 * The quality gate from issue 4, measured on the committed corpus (overlap matching, see evaluate.ts).
 * If a recognizer change drops a structured type below recall 0.98 or precision 0.95, or overall F2
 * below 0.90, this fails.
 */
const STRUCTURED: PiiType[] = ['CREDIT_CARD', 'IBAN', 'US_SSN', 'UK_NHS', 'UK_NINO', 'EMAIL', 'PHONE'];

describe('PII corpus quality gate', () => {
  const corpus = loadCorpus();

  it('has at least 2,000 labelled bank and clinic texts with hard negatives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(corpus.map((e) => e.domain))).toEqual(new Set(['bank', 'clinic']));
    const noPii = corpus.filter((e) => e.spans.length === 0).length;
    expect(noPii).toBeGreaterThan(20);
    expect(corpus.some((e) => /Łukasz|Zoë|José|Søren|李/.test(e.text))).toBe(true);
    for (const e of corpus.slice(0, 200))
      for (const s of e.spans) expect(s.end).toBeLessThanOrEqual(e.text.length);
  });

  it('is exactly what the seeded generator produces', () => {
    const fresh = generateCorpus(50);
    expect(fresh.map((e) => e.text)).toEqual(corpus.slice(0, 50).map((e) => e.text));
  });

  it('meets recall ≥ 0.98 and precision ≥ 0.95 per structured type, and overall F2 ≥ 0.90', () => {
    const result = evaluate(corpus, (text) => detectPii(text));
    for (const type of STRUCTURED) {
      const s = result.perType[type];
      expect(s.tp, type).toBeGreaterThan(50);
      expect(s.recall, `${type} recall`).toBeGreaterThanOrEqual(0.98);
      expect(s.precision, `${type} precision`).toBeGreaterThanOrEqual(0.95);
    }
    expect(result.overall.f2).toBeGreaterThanOrEqual(0.9);
  });

  it('the gate can fail: a detector that drops phones misses the phone recall target', () => {
    const result = evaluate(corpus, (text) => detectPii(text).filter((s) => s.type !== 'PHONE'));
    expect(result.perType.PHONE.recall).toBeLessThan(0.98);
  });
});
