import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptBundledModels } from './bundle';
import { filePath, manifestSchema, modelDirs, readPins, writePins, type Manifest } from './manifest';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function manifestWith(files: { path: string; sha256: string | null }[]): Manifest {
  return manifestSchema.parse({
    schemaVersion: 1,
    defaults: {},
    models: [
      {
        id: 'tiny-embed',
        version: '1',
        displayName: 'Tiny',
        role: 'embedding',
        format: 'onnx',
        task: 'feature-extraction',
        files: files.map((f) => ({ ...f, url: 'https://example.invalid/f', size: null })),
        hashStatus: files.every((f) => f.sha256) ? 'published' : 'partially-published',
        license: 'MIT',
        source: 'https://example.invalid',
        templateId: 't',
        minRamMb: 1,
      },
    ],
  });
}

describe('adoptBundledModels', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function place(root: string, path: string, text: string): void {
    const full = join(root, 'weights', 'tiny-embed', path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }

  it('copies bundled files whose hash matches, refuses the rest, and never overwrites an install', async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-bundle-'));
    const bundle = join(dir, 'resources', 'models');
    const target = modelDirs(join(dir, 'user', 'models'));
    const manifest = manifestWith([
      { path: 'model.onnx', sha256: sha('weights') },
      { path: 'tokenizer.json', sha256: sha('tokenizer') },
      { path: 'config.json', sha256: null },
      { path: 'vocab.txt', sha256: sha('vocab') },
      { path: 'extra.json', sha256: sha('extra') },
    ]);
    place(bundle, 'model.onnx', 'weights');
    place(bundle, 'tokenizer.json', 'tampered');
    place(bundle, 'config.json', '{}');
    place(bundle, 'vocab.txt', 'from the installer');
    place(target.modelsDir, 'vocab.txt', 'pulled by the desk');

    const reports = await adoptBundledModels(bundle, target, manifest);
    expect(Object.fromEntries(reports.map((r) => [r.path, r.outcome]))).toEqual({
      'model.onnx': 'adopted',
      'tokenizer.json': 'mismatch',
      'config.json': 'no-hash',
      'vocab.txt': 'present',
      'extra.json': 'absent',
    });
    const entry = manifest.models[0]!;
    const installed = (p: string) =>
      filePath(
        target,
        entry,
        entry.files.find((f) => f.path === p)!,
      );
    expect(readFileSync(installed('model.onnx'), 'utf8')).toBe('weights');
    expect(existsSync(installed('tokenizer.json'))).toBe(false);
    expect(existsSync(installed('config.json'))).toBe(false);
    expect(readFileSync(installed('vocab.txt'), 'utf8')).toBe('pulled by the desk');
    // No partial copies are left behind.
    expect(readdirSync(join(target.weightsDir, 'tiny-embed')).sort()).toEqual(['model.onnx', 'vocab.txt']);

    // A second start finds everything in place and copies nothing.
    const again = await adoptBundledModels(bundle, target, manifest);
    expect(again.find((r) => r.path === 'model.onnx')?.outcome).toBe('present');
  });

  it("adopts a file the publisher gave no hash for only against the bundle's pin, and carries the pin", async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-bundle-'));
    const bundleDirs = modelDirs(join(dir, 'bundle'));
    const target = modelDirs(join(dir, 'user'));
    const manifest = manifestWith([{ path: 'config.json', sha256: null }]);
    place(bundleDirs.modelsDir, 'config.json', '{"dims":8}');
    const pin = { sha256: sha('{"dims":8}'), size: 10, pinnedAt: '2026-01-01T00:00:00.000Z' };
    writePins(bundleDirs, { 'tiny-embed': { 'config.json': pin } });

    const reports = await adoptBundledModels(bundleDirs.modelsDir, target, manifest);
    expect(reports.map((r) => r.outcome)).toEqual(['adopted']);
    expect(readPins(target)).toEqual({ 'tiny-embed': { 'config.json': pin } });
  });

  it('does nothing when the installer carries no bundle', async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-bundle-'));
    const target = modelDirs(join(dir, 'user'));
    const manifest = manifestWith([{ path: 'a', sha256: sha('a') }]);
    expect(await adoptBundledModels(join(dir, 'missing'), target, manifest)).toEqual([]);
    expect(existsSync(target.modelsDir)).toBe(false);
  });
});
