import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REGEX_MODULE = join(import.meta.dirname, 'regex.ts');

/**
 * Run in a process of its own: the runner's worker is unref'd when idle, so only a process with nothing
 * else alive shows whether a pending job keeps it running (a test runner always has something alive).
 */
function runAlone(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-regex-'));
  try {
    const file = join(dir, 'alone.mts');
    writeFileSync(file, script);
    return execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the regex runner in a process with nothing else to do', () => {
  it('keeps the process alive until a test and a vet have answered', () => {
    const out = runAlone(`
      import { createRegexRunner } from ${JSON.stringify(REGEX_MODULE)};
      const runner = createRegexRunner();
      const slow = await runner.vet([{ source: 'Samaritans|116 ?123', texts: ['call 116 123'] }], 1000);
      const matches = await runner.test('\\\\b988\\\\b', ['dial 988', 'no']);
      console.log(JSON.stringify({ slow, matches }));
    `);
    expect(JSON.parse(out)).toEqual({ slow: -1, matches: [true, false] });
  });
});
