import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExamples, NOT_IDENTIFYING } from './data';

const ROOT = join(__dirname, '..', '..');

describe('learned safety lexicon training', () => {
  it('never trains on the holdout', () => {
    const examples = loadExamples([join(ROOT, 'evals/dev'), join(ROOT, 'evals/scenarios')]);
    expect(examples.length).toBeGreaterThan(500);
    expect(examples.some((e) => e.labels.self_harm === 1)).toBe(true);
  });

  it('the committed weights are what the dev split trains (deterministic)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'train.ts'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      // About a minute of one core on a quiet machine with 5,123 dev files, nearly three under load 12:
      // the limit leaves room for a loaded CI runner, since the training grows with the dev split.
      timeout: 420_000,
    });
    expect(out).toContain('self_harm:');
  }, 450_000);
});

describe('learned safety lexicon privacy', () => {
  it('ships no listed customer value as a feature (names, numbers)', () => {
    const weights = JSON.parse(
      readFileSync(join(ROOT, 'main/core/agents/safety/learned-weights.json'), 'utf8'),
    ) as { reasons: Record<string, { weights: Record<string, number> }> };
    const words = new Set(
      Object.values(weights.reasons).flatMap((r) => Object.keys(r.weights).flatMap((f) => f.split(' '))),
    );
    // Canaries: every `pii` value the scenario files list, word by word (common words set aside).
    // Months, day ordinals, street types and the labels authors kept ("Sort code ...") identify nobody.
    const common = NOT_IDENTIFYING;
    const ordinalDay = /^\d{1,2}(?:st|nd|rd|th)$/;
    const leaked: string[] = [];
    for (const dir of ['dev', 'scenarios']) {
      for (const name of readdirSync(join(ROOT, 'evals', dir)).filter((n) => n.endsWith('.json'))) {
        const file = JSON.parse(
          readFileSync(join(ROOT, 'evals', dir, name), 'utf8').replace(/^\uFEFF/, ''),
        ) as {
          pii?: string[];
        };
        for (const value of file.pii ?? [])
          for (const word of value.toLowerCase().split(/[\s,]+/))
            if (word.length > 2 && !common.has(word) && !ordinalDay.test(word) && words.has(word))
              leaked.push(word);
      }
    }
    expect(leaked).toEqual([]);
    expect([...words].filter((w) => /\d{3}/.test(w))).toEqual([]);
  });
});
