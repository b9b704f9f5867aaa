import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBenchmarks } from './run';

describe('bench runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every bench script but itself, tests and declarations', () => {
    for (const f of ['run.ts', 'store.ts', 'llm.ts', 'store.test.ts', 'types.d.ts', 'notes.md']) {
      writeFileSync(join(dir, f), '');
    }
    expect(listBenchmarks(dir)).toEqual(['llm', 'store']);
  });
});
