import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExamples } from './data';

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
      timeout: 120_000,
    });
    expect(out).toContain('self_harm:');
  }, 150_000);
});
