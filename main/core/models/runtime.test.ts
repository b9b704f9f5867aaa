import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTinyModelsDir } from '../../test-support';
import { loadConfig } from '../config';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { migrate, migrations } from '../store';
import { createModelRuntime, openVectorIndex, type AuditSink, type FullModelRuntime } from './index';

// Real transformers.js pipelines on generated tiny BERT ONNX models; no LLM here (see llm.test.ts).

type Entry = Parameters<AuditSink['append']>[0];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'confidant-'));
const config = (dir: string) => loadConfig({ dataDir: dir, modelsDir: dir, modelThreads: 1 });

describe('ONNX adapters and fallbacks', () => {
  let dir: string;
  let runtime: FullModelRuntime;

  beforeAll(async () => {
    dir = tmp();
    createTinyModelsDir(dir, { llm: false, emotion: true, ner: true });
    runtime = await createModelRuntime({ config: config(dir) });
  });
  afterAll(async () => {
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declares only the fallbacks it needs', () => {
    expect(runtime.fallbacks()).toEqual(['safe-template']);
    expect(runtime.llm()).toBeNull();
    expect(
      runtime
        .status()
        .filter((s) => s.active)
        .map((s) => s.role),
    ).toEqual(['embedding', 'sentiment', 'emotion', 'ner']);
  });

  it('embeds into normalised vectors and finds neighbours through sqlite-vec', async () => {
    const embedder = runtime.embedder();
    if (!embedder) throw new Error('no embedder');
    expect(embedder.info).toEqual({ modelId: 'tiny-embed', dims: 32 });
    const texts = [
      'my card is lost',
      'book a doctor appointment',
      'refund for a payment',
      'my card was lost',
    ];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    const db = new SqliteDatabase(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 10),
    );
    const index = openVectorIndex(db, 'kb', embedder.info.modelId, embedder.info.dims);
    vectors.slice(0, 3).forEach((v, i) => index.upsert(i + 1, v));
    index.upsert(2, vectors[1] as Float32Array); // upsert replaces, never duplicates
    expect(index.count()).toBe(3);
    const hits = index.knn(vectors[3] as Float32Array, 2);
    expect(hits[0]?.id).toBe(1);
    expect(hits[0]?.distance ?? 9).toBeLessThan(hits[1]?.distance ?? 0);
    expect(() => openVectorIndex(db, 'kb', 'other-model', 32)).toThrow(/re-embed into a new space/);
    expect(() => index.upsert(9, new Float32Array(3))).toThrow(/32-d/);
    db.close();
  });

  it('scores sentiment with the model, with emotions', async () => {
    const scorer = runtime.sentiment();
    const angry = await scorer.score('I am angry about this');
    expect(angry).toMatchObject({ label: 'negative', source: 'model' });
    expect(angry.score).toBeLessThan(-0.2);
    expect(Object.keys(angry.emotions ?? {}).sort()).toEqual(['anger', 'fear', 'joy', 'neutral', 'sadness']);
    expect(angry.emotions?.anger).toBeGreaterThan(0.5);
    const great = await scorer.score('this is great');
    expect(great).toMatchObject({ label: 'positive', source: 'model' });
    const plain = await scorer.score('my account');
    expect(plain.label).toBe('neutral');
  });

  it('tags tokens with the NER model', async () => {
    const ner = runtime.ner();
    if (!ner) throw new Error('no ner');
    const tags = await ner.tag('my name is alice smith thanks');
    expect(tags.map((t) => [t.word, t.entity])).toEqual([
      ['alice', 'B-PER'],
      ['smith', 'I-PER'],
    ]);
  });
});

