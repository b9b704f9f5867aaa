/**
 * Builds tiny BERT-like ONNX models (IR 8, opset 17, about 20-40 KB) in the folder layout that
 * @huggingface/transformers loads offline: config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx. No Python and no download: the graph is written with onnx-proto.
 *
 * The graph is deliberately predictable so tests can assert real outputs, not just shapes:
 *   emb = Gather(E, input_ids); h = (emb + tanh(emb·W1)) * mask      -> last_hidden_state
 *   text-classification:  logits = masked_mean(h)·Wc + bc
 *   token-classification: logits = h·Wc + bc
 * Hidden dimensions 0..L-1 are reserved, one per label: a word listed in `wordLabels` gets a large value
 * in its label's dimension and Wc is the identity there, so "refund" (say) reliably scores as its label.
 * Every other word is random noise outside the reserved dimensions, and bc favours the default label.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto, { type onnx as O } from 'onnx-proto';
import { mulberry32 as prng } from '../../shared/prng';

// onnx-proto is CommonJS with a runtime-assigned export, so Node's ESM loader sees only the default.
const { onnx } = onnxProto;

export type TinyBertTask = 'feature-extraction' | 'text-classification' | 'token-classification';

export interface TinyBertOptions {
  /** The model folder (`<modelsRoot>/<modelId>`); created if missing. */
  dir: string;
  task: TinyBertTask;
  /** Label names in id order (classification only). Defaults: negative/neutral/positive, or O/B-PER/I-PER. */
  labels?: string[];
  /** word -> label: that word (lower-cased, whole word in the vocab) always scores as this label. */
  wordLabels?: Record<string, string>;
  /** Hidden size (default 32; must exceed the label count). */
  hidden?: number;
  seed?: number;
  /** The label every unlisted word leans to (default: 'O' or 'neutral' when present, else the first). */
  defaultLabel?: string;
}

export interface TinyBertModel {
  dir: string;
  onnxPath: string;
  labels: string[];
  hidden: number;
  vocabSize: number;
  /** sha256 of onnx/model.onnx, handy for manifest tests. */
  sha256: string;
  size: number;
}

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const BASE_WORDS = [
  'the',
  'a',
  'i',
  'my',
  'you',
  'your',
  'is',
  'to',
  'and',
  'of',
  'for',
  'in',
  'on',
  'it',
  'this',
  'that',
  'account',
  'card',
  'bank',
  'payment',
  'refund',
  'appointment',
  'doctor',
  'help',
  'please',
  'thank',
  'thanks',
  'good',
  'great',
  'bad',
  'angry',
  'happy',
  'sad',
  'name',
  'call',
  'me',
];

