/**
 * A dependency-free writer for a tiny random llama-architecture GGUF v3 (about 0.5 MB, all F32).
 *
 * Tests cannot download weights, so they generate this model and drive the real node-llama-cpp runtime
 * with it. The shape follows /work/shared/notes/tiny-test-models.md (measured facts): 2 layers,
 * n_embd 64, 4 heads, n_ff 128, a byte-level SPM vocabulary and a chat template whose turns end in `</s>`.
 * Random weights emit garbage bytes, so one residual dimension is held constant and every token we never
 * want sampled (`<unk>`, `<s>`, every byte token but newline) gets a large negative weight on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { mulberry32 as prng } from '../../shared/prng';

export interface TinyGgufOptions {
  /** PRNG seed: the same seed gives a byte-identical file. */
  seed?: number;
  name?: string;
  contextLength?: number;
  /** Override the chat template (it must end each turn with `</s>`, see the notes). */
  chatTemplate?: string;
}

export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{% if message['role'] == 'system' %}<|system|>{{ message['content'] }}</s>" +
  "{% elif message['role'] == 'user' %}<|user|>{{ message['content'] }}</s>" +
  "{% elif message['role'] == 'assistant' %}<|assistant|>{{ message['content'] }}</s>{% endif %}{% endfor %}" +
  '{% if add_generation_prompt %}<|assistant|>{% endif %}';

const N_EMBD = 64;
const N_HEAD = 4;
const N_FF = 128;
const N_LAYER = 2;
const ALIGN = 32;
/** The residual dimension kept at a constant value; banned tokens weigh it negatively in output.weight. */
const CONST_DIM = 0;

enum T {
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

type Kv =
  | { type: T.U32 | T.I32 | T.F32; value: number }
  | { type: T.BOOL; value: boolean }
  | { type: T.STRING; value: string }
  | { type: T.ARRAY; elem: T.STRING; value: string[] }
  | { type: T.ARRAY; elem: T.F32 | T.I32; value: number[] };

class Buf {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad(align: number): void {
    const rem = this.length % align;
    if (rem) this.push(Buffer.alloc(align - rem));
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

interface Vocab {
  tokens: string[];
  scores: number[];
  types: number[];
  banned: Set<number>;
}

function buildVocab(): Vocab {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  const banned = new Set<number>([0, 1]);
  for (let b = 0; b < 256; b++) {
    const id = tokens.length;
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
    // Only newline may be sampled as a byte token: control and non-ASCII bytes print as garbage, and
    // printable bytes duplicate the character tokens below, so sampling them would make the reply
    // re-tokenize differently next turn and defeat prefix reuse.
    if (b !== 0x0a) banned.add(id);
  }
  tokens.push('\u2581');
  types.push(1);
  for (let c = 0x21; c <= 0x7e; c++) {
    tokens.push(String.fromCharCode(c));
    types.push(1);
  }
  const scores = tokens.map((_, i) => -i);
  return { tokens, scores, types, banned };
}

/** Builds the GGUF bytes in memory. */
export function buildTinyGguf(options: TinyGgufOptions = {}): Buffer {
  const rand = prng(options.seed ?? 42);
  const gauss = (std: number): number => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()) * std;
  };
  const vocab = buildVocab();
  const nVocab = vocab.tokens.length;
  const ctx = options.contextLength ?? 2048;

  const kv: Array<[string, Kv]> = [
    ['general.architecture', { type: T.STRING, value: 'llama' }],
    ['general.name', { type: T.STRING, value: options.name ?? 'confidant-tiny-llama' }],
    ['general.alignment', { type: T.U32, value: ALIGN }],
    ['general.file_type', { type: T.U32, value: 0 }],
    ['llama.context_length', { type: T.U32, value: ctx }],
    ['llama.embedding_length', { type: T.U32, value: N_EMBD }],
    ['llama.block_count', { type: T.U32, value: N_LAYER }],
    ['llama.feed_forward_length', { type: T.U32, value: N_FF }],
    ['llama.rope.dimension_count', { type: T.U32, value: N_EMBD / N_HEAD }],
    ['llama.rope.freq_base', { type: T.F32, value: 10000 }],
    ['llama.attention.head_count', { type: T.U32, value: N_HEAD }],
    ['llama.attention.head_count_kv', { type: T.U32, value: N_HEAD }],
    ['llama.attention.layer_norm_rms_epsilon', { type: T.F32, value: 1e-5 }],
    ['llama.vocab_size', { type: T.U32, value: nVocab }],
    ['tokenizer.ggml.model', { type: T.STRING, value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: T.ARRAY, elem: T.STRING, value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: T.ARRAY, elem: T.F32, value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: T.ARRAY, elem: T.I32, value: vocab.types }],
    ['tokenizer.ggml.bos_token_id', { type: T.U32, value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: T.U32, value: 2 }],
    ['tokenizer.ggml.unknown_token_id', { type: T.U32, value: 0 }],
    ['tokenizer.ggml.add_bos_token', { type: T.BOOL, value: true }],
    ['tokenizer.ggml.add_eos_token', { type: T.BOOL, value: false }],
    // Without this, SPM prefixes each re-tokenized reply with '▁' and prefix reuse breaks at the reply.
    ['tokenizer.ggml.add_space_prefix', { type: T.BOOL, value: false }],
    ['tokenizer.chat_template', { type: T.STRING, value: options.chatTemplate ?? TINY_CHAT_TEMPLATE }],
  ];

