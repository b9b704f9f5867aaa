import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTinyBertOnnx, buildTinyGguf, until, writeTinyGguf } from './index';

describe('tiny model generators', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a deterministic ~0.5 MB llama GGUF that node-llama-cpp parses', async () => {
    const path = join(dir, 'a.gguf');
    const size = writeTinyGguf(path);
    expect(size).toBeGreaterThan(400_000);
    expect(size).toBeLessThan(700_000);
    expect(buildTinyGguf().equals(readFileSync(path))).toBe(true);
    expect(buildTinyGguf({ seed: 1 }).equals(readFileSync(path))).toBe(false);
    const info = await readGgufFileInfo(path);
    expect(info.metadata.general.architecture).toBe('llama');
    expect(info.tensorInfo?.length).toBe(3 + 2 * 9);
    const tokenizer = info.metadata.tokenizer as unknown as {
      chat_template?: string;
      ggml: { tokens: string[] };
    };
    expect(tokenizer.chat_template).toMatch(/<\/s>\{% elif/);
    expect(tokenizer.ggml.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
  });

  it('builds tiny BERT folders for each task with labels in config.json', () => {
    const fe = buildTinyBertOnnx({ dir: join(dir, 'fe'), task: 'feature-extraction' });
    expect(fe.labels).toEqual([]);
    const tok = buildTinyBertOnnx({
      dir: join(dir, 'tok'),
      task: 'token-classification',
      labels: ['O', 'B-LOC'],
      wordLabels: { paris: 'B-LOC' },
    });
    const config = JSON.parse(readFileSync(join(tok.dir, 'config.json'), 'utf8')) as { id2label: object };
    expect(config.id2label).toEqual({ 0: 'O', 1: 'B-LOC' });
    expect(tok.size).toBeLessThan(60_000);
    expect(() =>
      buildTinyBertOnnx({ dir: join(dir, 'x'), task: 'text-classification', wordLabels: { a: 'nope' } }),
    ).toThrow(/unknown label/);
  });
});

describe('until', () => {
  it('returns the first truthy value, sync or async', async () => {
    let n = 0;
    expect(await until('three calls', () => (++n >= 3 ? n : null), { everyMs: 1 })).toBe(3);
    expect(await until('a promise', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('names what it waited for when time runs out', async () => {
    await expect(until('the moon', () => false, { ms: 20, everyMs: 5 })).rejects.toThrow(
      'timed out waiting for the moon',
    );
  });
});
