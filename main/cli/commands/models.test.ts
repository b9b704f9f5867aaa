import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { createTinyModelsDir, type TinyModelsDir } from '../../test-support';
import type { CommandContext } from '../command';
import { exitCodeFor } from '../errors';
import { modelsCommand } from './models';

// `confidant models` in-process, through the same parse / run / error-to-exit-code steps as the
// dispatcher (a child process costs ~17 s per run on these shared 2-core machines). Manifest URLs point
// at 127.0.0.1:1, which refuses connections, so no test ever reaches an external host.

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [name, ...rest] = args;
  if (name !== 'models') throw new Error('models only');
  let stdout = '';
  let stderr = '';
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: modelsCommand.options, allowPositionals: true, strict: true });
  } catch {
    return { code: 2, stdout, stderr: 'usage' };
  }
  const ctx: CommandContext = {
    values: parsed.values as CommandContext['values'],
    positionals: parsed.positionals,
    io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
    printJson: (v) => (stdout += `${JSON.stringify(v)}\n`),
    print: (line) => (stdout += `${line}\n`),
    info: (line) => (stderr += `${line}\n`),
  };
  try {
    return { code: await modelsCommand.run(ctx), stdout, stderr };
  } catch (err) {
    const { code, message } = exitCodeFor(err);
    stderr += `confidant models: ${message}\n`;
    if (parsed.values.json === true) {
      const errorCode = (err as { code?: string }).code ?? 'INTERNAL';
      stdout += `${JSON.stringify({ ok: false, error: { code: errorCode, message } })}\n`;
    }
    return { code, stdout, stderr };
  }
}

describe('confidant models', () => {
  let dir: string;
  let tiny: TinyModelsDir;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    tiny = createTinyModelsDir(dir, { llm: true, embedding: true, sentiment: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the manifest with what is installed', async () => {
    const res = await runCli(['models', 'list', '--models-dir', dir, '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      models: Array<{ id: string; installed: boolean; default: boolean }>;
    };
    expect(out.models.map((m) => [m.id, m.installed, m.default])).toEqual([
      [tiny.ids.llm, true, true],
      [tiny.ids.embedding, true, true],
    ]);
  });

  it('verifies hashes: exit 0 when intact, exit 1 with expected and actual when tampered', async () => {
    const ok = await runCli(['models', 'verify', '--models-dir', dir, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const gguf = join(dir, 'weights', tiny.ids.llm, 'model.gguf');
    const original = readFileSync(gguf);
    const tampered = Buffer.from(original);
    tampered.writeUInt8(tampered.readUInt8(5000) ^ 1, 5000);
    writeFileSync(gguf, tampered);
    try {
      const bad = await runCli(['models', 'verify', tiny.ids.llm, '--models-dir', dir]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/FAILED\s+tiny-llama/);
      expect(bad.stdout).toMatch(/hash-mismatch: model.gguf expected [0-9a-f]{64} actual [0-9a-f]{64}/);
    } finally {
      writeFileSync(gguf, original);
    }
  });

  it('fails a pull clearly with exit 1 and one line when the host is unreachable', async () => {
    rmSync(join(dir, 'weights', tiny.ids.embedding, 'config.json'));
    const res = await runCli(['models', 'pull', tiny.ids.embedding, '--models-dir', dir, '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const lines = res.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('downloading') && !l.includes('npm warn'));
    expect(lines).toEqual(['confidant models: cannot download from 127.0.0.1:1: ECONNREFUSED (no network?)']);
  });

  it('pins unpublished hashes on request, after which verify passes', async () => {
    const manifest = JSON.parse(readFileSync(tiny.manifestPath, 'utf8')) as {
      models: Array<{ id: string; hashStatus: string; files: Array<{ sha256: string | null }> }>;
    };
    for (const m of manifest.models)
      if (m.id === tiny.ids.llm) {
        m.hashStatus = 'unpublished';
        for (const f of m.files) f.sha256 = null;
      }
    writeFileSync(tiny.manifestPath, JSON.stringify(manifest));
    const before = await runCli(['models', 'verify', tiny.ids.llm, '--models-dir', dir, '--json']);
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout).models[0].files[0].status).toBe('unpinned');
    const pin = await runCli(['models', 'pin', tiny.ids.llm, '--models-dir', dir, '--json']);
    expect(pin.code).toBe(0);
    expect(JSON.parse(pin.stdout).pinned[0]).toMatchObject({
      path: 'model.gguf',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const after = await runCli(['models', 'verify', tiny.ids.llm, '--models-dir', dir, '--json']);
    expect(after.code).toBe(0);
  });

  it('rejects an unknown action as a usage error', async () => {
    const res = await runCli(['models', 'explode', '--models-dir', dir]);
    expect(res.code).toBe(2);
  });
});
