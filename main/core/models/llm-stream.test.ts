import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LlamaModel, Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../../test-support';
import { sharedLlama } from './llm';
import {
  endsWithSequence,
  memoizeTokenizer,
  resolveStopTriggers,
  StartTextFilter,
  TextStopDetector,
  TokenTextDecoder,
  type Detokenize,
} from './llm-stream';

// The per-token helpers of the adapter's generation loop, on the real detokenizer of the tiny GGUF
// (its vocabulary has byte-fallback tokens <0x00>..<0xFF> at ids 3..258, so UTF-8 can be split).

const byteToken = (b: number): Token => (3 + b) as Token;
const bytesOf = (s: string): Token[] => [...Buffer.from(s, 'utf8')].map(byteToken);

describe('streaming helpers on the tiny GGUF tokenizer', () => {
  let dir: string;
  let model: LlamaModel;
  let detokenize: Detokenize;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    writeTinyGguf(join(dir, 'm.gguf'));
    const llama = await sharedLlama();
    model = await llama.loadModel({ modelPath: join(dir, 'm.gguf'), gpuLayers: 0 });
    detokenize = (tokens) => model.detokenize(tokens, false);
  });
  afterAll(async () => {
    await model?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never splits a multi-byte UTF-8 character across chunks', () => {
    const text = 'Prix: 12 € — café 🙂 ok';
    // Mix character tokens (ASCII) with byte tokens (everything else), as byte-fallback models emit them.
    const tokens = [...text].flatMap((ch) =>
      /^[\x20-\x7e]$/.test(ch) ? model.tokenize(ch, false, 'trimLeadingSpace') : bytesOf(ch),
    );
    expect(model.detokenize([byteToken(0xe2)])).toContain('\uFFFD'); // a lone lead byte is broken
    const decoder = new TokenTextDecoder(detokenize, model.tokenize('<|assistant|>', true));
    const chunks: string[] = [];
    for (const t of tokens) {
      const c = decoder.push(t);
      if (c) chunks.push(c);
    }
    const rest = decoder.flush();
    if (rest) chunks.push(rest);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) expect(c).not.toContain('\uFFFD');
    expect(chunks).toContain('€');
    expect(chunks).toContain('🙂');
  });

  it('decodes a long stream exactly like detokenizing it whole (window restarts included)', () => {
    const text =
      'Grüße aus Köln! Ihre Karte wurde gesperrt — Ersatz kommt in 5 Tagen. ✅ Ça va? 日本 ok.\n'.repeat(3);
    const tokens = [...text].flatMap((ch) =>
      /^[\x20-\x7e\n]$/.test(ch) ? model.tokenize(ch, false, 'trimLeadingSpace') : bytesOf(ch),
    );
    const decoder = new TokenTextDecoder(detokenize);
    let out = '';
    for (const t of tokens) {
      const c = decoder.push(t);
      expect(c).not.toContain('\uFFFD');
      out += c;
    }
    out += decoder.flush();
    expect(out).toBe(model.detokenize(tokens, false));
    expect(out).toBe(text);
  });

  it('falls back to context decoding when a boundary rule rewrites emitted text', () => {
    // A fake tokenizer with a clean-up rule like llama.cpp's clean_spaces: " ," becomes ",".
    const pieces = ['a', ' ', ',', 'b'];
    const fake = (ts: readonly Token[]): string =>
      ts
        .map((t) => pieces[t] ?? '')
        .join('')
        .replace(/ ,/g, ',');
    const decoder = new TokenTextDecoder(fake);
    const chunks = ([0, 1, 2, 3] as Token[]).map((t) => decoder.push(t));
    // Already-streamed text cannot be taken back: like node-llama-cpp's context decoding, the comma is
    // decoded on its own, and decoding goes on normally afterwards.
    expect(chunks).toEqual(['a', ' ', ',', 'b']);
  });

  it('flushes an incomplete character at the end instead of dropping it', () => {
    const decoder = new TokenTextDecoder(detokenize);
    expect(decoder.push(bytesOf('€')[0] as Token)).toBe('');
    expect(decoder.flush()).toContain('\uFFFD');
    expect(decoder.flush()).toBe('');
  });

  it('memoizes tokenization per segment without changing the tokens', async () => {
    const { resolveChatWrapper } = await import('node-llama-cpp');
    const wrapper = resolveChatWrapper(model);
    if (!wrapper) throw new Error('no chat wrapper');
    let calls = 0;
    const counting = Object.assign((...args: Parameters<typeof model.tokenizer>) => {
      calls++;
      return model.tokenizer(...args);
    }, model.tokenizer) as typeof model.tokenizer;
    const memo = memoizeTokenizer(counting, 8);
    const render = (user: string) =>
      wrapper.generateContextState({
        chatHistory: [
          { type: 'system', text: 'You are careful.' },
          { type: 'user', text: user },
          { type: 'model', response: [] },
        ],
      }).contextText;
    const first = render('Hello é');
    expect(first.tokenize(memo)).toEqual(first.tokenize(model.tokenizer));
    const afterFirst = calls;
    const again = render('Hello é');
    expect(again.tokenize(memo)).toEqual(again.tokenize(model.tokenizer));
    expect(calls).toBe(afterFirst); // every segment came from the cache
    for (let i = 0; i < 10; i++) render(`other ${i}`).tokenize(memo); // evicts beyond 8 entries
    const n = calls;
    again.tokenize(memo);
    expect(calls).toBeGreaterThan(n);
  });

  it('resolves the chat template’s and the JSON grammar’s stop triggers', async () => {
    const { resolveChatWrapper } = await import('node-llama-cpp');
    const wrapper = resolveChatWrapper(model);
    if (!wrapper) throw new Error('no chat wrapper');
    const state = wrapper.generateContextState({
      chatHistory: [
        { type: 'system', text: 'S' },
        { type: 'user', text: 'hi' },
        { type: 'model', response: [] },
      ],
    });
    const grammar = await (await sharedLlama()).createGrammarForJsonSchema({ type: 'string' });
    const stops = resolveStopTriggers(
      [...state.stopGenerationTriggers, ...grammar.stopGenerationTriggers],
      (t) =>
        typeof t === 'string' ? model.tokenize(t, false, 'trimLeadingSpace') : t.tokenize(model.tokenizer),
    );
    // The template's `</s>` and EOS are both the EOS token; the grammar ends on four newlines of text.
    expect([...stops.tokens]).toEqual([model.tokens.eos]);
    expect(stops.texts).toEqual(['\n\n\n\n']);
    expect(stops.sequences).toEqual([]);
  });
});

