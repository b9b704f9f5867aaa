/**
 * Helpers for the LLM adapter's own generation loop (llm.ts drives `sequence.evaluate` directly):
 * incremental detokenization that never splits a UTF-8 character, stop-trigger detection, the template's
 * ignorable reply start, and a memoizing tokenizer for prompt rendering. The per-token parts are O(1) in
 * the common case (one native detokenize call over a short window, a Set lookup).
 */
import type { BuiltinSpecialTokenValue, LlamaText, Token, Tokenizer } from 'node-llama-cpp';

/** A multi-byte UTF-8 character spans at most 4 byte tokens. */
const MAX_PENDING = 4;
/** Tokens of context kept when the window restarts (node-llama-cpp's detokenizer uses 3 too). */
const CONTEXT_TOKENS = 3;
/** The window restarts from its last CONTEXT_TOKENS tokens once it holds this many. */
const WINDOW_MAX = 24;
const REPLACEMENT = '\uFFFD';

/** Plain detokenization of a token run (no special tokens), e.g. `model.detokenize(tokens, false)`. */
export type Detokenize = (tokens: readonly Token[]) => string;

/**
 * Turns generated tokens into text chunks with one native detokenize call per token.
 *
 * It keeps a short window of recent tokens and the text they decode to; each new token is decoded with the
 * window, and the chunk is what was appended. Decoding in context keeps the tokenizer's boundary rules
 * (SPM leading spaces, space clean-up before punctuation) exactly as for the whole text, like
 * node-llama-cpp's `detokenize(tokens, false, lastTokens)`, which costs three native calls per token.
 * A token that ends inside a multi-byte UTF-8 character (byte-fallback tokens such as `<0xE2>`) decodes
 * to U+FFFD; it is held back and decoded with the following token(s), so no chunk carries a broken
 * character. If a boundary rule ever rewrites already-emitted text, that token is decoded the slow way.
 */
export class TokenTextDecoder {
  private window: Token[];
  /** The text of `window` up to the last emitted token. */
  private base: string;
  private pending = 0;

  /** `lastTokens`: the tokens just before the first generated one (the prompt's tail). */
  constructor(
    private readonly detokenize: Detokenize,
    lastTokens: readonly Token[] = [],
  ) {
    this.window = lastTokens.slice(-CONTEXT_TOKENS);
    this.base = this.window.length ? detokenize(this.window) : '';
    // Context that decodes to nothing (template control tokens) is dropped, as node-llama-cpp does, so
    // the first token is decoded as the start of a text.
    if (!this.base) this.window = [];
  }

  /** Text completed by this token ('' while a character is still incomplete). */
  push(token: Token): string {
    const window = this.window;
    window.push(token);
    this.pending++;
    const full = this.detokenize(window);
    if (!full.startsWith(this.base)) return this.slowPath();
    const chunk = full.slice(this.base.length);
    if (chunk.endsWith(REPLACEMENT) && this.pending < MAX_PENDING) return '';
    this.pending = 0;
    if (window.length >= WINDOW_MAX) this.restart();
    else this.base = full;
    return chunk;
  }

  /** Whatever is still held back (an incomplete character at the very end of the output). */
  flush(): string {
    if (this.pending === 0) return '';
    this.pending = 0;
    const chunk = this.detokenize(this.window).slice(this.base.length);
    this.restart();
    return chunk;
  }

  /** Decodes the pending tokens against the context before them (node-llama-cpp's way) and restarts. */
  private slowPath(): string {
    const window = this.window;
    const context = window.slice(Math.max(0, window.length - this.pending - CONTEXT_TOKENS), -this.pending);
    const pendingTokens = window.slice(-this.pending);
    const before = context.length ? this.detokenize(context) : '';
    const both = this.detokenize([...context, ...pendingTokens]);
    const chunk =
      before && both.startsWith(before) ? both.slice(before.length) : this.detokenize(pendingTokens);
    this.pending = 0;
    this.restart();
    return chunk;
  }

  private restart(): void {
    this.window = this.window.slice(-CONTEXT_TOKENS);
    this.base = this.detokenize(this.window);
  }
}

export interface StopTriggers {
  /** Single tokens that end the reply (end-of-turn markers such as `</s>` or `<|im_end|>`). */
  tokens: ReadonlySet<Token>;
  /** Token sequences that end the reply (special-token triggers spanning several tokens; rare). */
  sequences: readonly (readonly Token[])[];
  /** Plain-text triggers, matched on the decoded text (e.g. a JSON grammar's four newlines). */
  texts: readonly string[];
}

/**
 * Sorts a chat wrapper's or grammar's stop triggers by how they are matched: text-only triggers on the
 * text; triggers with special tokens on the token ids (they detokenize to nothing in the reply text).
 */
export type StopTrigger = LlamaText | string | readonly (string | Token)[];

function isTokenList(t: StopTrigger): t is readonly (string | Token)[] {
  return Array.isArray(t);
}