describe('verified loading', () => {
  const dirs: string[] = [];
  const runtimes: FullModelRuntime[] = [];
  afterEach(async () => {
    for (const r of runtimes.splice(0)) await r.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const setup = (opts: Parameters<typeof createTinyModelsDir>[1]) => {
    const dir = tmp();
    dirs.push(dir);
    return { dir, tiny: createTinyModelsDir(dir, opts) };
  };

  it('works with no models at all: lexicon sentiment and every fallback declared', async () => {
    const dir = tmp();
    dirs.push(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: 1, defaults: {}, models: [] }));
    const rt = await createModelRuntime({ config: config(dir) });
    runtimes.push(rt);
    expect(rt.fallbacks()).toEqual(['lexicon-sentiment', 'fts5-retrieval', 'safe-template']);
    expect(rt.llm()).toBeNull();
    expect(rt.embedder()).toBeNull();
    const s = await rt.sentiment().score('I am furious, this is terrible service');
    expect(s).toMatchObject({ label: 'negative', source: 'lexicon' });
  });

  it('refuses a file whose hash does not match, naming expected and actual, and audits the degradation', async () => {
    const { dir, tiny } = setup({ llm: false, embedding: true, sentiment: false });
    const onnx = join(dir, 'weights', tiny.ids.embedding, 'onnx', 'model.onnx');
    const bytes = readFileSync(onnx);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // same size, new content
    writeFileSync(onnx, bytes);
    const audit: Entry[] = [];
    const rt = await createModelRuntime({ config: config(dir), audit: { append: (e) => audit.push(e) } });
    runtimes.push(rt);
    expect(rt.embedder()).toBeNull();
    expect(rt.fallbacks()).toContain('fts5-retrieval');
    const problem = rt.status().find((s) => s.id === tiny.ids.embedding)?.problem ?? '';
    expect(problem).toMatch(/sha256 mismatch: expected [0-9a-f]{64}, actual [0-9a-f]{64}; refused/);
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'degradation',
        payload: expect.objectContaining({ reason: 'model_unavailable', code: 'CORRUPT' }),
      }),
    ]);
  });

  it('refuses a truncated ONNX file by size before reading it', async () => {
    const { dir, tiny } = setup({ llm: false, embedding: false, sentiment: true });
    const onnx = join(dir, 'weights', tiny.ids.sentiment, 'onnx', 'model.onnx');
    truncateSync(onnx, 1000);
    const rt = await createModelRuntime({ config: config(dir) });
    runtimes.push(rt);
    expect(rt.status().find((s) => s.id === tiny.ids.sentiment)?.problem).toMatch(
      /is 1000 bytes, expected \d+ \(truncated or partial download\)/,
    );
    expect((await rt.sentiment().score('this is great')).source).toBe('lexicon');
  });

  it('gives a clear error for a truncated ONNX whose pins match (corrupt at source)', async () => {
    const { dir, tiny } = setup({ llm: false, embedding: true, sentiment: false });
    const onnx = join(dir, 'weights', tiny.ids.embedding, 'onnx', 'model.onnx');
    truncateSync(onnx, 4000);
    // Re-pin the truncated file so only the loader can notice.
    const manifest = JSON.parse(readFileSync(tiny.manifestPath, 'utf8')) as {
      models: Array<{ files: Array<{ path: string; sha256: string | null; size: number | null }> }>;
    };
    const file = manifest.models[0]?.files.find((f) => f.path === 'onnx/model.onnx');
    if (!file) throw new Error('fixture');
    file.sha256 = null;
    file.size = null;
    writeFileSync(tiny.manifestPath, JSON.stringify(manifest));
    const { sha256File } = await import('./verify');
    writeFileSync(
      join(dir, 'weights', 'pins.json'),
      JSON.stringify({
        [tiny.ids.embedding]: {
          'onnx/model.onnx': { sha256: await sha256File(onnx), size: 4000, pinnedAt: 'now' },
        },
      }),
    );
    const rt = await createModelRuntime({ config: config(dir) });
    runtimes.push(rt);
    expect(rt.status().find((s) => s.id === tiny.ids.embedding)?.problem).toMatch(
      /ONNX model could not be loaded \(truncated, corrupt or unsupported\)/,
    );
  });

  it('refuses an unpinned file until an administrator pins it', async () => {
    const { dir, tiny } = setup({ llm: false, embedding: true, sentiment: false });
    const manifest = JSON.parse(readFileSync(tiny.manifestPath, 'utf8')) as {
      models: Array<{ hashStatus: string; files: Array<{ sha256: string | null }> }>;
    };
    const entry = manifest.models[0];
    if (!entry) throw new Error('fixture');
    entry.hashStatus = 'unpublished';
    for (const f of entry.files) f.sha256 = null;
    writeFileSync(tiny.manifestPath, JSON.stringify(manifest));
    const rt = await createModelRuntime({ config: config(dir) });
    runtimes.push(rt);
    expect(rt.embedder()).toBeNull();
    expect(rt.status()[0]?.problem).toMatch(/no published sha256 .*confidant models pin tiny-embed/);
  });

  it('falls back to the lexicon for a call whose model fails', async () => {
    const { dir } = setup({ llm: false, embedding: false, sentiment: true });
    const rt = await createModelRuntime({ config: config(dir) });
    expect((await rt.sentiment().score('this is great')).source).toBe('model');
    await rt.close(); // disposes the ONNX session, so the next model call throws
    const s = await rt.sentiment().score('Thank you so much, great help!');
    expect(s).toMatchObject({ source: 'lexicon', label: 'positive' });
  });

  it('refuses a model too big for RAM before loading it', async () => {
    const { dir, tiny } = setup({ llm: false, embedding: true, sentiment: false });
    const rt = await createModelRuntime({ config: config(dir), totalMemBytes: 32 * 2 ** 20 });
    runtimes.push(rt);
    expect(rt.status().find((s) => s.id === tiny.ids.embedding)?.problem).toMatch(
      /needs about 64 MB of RAM; this machine has 32 MB; refused before loading/,
    );
  });
});
