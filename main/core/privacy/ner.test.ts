import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyBertOnnx } from '../../test-support';
import {
  alignTokens,
  detectPii,
  detectPiiWithNer,
  loadNerRecognizer,
  nerModelInstalled,
  type NerRecognizer,
} from './index';

/** Loading code only: a tiny generated token-classification model that knows "zanzibar" is a person. */
describe('optional NER adapter', () => {
  let root = '';
  let ner: NerRecognizer | null = null;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'confidant-'));
    buildTinyBertOnnx({
      dir: join(root, 'tiny-ner'),
      task: 'token-classification',
      labels: ['O', 'B-PER', 'I-PER'],
      wordLabels: { zanzibar: 'B-PER', quux: 'I-PER' },
    });
    ner = await loadNerRecognizer({ modelsRoot: root, modelId: 'tiny-ner' });
  });
  afterAll(async () => {
    await ner?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('returns null when no model is installed, and patterns still work', async () => {
    expect(nerModelInstalled({ modelsRoot: root, modelId: 'missing' })).toBe(false);
    expect(await loadNerRecognizer({ modelsRoot: root, modelId: 'missing' })).toBeNull();
    const spans = await detectPiiWithNer('email a@b.com', null);
    expect(spans.map((s) => s.type)).toEqual(['EMAIL']);
  });

  it('loads a local model and maps its person entities to PERSON spans with offsets', async () => {
    expect(ner).not.toBeNull();
    // Lower case, so the pattern recognizers cannot see a name here: only the model can.
    const text = 'the refund for zanzibar quux is my email a@b.com';
    expect(detectPii(text).map((s) => s.type)).toEqual(['EMAIL']);
    const spans = await detectPiiWithNer(text, ner);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['PERSON', 'zanzibar quux'],
      ['EMAIL', 'a@b.com'],
    ]);
  });

  it('aligns tokens through accents and word pieces', () => {
    const spans = alignTokens(
      'Hola José Núñez',
      [
        { entity: 'B-PER', score: 0.9, index: 2, word: 'jose' },
        { entity: 'I-PER', score: 0.8, index: 3, word: 'nun' },
        { entity: 'I-PER', score: 0.8, index: 4, word: '##ez' },
      ],
      0.5,
    );
    expect(spans).toEqual([{ start: 5, end: 15, type: 'PERSON', score: 0.83 }]);
  });
});
