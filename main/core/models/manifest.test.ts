import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config';
import { lexiconSentiment, loadManifest } from './index';

describe('manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships a valid manifest whose every file is pinned by hash or explicitly unpublished', () => {
    const m = loadManifest(join(projectRoot(), 'models', 'manifest.json'));
    expect(m.models.map((e) => e.role)).toEqual(
      expect.arrayContaining(['llm', 'embedding', 'sentiment', 'emotion']),
    );
    for (const e of m.models) {
      const hashed = e.files.filter((f) => f.sha256).length;
      const expected =
        hashed === e.files.length ? 'published' : hashed === 0 ? 'unpublished' : 'partially-published';
      expect(e.hashStatus, e.id).toBe(expected);
      for (const f of e.files) expect(f.url, e.id).toMatch(/^https:\/\//);
    }
  });

  it('rejects an invalid manifest naming the field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        schemaVersion: 1,
        defaults: { llm: 'x' },
        models: [
          {
            id: 'x',
            version: '1',
            displayName: 'x',
            role: 'llm',
            format: 'gguf',
            task: 'text-generation',
            files: [{ path: '../escape.gguf', url: 'https://example.invalid/x', sha256: null, size: null }],
            hashStatus: 'unpublished',
            license: 'MIT',
            source: 'https://example.invalid',
            templateId: 't',
            minRamMb: 1,
          },
        ],
      }),
    );
    expect(() => loadManifest(bad)).toThrow(/models\.0\.files\.0\.path: unsafe path/);
    writeFileSync(bad, '{not json');
    expect(() => loadManifest(bad)).toThrow(/not readable JSON/);
  });
});

describe('lexicon sentiment', () => {
  it('scores polarity in -1..1 with a neutral band', () => {
    expect(lexiconSentiment('I am furious, this is terrible service')).toMatchObject({
      label: 'negative',
      source: 'lexicon',
    });
    expect(lexiconSentiment('Thank you so much, great help!').label).toBe('positive');
    expect(lexiconSentiment('My card number ends in four digits')).toMatchObject({
      score: 0,
      label: 'neutral',
    });
  });
});
