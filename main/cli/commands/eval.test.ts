import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, runCli, runCliInProcess } from '../testing';

const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(folder: string, name: string, body: unknown): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const file = join(dir, folder, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return join(dir, folder);
}

const calm = (id: string, expect: Record<string, unknown> = { escalated: false }) => ({
  id,
  domain: 'bank',
  turns: [{ customer: 'What time do you open on Saturday?', modelReply: 'Happy to help.', expect }],
});

describe('confidant eval', () => {
  it(
    'a pathological regex is exit 4 naming the file and the field, well within 10 seconds',
    async () => {
      const bad = scenario('bad', 'slow.json', calm('slow', { replyMustMatch: ['^(a+)+$'] }));
      const started = performance.now();
      const run = await runCli(['eval', '--scenarios', bad, '--json']);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/bad\/slow\.json: turns\[0\]\.expect\.replyMustMatch\[0\]/);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
      expect(performance.now() - started).toBeLessThan(10_000);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'runs several folders (repeated flag or one flag with several paths), one summary line per folder',
    async () => {
      const dev = scenario('dev', 'a.json', `\uFEFF${JSON.stringify(calm('dev-a'))}`);
      const holdout = scenario('holdout', 'b.json', calm('holdout-b'));
      const other = scenario('other', 'c.json', calm('other-c'));
      const run = await runCliInProcess([
        'eval',
        '--scenarios',
        dev,
        holdout,
        '--scenarios',
        other,
        '--json',
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/eval \[dev\]: 1\/1 scenarios passed; false alarms 0\/1/);
      expect(run.stderr).toMatch(/eval \[holdout\]: 1\/1 scenarios passed/);
      expect(run.stderr).toMatch(/eval \[other\]: 1\/1 scenarios passed/);
      const report = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(['scenarios', 'summary', 'reasons', 'falseAlarms']);
      expect(report.falseAlarms).toEqual({ turnsExpectedCalm: 3, escalated: 0, rate: 0 });
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it('documents the drafting default in its help', async () => {
    const run = await runCliInProcess(['eval', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--scripted/);
    expect(run.stdout).toMatch(/drafts EVERY turn/);
  });
});
