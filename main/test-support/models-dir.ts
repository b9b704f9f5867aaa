/**
 * A complete models folder for tests: tiny generated models under `<modelsDir>/weights/<id>/` and a
 * `<modelsDir>/manifest.json` pinning their real sha256 and size, in the layout the models module reads.
 * Point Config.modelsDir at it (or CONFIDANT_MODELS_DIR for the CLI).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeTinyGguf } from './gguf';
import { buildTinyBertOnnx } from './onnx-bert';

export interface TinyModelsOptions {
  llm?: boolean;
  embedding?: boolean;
  sentiment?: boolean;
  emotion?: boolean;
  ner?: boolean;
  /** word -> label for the sentiment model (defaults make "angry" negative and "great" positive). */
  sentimentWords?: Record<string, string>;
  /** word -> label for the NER model (defaults tag "alice" B-PER and "smith" I-PER). */
  nerWords?: Record<string, string>;
}

export interface TinyModelsDir {
  modelsDir: string;
  manifestPath: string;
  ids: { llm: string; embedding: string; sentiment: string; emotion: string; ner: string };
}

const IDS = {
  llm: 'tiny-llama',
  embedding: 'tiny-embed',
  sentiment: 'tiny-sentiment',
  emotion: 'tiny-emotion',
  ner: 'tiny-ner',
};

function filesOf(root: string): Array<{ path: string; sha256: string; size: number; url: string }> {
  const out: Array<{ path: string; sha256: string; size: number; url: string }> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        const path = relative(root, full).split('\\').join('/');
        out.push({
          path,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: bytes.length,
          url: `http://127.0.0.1:1/${path}`,
        });
      }
    }
  };
  walk(root);
  return out;
}

export function createTinyModelsDir(modelsDir: string, options: TinyModelsOptions = {}): TinyModelsDir {
  const want = { llm: true, embedding: true, sentiment: true, emotion: false, ner: false, ...options };
  const weights = join(modelsDir, 'weights');
  mkdirSync(weights, { recursive: true });
  const models: object[] = [];
  const defaults: Record<string, string> = {};
  const base = {
    version: '1.0.0',
    hashStatus: 'published',
    license: 'MIT',
    source: 'https://example.invalid/generated-by-test-support',
    minRamMb: 64,
  };
  if (want.llm) {
    const dir = join(weights, IDS.llm);
    writeTinyGguf(join(dir, 'model.gguf'));
    models.push({
      ...base,
      id: IDS.llm,
      displayName: 'Tiny random llama (tests)',
      role: 'llm',
      format: 'gguf',
      task: 'text-generation',
      files: filesOf(dir),
      contextLength: 1024,
      templateId: 'tiny-chat-v1',
    });
    defaults.llm = IDS.llm;
  }
  const onnxModel = (
    role: 'embedding' | 'sentiment' | 'emotion' | 'ner',
    task: 'feature-extraction' | 'text-classification' | 'token-classification',
    extra: object,
    build: { labels?: string[]; wordLabels?: Record<string, string> },
  ): void => {
    const id = IDS[role];
    const dir = join(weights, id);
    const built = buildTinyBertOnnx({ dir, task, ...build });
    models.push({
      ...base,
      id,
      displayName: `Tiny BERT ${task} (tests)`,
      role,
      format: 'onnx',
      task,
      files: filesOf(dir),
      templateId: 'none',
      dtype: 'fp32',
      ...(task === 'feature-extraction' ? { dims: built.hidden } : {}),
      ...extra,
    });
    defaults[role] = id;
  };
  if (want.embedding) onnxModel('embedding', 'feature-extraction', {}, {});
  if (want.sentiment)
    onnxModel(
      'sentiment',
      'text-classification',
      { labelPolarity: { negative: 'negative', neutral: 'neutral', positive: 'positive' } },
      {
        labels: ['negative', 'neutral', 'positive'],
        wordLabels: options.sentimentWords ?? { angry: 'negative', furious: 'negative', great: 'positive' },
      },
    );
  if (want.emotion)
    onnxModel(
      'emotion',
      'text-classification',
      {},
      {
        labels: ['neutral', 'anger', 'joy', 'sadness', 'fear'],
        wordLabels: { angry: 'anger', happy: 'joy' },
      },
    );
  if (want.ner)
    onnxModel(
      'ner',
      'token-classification',
      {},
      { labels: ['O', 'B-PER', 'I-PER'], wordLabels: options.nerWords ?? { alice: 'B-PER', smith: 'I-PER' } },
    );
  const manifestPath = join(modelsDir, 'manifest.json');
  writeFileSync(manifestPath, `${JSON.stringify({ schemaVersion: 1, defaults, models }, null, 2)}\n`);
  return { modelsDir, manifestPath, ids: { ...IDS } };
}