describe('TextStopDetector', () => {
  it('holds back a possible trigger split across chunks and cuts at the trigger', () => {
    const d = new TextStopDetector(['\n\n\n\n']);
    expect(d.push('{"a":1}\n')).toBe('{"a":1}');
    expect(d.push('\n')).toBe('');
    expect(d.push('\n\nxyz')).toBe('');
    expect(d.stopped).toBe(true);
  });

  it('releases held-back text once it cannot be a trigger, and at the end', () => {
    const d = new TextStopDetector(['</s>', 'User:']);
    expect(d.push('a <')).toBe('a ');
    expect(d.push('b')).toBe('<b');
    expect(d.push(' Use')).toBe(' ');
    expect(d.stopped).toBe(false);
    expect(d.flush()).toBe('Use');
  });

  it('drops ignorable text at the start of a reply only', () => {
    const f = new StartTextFilter(['  ', ' ', '\t']);
    expect(f.push(' ')).toBe('');
    expect(f.push(' Hello')).toBe('Hello');
    expect(f.push(' world')).toBe(' world');
    const g = new StartTextFilter([' ']);
    expect(g.push(' ')).toBe('');
    expect(g.flush()).toBe('');
  });

  it('matches token sequences at the tail only', () => {
    const seq = [[5, 6] as Token[]];
    expect(endsWithSequence([1, 5, 6] as Token[], seq)).toBe(true);
    expect(endsWithSequence([5, 6, 1] as Token[], seq)).toBe(false);
    expect(endsWithSequence([6] as Token[], seq)).toBe(false);
  });
});