export function resolveStopTriggers(
  triggers: readonly StopTrigger[],
  tokenize: (text: LlamaText | string) => readonly Token[],
): StopTriggers {
  const tokens = new Set<Token>();
  const sequences: Token[][] = [];
  const texts: string[] = [];
  for (const trigger of triggers) {
    const list: readonly (string | Token)[] | null = isTokenList(trigger) ? trigger : null;
    const values: readonly unknown[] =
      typeof trigger === 'string' ? [trigger] : (list ?? (trigger as LlamaText).values);
    if (values.length === 0) continue;
    if (values.every((v) => typeof v === 'string')) {
      const text = values.join('');
      if (text && !texts.includes(text)) texts.push(text);
      continue;
    }
    const ids: readonly Token[] = list
      ? list.flatMap((v) => (typeof v === 'string' ? tokenize(v) : [v]))
      : tokenize(trigger as LlamaText);
    if (ids.length === 1) tokens.add(ids[0] as Token);
    else if (ids.length > 1) sequences.push([...ids]);
  }
  return { tokens, sequences, texts };
}

/** True when `generated` ends with one of the sequences. */
export function endsWithSequence(generated: readonly Token[], sequences: StopTriggers['sequences']): boolean {
  outer: for (const seq of sequences) {
    if (generated.length < seq.length) continue;
    const offset = generated.length - seq.length;
    for (let i = 0; i < seq.length; i++) if (generated[offset + i] !== seq[i]) continue outer;
    return true;
  }
  return false;
}

/**
 * Text stop-trigger detection for a stream: text that could be the start of a trigger is held back
 * until it is known not to be one, so a trigger never reaches the caller, even split across tokens.
 */
export class TextStopDetector {
  private held = '';
  private stoppedFlag = false;

  constructor(private readonly triggers: readonly string[]) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Returns the text that is safe to emit now; after a trigger, `stopped` is true. */
  push(chunk: string): string {
    const held = this.held + chunk;
    let cut = -1;
    for (const t of this.triggers) {
      const i = held.indexOf(t);
      if (i >= 0 && (cut < 0 || i < cut)) cut = i;
    }
    if (cut >= 0) {
      this.stoppedFlag = true;
      this.held = '';
      return held.slice(0, cut);
    }
    let keep = 0;
    for (const t of this.triggers) {
      for (let k = Math.min(t.length - 1, held.length); k > keep; k--) {
        if (held.endsWith(t.slice(0, k))) {
          keep = k;
          break;
        }
      }
    }
    this.held = keep ? held.slice(held.length - keep) : '';
    return keep ? held.slice(0, held.length - keep) : held;
  }

  /** The held-back text at the end of generation (it turned out not to be a trigger). */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}

/**
 * Drops text the chat template says to ignore at the very start of a reply (Jinja templates: up to four
 * leading spaces or tabs), as LlamaChat does. Costs nothing once the first real text has passed.
 */
export class StartTextFilter {
  private held = '';
  private done = false;

  constructor(private readonly ignore: readonly string[]) {}

  push(text: string): string {
    if (this.done || !text) return text;
    const buf = this.held + text;
    if (this.ignore.some((s) => s.length > buf.length && s.startsWith(buf))) {
      this.held = buf;
      return '';
    }
    this.done = true;
    this.held = '';
    return buf.slice(this.longestPrefix(buf));
  }

  flush(): string {
    if (this.done) return '';
    this.done = true;
    const buf = this.held;
    this.held = '';
    return buf.slice(this.longestPrefix(buf));
  }

  private longestPrefix(buf: string): number {
    let n = 0;
    for (const s of this.ignore) if (s.length > n && buf.startsWith(s)) n = s.length;
    return n;
  }
}

/**
 * A memoizing wrapper of the model's tokenizer. LlamaText.tokenize tokenizes a rendered prompt segment by
 * segment (each message's text, each run of template markup), so across turns and across conversations
 * sharing a system prompt, most segments repeat: only new text reaches the native tokenizer. The
 * tokenizer is deterministic per (text, specialTokens, options), so caching cannot change the result.
 * Bounded: the oldest entries are dropped beyond `maxEntries` (insertion order, refreshed on hit).
 */
export function memoizeTokenizer(tokenizer: Tokenizer, maxEntries = 512): Tokenizer {
  const cache = new Map<string, readonly Token[]>();
  const tokenize = (
    text: string,
    specialTokens?: boolean | 'builtin',
    options?: 'trimLeadingSpace',
  ): Token[] => {
    if (specialTokens === 'builtin') return tokenizer(text as BuiltinSpecialTokenValue, 'builtin');
    const key = `${specialTokens ? 1 : 0}${options ? 1 : 0}${text}`;
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
    } else {
      hit = tokenizer(text, specialTokens, options);
      cache.set(key, hit);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    }
    return hit.slice();
  };
  return Object.assign(tokenize, {
    detokenize: tokenizer.detokenize,
    isSpecialToken: (token: Token) => tokenizer.isSpecialToken(token),
    isEogToken: (token: Token) => tokenizer.isEogToken(token),
  }) as Tokenizer;
}
