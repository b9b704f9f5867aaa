import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../testing';
import { detectLine } from './pii';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'confidant.js');

const input = [
  JSON.stringify({ id: 'a', text: 'Email jo@example.com or call 07912 345678.' }),
  'this is not json',
  JSON.stringify({ id: 'b' }),
  '',
  JSON.stringify({ id: 'c', text: 'No PII here, just £12.50 on 3 May.' }),
  JSON.stringify({ id: 'd', text: 'Zoë Müller: card 4111-1111-1111-1111' }),
].join('\n');

describe('confidant pii detect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams JSONL from real stdin to stdout in order, with per-line errors', () => {
    const run = spawnSync(process.execPath, [BIN, 'pii', 'detect'], { input, encoding: 'utf8', cwd: ROOT });
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toEqual([
      {
        id: 'a',
        spans: [
          { start: 6, end: 20, type: 'EMAIL', score: 0.97 },
          { start: 29, end: 41, type: 'PHONE', score: 0.95 },
        ],
        redacted: 'Email [EMAIL] or call [PHONE].',
      },
      { id: null, error: 'line is not valid JSON' },
      { id: 'b', error: 'missing string field "text"' },
      { id: 'c', spans: [], redacted: 'No PII here, just £12.50 on 3 May.' },
      {
        id: 'd',
        spans: [
          { start: 0, end: 10, type: 'PERSON', score: expect.any(Number) },
          { start: 17, end: 36, type: 'CREDIT_CARD', score: 1 },
        ],
        redacted: '[PERSON]: card [CREDIT_CARD]',
      },
    ]);
    expect(run.stderr).toContain('5 lines, 2 with errors');
    expect(run.stderr).not.toContain('jo@example.com');
  });

  // In-process from here on: one real spawn above is enough, and each costs seconds on this machine.
  const runInProcess = (args: string[]) => runCliInProcess(args);

  it('reads --in and writes --out', async () => {
    const inFile = join(dir, 'in.jsonl');
    const outFile = join(dir, 'out.jsonl');
    writeFileSync(inFile, input);
    const run = await runInProcess(['pii', 'detect', '--in', inFile, '--out', outFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const lines = readFileSync(outFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4]!)).toMatchObject({ id: 'd', redacted: '[PERSON]: card [CREDIT_CARD]' });
  });

  it('streams a large file line by line, keeping order', async () => {
    const inFile = join(dir, 'many.jsonl');
    const outFile = join(dir, 'many.out.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 500 === 7
        ? '{broken'
        : JSON.stringify({
            id: `r${i}`,
            text: `Ticket ${i}: call 07912 345${String(i).padStart(3, '0').slice(-3)}`,
          }),
    );
    writeFileSync(inFile, lines.join('\n'));
    const run = await runInProcess(['pii', 'detect', '--in', inFile, '--out', outFile]);
    expect(run.code).toBe(0);
    const out = readFileSync(outFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; redacted?: string });
    expect(out).toHaveLength(3000);
    out.forEach((o, i) => {
      if (i % 500 === 7) expect(o.id).toBeNull();
      else expect(o).toMatchObject({ id: `r${i}`, redacted: `Ticket ${i}: call [PHONE]` });
    });
    expect(run.stderr).toContain('3000 lines, 6 with errors');
  });

  it('a missing input file is exit 4 with a one-line error', async () => {
    const run = await runInProcess(['pii', 'detect', '--in', join(dir, 'nope.jsonl')]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--types reports only those types, and a wrong name is a usage error before any input is read', async () => {
    const inFile = join(dir, 'types.jsonl');
    const outFile = join(dir, 'types.out.jsonl');
    writeFileSync(inFile, input);
    const run = await runInProcess([
      'pii',
      'detect',
      '--in',
      inFile,
      '--out',
      outFile,
      '--types',
      'CREDIT_CARD, EMAIL',
    ]);
    expect(run.code).toBe(0);
    const out = readFileSync(outFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; redacted?: string });
    expect(out.map((o) => o.redacted)).toEqual([
      'Email [EMAIL] or call 07912 345678.',
      undefined,
      undefined,
      'No PII here, just £12.50 on 3 May.',
      'Zoë Müller: card [CREDIT_CARD]',
    ]);
    const bad = await runInProcess([
      'pii',
      'detect',
      '--in',
      inFile,
      '--out',
      join(dir, 'never.jsonl'),
      '--types',
      'CARD',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown: CARD');
    expect(existsSync(join(dir, 'never.jsonl'))).toBe(false);
  });

  it('reports non-object lines and keeps numeric ids', () => {
    expect(detectLine('[1,2]')).toEqual({ id: null, error: 'line is not a JSON object' });
    expect(detectLine('{"id":7,"text":"x"}')).toEqual({ id: 7, spans: [], redacted: 'x' });
  });
});
