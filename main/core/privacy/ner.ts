/**
 * Optional NER through a transformers.js token-classification model. It is used only when a model
 * folder is installed locally: remote models are disabled, nothing is ever downloaded. Pattern
 * recognizers stay authoritative for structured identifiers; the model adds person names (and any
 * label that is already one of our type names) that the gazetteer and context rules miss.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { detectPii } from './detect';
import { isPiiType, type DetectOptions, type PiiSpan, type PiiType } from './types';

export interface NerOptions {
  /** Folder holding model folders (`<modelsRoot>/<modelId>/config.json`, `onnx/model.onnx`, ...). */
  modelsRoot: string;
  modelId: string;
  /** Entity tokens below this probability are ignored (default 0.6). */
  minScore?: number;
}

export interface NerRecognizer {
  readonly modelId: string;
  detect(text: string): Promise<PiiSpan[]>;
  dispose(): Promise<void>;
}

interface TokenOutput {
  entity: string;
  score: number;
  index: number;
  word: string;
}

type TokenPipeline = ((text: string, options?: { ignore_labels?: string[] }) => Promise<TokenOutput[]>) & {
  dispose?: () => Promise<void>;
};

/** Entity labels (after the B-/I- prefix) that map onto our types. */
const LABEL_TYPES: Readonly<Record<string, PiiType>> = { PER: 'PERSON', PERSON: 'PERSON' };

function labelType(label: string): PiiType | null {
  const bare = /^[BIES]-/.test(label) ? label.slice(2) : label;
  const upper = bare.toUpperCase();
  return LABEL_TYPES[upper] ?? (isPiiType(upper) ? upper : null);
}

/** True when the model folder looks installed (a config and an ONNX graph). */
export function nerModelInstalled(options: Pick<NerOptions, 'modelsRoot' | 'modelId'>): boolean {
  const dir = join(options.modelsRoot, options.modelId);
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'onnx', 'model.onnx'));
}

/**
 * Loads the model, or returns null when it is not installed (the caller then runs patterns only).
 * Throws UserError UNAVAILABLE when an installed model fails to load.
 */
export async function loadNerRecognizer(options: NerOptions): Promise<NerRecognizer | null> {
  if (!nerModelInstalled(options)) return null;
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = options.modelsRoot.endsWith('/')
    ? options.modelsRoot
    : `${options.modelsRoot}/`;
  let pipe: TokenPipeline;
  try {
    pipe = (await transformers.pipeline('token-classification', options.modelId, {
      dtype: 'fp32',
    })) as unknown as TokenPipeline;
  } catch (err) {
    throw new UserError('UNAVAILABLE', `NER model ${options.modelId} could not be loaded.`, { cause: err });
  }
  const minScore = options.minScore ?? 0.6;
  return {
    modelId: options.modelId,
    async detect(text) {
      const tokens = await pipe(text, { ignore_labels: ['O'] });
      return alignTokens(text, tokens, minScore);
    },
    async dispose() {
      await pipe.dispose?.();
    },
  };
}

/**
 * transformers.js returns entity tokens without character offsets, so each token's text is found
 * again in order in an accent-folded, lower-cased copy of the input (uncased tokenizers fold both).
 * Consecutive tokens of one type (B- then I-, or word pieces) merge into a single span.
 */
export function alignTokens(text: string, tokens: readonly TokenOutput[], minScore: number): PiiSpan[] {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = text[i]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < f.length; k++) {
      folded += f[k];
      origin.push(i);
    }
  }
  origin.push(text.length);
  const spans: PiiSpan[] = [];
  let cursor = 0;
  let open: { span: PiiSpan; index: number; sum: number; n: number } | null = null;
  for (const t of tokens) {
    const type = labelType(t.entity);
    const piece = t.word.replace(/^##/, '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (piece === '') continue;
    const at = folded.indexOf(piece, cursor);
    if (at < 0) continue;
    cursor = at + piece.length;
    if (type === null || t.score < minScore) {
      open = null;
      continue;
    }
    const start = origin[at]!;
    const end = origin[at + piece.length - 1]! + 1;
    const continues =
      open !== null &&
      open.span.type === type &&
      t.index === open.index + 1 &&
      !t.entity.startsWith('B-') &&
      start - open.span.end <= 1;
    if (continues && open) {
      open.span.end = end;
      open.index = t.index;
      open.sum += t.score;
      open.n++;
      open.span.score = Math.round((open.sum / open.n) * 100) / 100;
    } else {
      const span: PiiSpan = { start, end, type, score: Math.round(t.score * 100) / 100 };
      spans.push(span);
      open = { span, index: t.index, sum: t.score, n: 1 };
    }
  }
  return spans;
}

/**
 * Patterns plus NER: pattern spans win where they overlap a model span, since validators and
 * checksums are stronger evidence than a model's guess; model spans fill the gaps.
 */
export async function detectPiiWithNer(
  text: string,
  ner: NerRecognizer | null,
  options: DetectOptions = {},
): Promise<PiiSpan[]> {
  const patterns = detectPii(text, options);
  if (!ner) return patterns;
  const wanted = options.types ? new Set(options.types) : null;
  const extra = (await ner.detect(text)).filter(
    (s) =>
      (wanted === null || wanted.has(s.type)) &&
      s.score >= (options.minScore ?? 0.5) &&
      !patterns.some((p) => s.start < p.end && p.start < s.end),
  );
  return [...patterns, ...extra].sort((a, b) => a.start - b.start);
}