  // Tensor shapes are GGUF order: ne[0] is the contiguous (input) dimension, ne[1] the output rows.
  const tensors: Array<{ name: string; dims: number[]; data: Float32Array }> = [];
  const random = (dims: number[], std: number): Float32Array => {
    const n = dims.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = gauss(std);
    return out;
  };
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  /** Zeroes the output row that writes CONST_DIM, so attention and FFN never move it. */
  const freezeRow = (w: Float32Array, nIn: number): Float32Array => {
    w.fill(0, CONST_DIM * nIn, (CONST_DIM + 1) * nIn);
    return w;
  };

  const embd = random([N_EMBD, nVocab], 0.05);
  for (let t = 0; t < nVocab; t++) embd[t * N_EMBD + CONST_DIM] = 1;
  tensors.push({ name: 'token_embd.weight', dims: [N_EMBD, nVocab], data: embd });
  for (let l = 0; l < N_LAYER; l++) {
    const p = `blk.${l}.`;
    tensors.push({ name: `${p}attn_norm.weight`, dims: [N_EMBD], data: ones(N_EMBD) });
    for (const w of ['attn_q', 'attn_k', 'attn_v'])
      tensors.push({ name: `${p}${w}.weight`, dims: [N_EMBD, N_EMBD], data: random([N_EMBD, N_EMBD], 0.1) });
    tensors.push({
      name: `${p}attn_output.weight`,
      dims: [N_EMBD, N_EMBD],
      data: freezeRow(random([N_EMBD, N_EMBD], 0.1), N_EMBD),
    });
    tensors.push({ name: `${p}ffn_norm.weight`, dims: [N_EMBD], data: ones(N_EMBD) });
    tensors.push({ name: `${p}ffn_gate.weight`, dims: [N_EMBD, N_FF], data: random([N_EMBD, N_FF], 0.1) });
    tensors.push({ name: `${p}ffn_up.weight`, dims: [N_EMBD, N_FF], data: random([N_EMBD, N_FF], 0.1) });
    tensors.push({
      name: `${p}ffn_down.weight`,
      dims: [N_FF, N_EMBD],
      data: freezeRow(random([N_FF, N_EMBD], 0.1), N_FF),
    });
  }
  tensors.push({ name: 'output_norm.weight', dims: [N_EMBD], data: ones(N_EMBD) });
  const out = random([N_EMBD, nVocab], 0.5);
  for (let t = 0; t < nVocab; t++) out[t * N_EMBD + CONST_DIM] = vocab.banned.has(t) ? -100 : 0;
  tensors.push({ name: 'output.weight', dims: [N_EMBD, nVocab], data: out });

  const head = new Buf();
  head.push(Buffer.from('GGUF', 'latin1'));
  head.u32(3);
  head.u64(tensors.length);
  head.u64(kv.length);
  for (const [key, v] of kv) {
    head.str(key);
    head.u32(v.type);
    switch (v.type) {
      case T.U32:
        head.u32(v.value);
        break;
      case T.I32:
        head.i32(v.value);
        break;
      case T.F32:
        head.f32(v.value);
        break;
      case T.BOOL:
        head.push(Buffer.from([v.value ? 1 : 0]));
        break;
      case T.STRING:
        head.str(v.value);
        break;
      case T.ARRAY:
        head.u32(v.elem);
        head.u64(v.value.length);
        for (const item of v.value) {
          if (v.elem === T.STRING) head.str(item as string);
          else if (v.elem === T.F32) head.f32(item as number);
          else head.i32(item as number);
        }
        break;
    }
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(0); // GGML_TYPE_F32
    head.u64(offset);
    offsets.push(offset);
    offset += Math.ceil(t.data.byteLength / ALIGN) * ALIGN;
  }
  head.pad(ALIGN);
  for (const t of tensors) {
    head.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    head.pad(ALIGN);
  }
  return head.concat();
}

/** Writes the tiny GGUF to `path` (creating folders) and returns its size in bytes. */
export function writeTinyGguf(path: string, options: TinyGgufOptions = {}): number {
  const bytes = buildTinyGguf(options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.length;
}
