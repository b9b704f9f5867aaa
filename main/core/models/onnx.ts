/**
 * Embedding and classifier adapters on @huggingface/transformers (onnxruntime-node, CPU), strictly offline:
 * remote models are disabled and only `<weightsDir>/<modelId>/` is read. Files are verified before this
 * module is called (see verify.ts); here a load failure means an unreadable or truncated graph.
 */
import type * as Transformers from '@huggingface/transformers';
import { UserError } from '../../../shared/errors';
import { labelFor } from './lexicon';
import type { Embedder, SentimentResult } from './types';

type FeatureFn = (
  texts: string[],
  opts: { pooling: 'mean'; normalize: boolean },
) => Promise<{ dims: number[]; data: Float32Array; dispose?: () => void }>;
type ClassifyFn = (
  text: string,
  opts: { top_k: number | null },
) => Promise<Array<{ label: string; score: number }>>;
type TokenFn = (
  text: string,
  opts?: { ignore_labels?: string[] },
) => Promise<Array<{ entity: string; score: number; index: number; word: string }>>;

interface Disposable {
  dispose(): Promise<unknown>;
}

let localModelPath: string | null = null;

/**
 * Points transformers.js at our weights folder and forbids any download. Process-wide by design; applied
 * when the library is first imported (lazily: the import alone costs seconds and the CLI never needs it).
 */
export function configureOffline(weightsDir: string): void {
  localModelPath = weightsDir.endsWith('/') ? weightsDir : `${weightsDir}/`;
}

async function transformers(): Promise<typeof Transformers> {
  const lib = await import('@huggingface/transformers');
  lib.env.allowRemoteModels = false;
  lib.env.allowLocalModels = true;
  if (localModelPath) lib.env.localModelPath = localModelPath;
  return lib;
}

async function load<T>(
  task: 'feature-extraction' | 'text-classification' | 'token-classification',
  modelId: string,
  dtype: 'fp32' | 'q8' | undefined,
): Promise<T & Disposable> {
  const { pipeline } = await transformers();
  try {
    const p = await pipeline(task, modelId, {
      local_files_only: true,
      dtype: dtype ?? 'fp32',
      device: 'cpu',
    });
    return p as unknown as T & Disposable;
  } catch (err) {
    throw new UserError(
      'CORRUPT',
      `model ${modelId}: the ONNX model could not be loaded (truncated, corrupt or unsupported)`,
      { cause: err },
    );
  }
}

export interface LoadedEmbedder extends Embedder {
  close(): Promise<void>;
}

export async function loadEmbedder(modelId: string, dtype?: 'fp32' | 'q8'): Promise<LoadedEmbedder> {
  const extract = await load<FeatureFn>('feature-extraction', modelId, dtype);
  const probe = await extract(['dimension probe'], { pooling: 'mean', normalize: true });
  const dims = probe.dims.at(-1) ?? 0;
  return {
    info: { modelId, dims },
    async embed(texts) {
      if (texts.length === 0) return [];
      const out = await extract(texts, { pooling: 'mean', normalize: true });
      const rows: Float32Array[] = [];
      for (let i = 0; i < texts.length; i++)
        rows.push(Float32Array.from(out.data.subarray(i * dims, (i + 1) * dims)));
      out.dispose?.();
      return rows;
    },
    close: async () => void (await extract.dispose()),
  };
}

export interface LoadedClassifier {
  modelId: string;
  /** Every label with its probability. */
  classify(text: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function loadClassifier(modelId: string, dtype?: 'fp32' | 'q8'): Promise<LoadedClassifier> {
  const classify = await load<ClassifyFn>('text-classification', modelId, dtype);
  return {
    modelId,
    async classify(text) {
      const out = await classify(text, { top_k: null });
      return Object.fromEntries(out.map((r) => [r.label, r.score]));
    },
    close: async () => void (await classify.dispose()),
  };
}

export interface TokenEntity {
  entity: string;
  score: number;
  index: number;
  word: string;
}

export interface LoadedTokenClassifier {
  modelId: string;
  /** Tokens whose label is not 'O' (transformers.js gives no character offsets). */
  tag(text: string): Promise<TokenEntity[]>;
  close(): Promise<void>;
}

export async function loadTokenClassifier(
  modelId: string,
  dtype?: 'fp32' | 'q8',
): Promise<LoadedTokenClassifier> {
  const tag = await load<TokenFn>('token-classification', modelId, dtype);
  return {
    modelId,
    tag: (text) => tag(text),
    close: async () => void (await tag.dispose()),
  };
}

/**
 * Folds class probabilities into the contract's -1..1 score: P(positive) - P(negative), using the
 * manifest's polarity per label (labels it does not list count as neutral).
 */
export function polarityScore(
  probs: Record<string, number>,
  polarity: Record<string, 'negative' | 'neutral' | 'positive'>,
): Pick<SentimentResult, 'score' | 'label'> {
  let score = 0;
  for (const [label, p] of Object.entries(probs)) {
    const pol = polarity[label] ?? polarity[label.toLowerCase()];
    if (pol === 'positive') score += p;
    else if (pol === 'negative') score -= p;
  }
  score = Math.max(-1, Math.min(1, score));
  return { score, label: labelFor(score) };
}
