import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureOffline, loadEmbedder } from '../../models';
import { buildTinyBertOnnx } from '../../../test-support';
import type { EmbedderLike, SentimentScorerLike } from '../ports';
import { createSentimentMonitor } from '../sentiment';
import { calibrate, cosine, createSemanticMatcher } from './semantic';

/** A real, deterministic embedder: hashed bag of words, so similar wording gives similar vectors. */
const bagOfWords: EmbedderLike = {
  info: { modelId: 'bag-of-words', dims: 64 },
  embed: async (texts) =>
    texts.map((t) => {
      const v = new Float32Array(64);
      for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) {
        let h = 0;
        for (const c of w) h = (h * 31 + c.charCodeAt(0)) % 64;
        v[h] = (v[h] ?? 0) + 1;
      }
      return v;
    }),
};
const neutral: SentimentScorerLike = {
  score: async () => ({ score: 0, label: 'neutral', source: 'lexicon' }),
};

describe('semantic prototypes', () => {
  it('a sentence close to a prototype raises its reason when above the calibrated threshold', async () => {
    const matcher = createSemanticMatcher(bagOfWords, { self_harm: 0.6 });
    const hits = await matcher.match(
      'Can I check my balance? Honestly I wish I could sleep and never wake up.',
    );
    expect(hits.some((h) => h.reason === 'self_harm' && h.family === 'passive_wish')).toBe(true);
    expect(await matcher.match('What time does the branch open on Saturday?')).toEqual([]);
  });

  it('reasons without a threshold are never matched', async () => {
    const matcher = createSemanticMatcher(bagOfWords, {});
    expect(await matcher.match('I do not want to be alive anymore')).toEqual([]);
  });

  it('in the monitor, a semantic hit raises a reading and never lowers the rules', async () => {
    const raising = createSentimentMonitor(neutral, {
      highEmotion: 0.7,
      trendWindow: 4,
      semantic: {
        modelId: 'x',
        match: async () => [{ reason: 'request', family: 'indirect', similarity: 0.9 }],
      },
    });
    const r = await raising.read('Hmm, not sure about all this.', 0, []);
    expect(r.cues.requestsHuman).toBe(true);
    expect(r.safety?.families).toContain('semantic:request.indirect');
    const silent = createSentimentMonitor(neutral, {
      highEmotion: 0.7,
      trendWindow: 4,
      semantic: { modelId: 'x', match: async () => Promise.reject(new Error('embedder down')) },
    });
    expect((await silent.read('I want to kill myself.', 0, [])).cues.selfHarm).toBe(true);
  });

  it('calibration keeps every dev negative below the threshold', () => {
    const out = calibrate([
      { reason: 'self_harm', best: { self_harm: 0.8 } },
      { reason: 'self_harm', best: { self_harm: 0.5 } },
      { reason: null, best: { self_harm: 0.6 } },
    ]);
    expect(out.self_harm.threshold).toBeCloseTo(0.62);
    expect(out.self_harm.recall).toBe(0.5);
  });

  it('cosine is 1 for the same direction and 0 for a zero vector', () => {
    expect(cosine(new Float32Array([1, 2]), new Float32Array([2, 4]))).toBeCloseTo(1);
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 0]))).toBe(0);
  });
});

describe('semantic prototypes on the tiny generated ONNX embedder', () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-semantic-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('embeds prototypes once and sentences per call through the real adapter', async () => {
    buildTinyBertOnnx({ dir: join(root, 'tiny-embed'), task: 'feature-extraction' });
    configureOffline(root);
    const embedder = await loadEmbedder('tiny-embed');
    let calls = 0;
    const counted: EmbedderLike = {
      info: embedder.info,
      embed: (texts) => {
        calls += 1;
        return embedder.embed(texts);
      },
    };
    // A threshold of -1 admits everything: this checks the wiring, not the (random) model's judgement.
    const matcher = createSemanticMatcher(counted, { self_harm: -1 });
    const first = await matcher.match('I do not want to be here. Is the branch open?');
    await matcher.match('Another message.');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((h) => h.reason === 'self_harm')).toBe(true);
    expect(calls).toBe(3);
    await embedder.close();
  }, 60_000);
});