function buildVocab(extraWords: string[]): string[] {
  const vocab = [...SPECIALS];
  const seen = new Set(vocab);
  const add = (t: string): void => {
    if (!seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  for (let c = 0x21; c <= 0x7e; c++) {
    const ch = String.fromCharCode(c);
    if (ch >= 'A' && ch <= 'Z') continue; // the normalizer lower-cases
    add(ch);
    if (/[a-z0-9]/.test(ch)) add(`##${ch}`);
  }
  for (const w of [...BASE_WORDS, ...extraWords]) add(w.toLowerCase());
  return vocab;
}

function tokenizerJson(vocab: string[]): object {
  const id = (t: string): number => vocab.indexOf(t);
  const special = (t: string): object => ({ SpecialToken: { id: t, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, i) => ({
      id: i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

function floatTensor(name: string, dims: number[], data: Float32Array): O.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

function int64Tensor(name: string, values: number[]): O.ITensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return {
    name,
    dims: [values.length],
    dataType: onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(data.buffer),
  };
}

function valueInfo(name: string, elemType: number, dims: Array<string | number>): O.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

const node = (
  opType: string,
  input: string[],
  output: string[],
  attribute: O.IAttributeProto[] = [],
): O.INodeProto => ({ opType, input, output, name: `${opType}_${output[0]}`, attribute });

/** Writes the model folder and returns where everything is. */
export function buildTinyBertOnnx(options: TinyBertOptions): TinyBertModel {
  const { dir, task } = options;
  const rand = prng(options.seed ?? 7);
  const noise = (std: number): number => (rand() * 2 - 1) * std * 1.7;
  const labels =
    task === 'feature-extraction'
      ? []
      : (options.labels ??
        (task === 'token-classification' ? ['O', 'B-PER', 'I-PER'] : ['negative', 'neutral', 'positive']));
  const hidden = options.hidden ?? 32;
  const nLabels = labels.length;
  if (hidden <= nLabels) throw new Error('hidden must exceed the label count');
  const wordLabels = Object.entries(options.wordLabels ?? {}).map(([w, l]) => [w.toLowerCase(), l] as const);
  for (const [, l] of wordLabels) if (!labels.includes(l)) throw new Error(`unknown label ${l}`);
  const vocab = buildVocab(wordLabels.map(([w]) => w));
  const V = vocab.length;

  const E = new Float32Array(V * hidden);
  for (let t = 0; t < V; t++)
    for (let d = nLabels; d < hidden; d++) E[t * hidden + d] = t === 0 ? 0 : noise(0.5);
  for (const [w, l] of wordLabels) E[vocab.indexOf(w) * hidden + labels.indexOf(l)] = 20;
  const W1 = new Float32Array(hidden * hidden);
  for (let i = 0; i < hidden; i++) for (let j = nLabels; j < hidden; j++) W1[i * hidden + j] = noise(0.3);

  const initializer: O.ITensorProto[] = [
    floatTensor('embeddings.word_embeddings.weight', [V, hidden], E),
    floatTensor('encoder.dense.weight', [hidden, hidden], W1),
    int64Tensor('axes_last', [-1]),
    int64Tensor('axes_seq', [1]),
  ];
  const nodes: O.INodeProto[] = [
    node(
      'Gather',
      ['embeddings.word_embeddings.weight', 'input_ids'],
      ['emb'],
      [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    ),
    node('MatMul', ['emb', 'encoder.dense.weight'], ['dense']),
    node('Tanh', ['dense'], ['act']),
    node('Add', ['emb', 'act'], ['h0']),
    node(
      'Cast',
      ['attention_mask'],
      ['mask_f'],
      [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
    ),
    node('Unsqueeze', ['mask_f', 'axes_last'], ['mask3']),
    node('Mul', ['h0', 'mask3'], ['last_hidden_state']),
  ];
  const outputs: O.IValueInfoProto[] = [];
  if (task === 'feature-extraction') {
    outputs.push(valueInfo('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'seq', hidden]));
  } else {
    const Wc = new Float32Array(hidden * nLabels);
    for (let i = 0; i < nLabels; i++) Wc[i * nLabels + i] = 1;
    const bc = new Float32Array(nLabels);
    const fallback =
      options.defaultLabel ?? labels.find((l) => l === 'O' || l === 'neutral') ?? labels[0] ?? '';
    if (!labels.includes(fallback)) throw new Error(`unknown default label ${fallback}`);
    bc[labels.indexOf(fallback)] = 0.5;
    initializer.push(floatTensor('classifier.weight', [hidden, nLabels], Wc));
    initializer.push(floatTensor('classifier.bias', [nLabels], bc));
    if (task === 'text-classification') {
      nodes.push(
        node(
          'ReduceSum',
          ['last_hidden_state', 'axes_seq'],
          ['sum_h'],
          [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        ),
        node(
          'ReduceSum',
          ['mask3', 'axes_seq'],
          ['count'],
          [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        ),
        node('Div', ['sum_h', 'count'], ['pooled']),
        node('MatMul', ['pooled', 'classifier.weight'], ['cls_mm']),
        node('Add', ['cls_mm', 'classifier.bias'], ['logits']),
      );
      outputs.push(valueInfo('logits', onnx.TensorProto.DataType.FLOAT, ['batch', nLabels]));
    } else {
      nodes.push(
        node('MatMul', ['last_hidden_state', 'classifier.weight'], ['cls_mm']),
        node('Add', ['cls_mm', 'classifier.bias'], ['logits']),
      );
      outputs.push(valueInfo('logits', onnx.TensorProto.DataType.FLOAT, ['batch', 'seq', nLabels]));
    }
  }

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'confidant-test-support',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: `tiny-bert-${task}`,
      node: nodes,
      initializer,
      input: [
        valueInfo('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'seq']),
        valueInfo('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'seq']),
      ],
      output: outputs,
    },
  });
  const bytes = onnx.ModelProto.encode(model).finish();

  const architectures = {
    'feature-extraction': 'BertModel',
    'text-classification': 'BertForSequenceClassification',
    'token-classification': 'BertForTokenClassification',
  }[task];
  const config: Record<string, unknown> = {
    model_type: 'bert',
    architectures: [architectures],
    hidden_size: hidden,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    intermediate_size: hidden,
    vocab_size: V,
    max_position_embeddings: 512,
  };
  if (nLabels) {
    config.id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
    config.label2id = Object.fromEntries(labels.map((l, i) => [l, i]));
  }
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]',
    }),
  );
  const onnxPath = join(dir, 'onnx', 'model.onnx');
  writeFileSync(onnxPath, bytes);
  return {
    dir,
    onnxPath,
    labels,
    hidden,
    vocabSize: V,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  };
}
