import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import { createTinyModelsDir, writeTinyGguf } from '../../test-support';
import { loadConfig } from '../config';
import {
  createModelRuntime,
  loadLlm,
  type AuditSink,
  type FullModelRuntime,
  type LlmAdapter,
  type LoadedLlm,
} from './index';

// The real node-llama-cpp runtime on a generated 0.5 MB GGUF, loaded once per file, one thread.

type Entry = Parameters<AuditSink['append']>[0];
const SYSTEM = 'You are a careful assistant for a retail bank. Answer briefly, cite the knowledge base.';

const draftSchema = {
  type: 'object',
  properties: {
    reply: { type: 'string', maxLength: 60 },
    citations: { type: 'array', items: { enum: ['kb-1', 'kb-2', 'kb-3'] }, maxItems: 2 },
    confidence: { enum: ['low', 'medium', 'high'] },
    flags: { type: 'array', items: { enum: ['needs_handoff', 'pii_echo'] }, maxItems: 2 },
  },
  required: ['reply', 'citations', 'confidence', 'flags'],
} as const;
const Draft = z.object({
  reply: z.string().max(60),
  citations: z.array(z.enum(['kb-1', 'kb-2', 'kb-3'])).max(2),
  confidence: z.enum(['low', 'medium', 'high']),
  flags: z.array(z.enum(['needs_handoff', 'pii_echo'])).max(2),
});

describe('LLM adapter on a tiny GGUF', () => {
  let dir: string;
  let runtime: FullModelRuntime;
  let llm: LlmAdapter;
  let expectedSha: string;
  const audit: Entry[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    const tiny = createTinyModelsDir(dir, { embedding: false, sentiment: false });
    const manifest = JSON.parse(readFileSync(tiny.manifestPath, 'utf8')) as {
      models: Array<{ files: Array<{ sha256: string }> }>;
    };
    expectedSha = manifest.models[0]?.files[0]?.sha256 ?? '';
    runtime = await createModelRuntime({
      config: loadConfig({ dataDir: dir, modelsDir: dir, modelThreads: 1 }),
      audit: { append: (e) => audit.push(e) },
      deterministic: true,
      contextSize: 512,
    });
    const adapter = runtime.llm();
    if (!adapter) throw new Error(`tiny LLM did not load: ${JSON.stringify(runtime.status())}`);
    llm = adapter;
  });
  afterAll(async () => {
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the verified model and reports its sha256 and template', () => {
    expect(llm.info).toEqual({ modelId: 'tiny-llama', sha256: expectedSha, templateId: 'tiny-chat-v1' });
    expect(runtime.fallbacks()).not.toContain('safe-template');
    expect(runtime.status().find((s) => s.id === 'tiny-llama')).toMatchObject({
      installed: true,
      active: true,
    });
  });

  it('streams printable tokens and records deterministic settings per call', async () => {
    const chunks: string[] = [];
    const { text, meta } = await llm.stream(
      { system: SYSTEM, messages: [{ role: 'user', content: 'Hello, I lost my card' }], maxTokens: 12 },
      (t) => chunks.push(t),
    );
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.join('')).toBe(text);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(meta).toMatchObject({ temperature: 0, seed: 42, deterministic: true, aborted: false });
    expect(meta.completionTokens).toBeGreaterThan(0);
    expect(meta.completionTokens).toBeLessThanOrEqual(12);
    expect(meta.ttftMs).toBeGreaterThan(0);
    expect(meta.totalMs).toBeGreaterThanOrEqual(meta.ttftMs);
    const again = await llm.stream(
      { system: SYSTEM, messages: [{ role: 'user', content: 'Hello, I lost my card' }], maxTokens: 12 },
      () => {},
    );
    expect(again.text).toBe(text);
    // The identical prompt is already in the sequence: only its last token is re-evaluated (for logits).
    expect(again.meta.evaluatedPromptTokens).toBe(1);
    expect(again.meta.promptTokens).toBe(meta.promptTokens);
  });

  it('reuses the cached prefix: a second turn evaluates only its new tokens', async () => {
    const first = await llm.stream(
      {
        system: SYSTEM,
        messages: [{ role: 'user', content: 'My card was swallowed by the ATM' }],
        maxTokens: 8,
      },
      () => {},
    );
    const second = await llm.stream(
      {
        system: SYSTEM,
        messages: [
          { role: 'user', content: 'My card was swallowed by the ATM' },
          { role: 'assistant', content: first.text },
          { role: 'user', content: 'What should I do now?' },
        ],
        maxTokens: 8,
      },
      () => {},
    );
    const newTokens = second.meta.promptTokens - first.meta.promptTokens - first.meta.completionTokens;
    expect(newTokens).toBeGreaterThan(10);
    // Only the new turn (plus the reply's last sampled token, never fed back) is evaluated.
    expect(second.meta.evaluatedPromptTokens).toBeLessThanOrEqual(newTokens + 1);
    expect(second.meta.evaluatedPromptTokens).toBeLessThan(second.meta.promptTokens / 3);
  });

  it('reuses the shared system prompt for a different conversation, and only that', async () => {
    const one = await llm.stream(
      { system: SYSTEM, messages: [{ role: 'user', content: 'Where is my nearest branch?' }], maxTokens: 4 },
      () => {},
    );
    const other = await llm.stream(
      { system: SYSTEM, messages: [{ role: 'user', content: 'Can I raise my card limit?' }], maxTokens: 4 },
      () => {},
    );
    // The template header and the system prompt (~90 tokens) are kept; the new user turn is evaluated.
    expect(other.meta.evaluatedPromptTokens).toBeLessThan(other.meta.promptTokens - SYSTEM.length / 2);
    expect(other.meta.evaluatedPromptTokens).toBeGreaterThan('Can I raise my card limit?'.length / 2);
    expect(one.meta.promptTokens).toBeGreaterThan(SYSTEM.length / 2);
  });

  it('stops on abort and returns the partial text', async () => {
    const ac = new AbortController();
    let n = 0;
    const { meta } = await llm.stream(
      {
        system: SYSTEM,
        messages: [{ role: 'user', content: 'Tell me a long story' }],
        maxTokens: 200,
        signal: ac.signal,
        temperature: 0.8,
        seed: 7,
      },
      () => {
        if (++n === 3) ac.abort();
      },
    );
    expect(meta.aborted).toBe(true);
    expect(meta.completionTokens).toBeLessThan(50);
    expect(meta).toMatchObject({ seed: 7, temperature: 0.8, deterministic: false });
  });

  it('refuses a call cancelled before it starts, without counting it as a model failure', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      llm.stream(
        { system: SYSTEM, messages: [{ role: 'user', content: 'Hi' }], signal: ac.signal },
        () => {},
      ),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'generation was cancelled' });
    expect(runtime.llm()).not.toBeNull();
  });

  it('produces JSON-schema-constrained drafts that zod accepts', async () => {
    const { value, meta } = await llm.generateJson(
      {
        system: SYSTEM,
        messages: [{ role: 'user', content: 'Draft a reply' }],
        maxTokens: 160,
        temperature: 0.9,
        seed: 3,
      },
      draftSchema,
      (v) => Draft.parse(v),
    );
    expect(Draft.safeParse(value).success).toBe(true);
    expect(meta.repairAttempts).toBe(0);
  });

  it('streams the JSON draft as it is generated (the first attempt)', async () => {
    const chunks: string[] = [];
    const req = {
      system: SYSTEM,
      messages: [{ role: 'user' as const, content: 'Draft a reply' }],
      maxTokens: 160,
      temperature: 0.9,
      seed: 3,
    };
    const { value, meta } = await llm.generateJson(
      req,
      draftSchema,
      (v) => Draft.parse(v),
      (t) => chunks.push(t),
    );
    expect(meta.repairAttempts).toBe(0);
    expect(chunks.length).toBeGreaterThan(5);
    expect(Draft.parse(JSON.parse(chunks.join('')))).toEqual(value);
  });

  it('repairs once, then refuses output that cannot satisfy the schema, and audits both', async () => {
    const before = audit.length;
    const err = await llm
      .generateJson(
        { system: SYSTEM, messages: [{ role: 'user', content: 'Draft' }], maxTokens: 3 },
        draftSchema,
        (v) => Draft.parse(v),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('UNAVAILABLE');
    const entries = audit.slice(before).filter((e) => e.type === 'degradation');
    expect(entries.map((e) => e.payload.action)).toEqual(['repair', 'fallback']);
  });

  it('trims the oldest turns to fit the context budget', async () => {
    const long = 'please help me with my account balance and the recent payments '.repeat(4);
    const messages = Array.from({ length: 13 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `${i} ${long}`,
    }));
    const { meta } = await llm.stream({ system: SYSTEM, messages, maxTokens: 8 }, () => {});
    expect(meta.trimmedMessages).toBeGreaterThan(0);
    expect(meta.promptTokens + 8).toBeLessThanOrEqual(512);
  });

  it('refuses a history whose last message is not the user’s', async () => {
    await expect(
      llm.stream({ system: SYSTEM, messages: [{ role: 'assistant', content: 'hi' }] }, () => {}),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('LLM adapter resilience', () => {
  let dir: string;
  let llm: LoadedLlm;
  let now = 0;
  const audit: Entry[] = [];
  // One load shared by both tests (loading dominates on a busy 2-core machine).
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    writeTinyGguf(join(dir, 'm.gguf'));
    llm = await loadLlm({
      modelPath: join(dir, 'm.gguf'),
      info: { modelId: 'm', sha256: 'x', templateId: 't' },
      threads: 1,
      contextSize: 512,
      deterministic: true,
      circuit: { failureThreshold: 2, coolDownMs: 1000, now: () => now },
      maxPending: 1,
      audit: { append: (e) => audit.push(e) },
      // Exercises the optional repeat penalty (off by default) on every call of this block.
      repeatPenalty: { lastTokens: 16, penalty: 1.3 },
    });
  });
  afterAll(async () => {
    await llm?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('times out, opens the circuit after repeated timeouts, audits it, and recovers after cool-down', async () => {
    const req = {
      system: 'S',
      messages: [{ role: 'user' as const, content: 'go' }],
      maxTokens: 400,
      timeoutMs: 1,
    };
    for (let i = 0; i < 2; i++)
      await expect(llm.stream(req, () => {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(llm.breaker.state).toBe('open');
    await expect(llm.stream({ ...req, timeoutMs: 10_000 }, () => {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    now += 1000;
    expect(llm.breaker.state).toBe('half-open');
    const ok = await llm.stream({ ...req, maxTokens: 4, timeoutMs: 30_000 }, () => {});
    expect(ok.meta.completionTokens).toBeGreaterThan(0);
    expect(llm.breaker.state).toBe('closed');
    expect(audit.filter((e) => e.type === 'circuit.changed').map((e) => e.payload.to)).toEqual([
      'open',
      'half-open',
      'closed',
    ]);
  });

  it('applies backpressure when the queue is full', async () => {
    const req = { system: 'S', messages: [{ role: 'user' as const, content: 'go' }], maxTokens: 6 };
    const results = await Promise.allSettled([1, 2, 3].map(() => llm.stream(req, () => {})));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const rejected = results[2] as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a truncated GGUF with a clear error instead of crashing', async () => {
    const bytes = readFileSync(join(dir, 'm.gguf'));
    writeFileSync(join(dir, 'cut.gguf'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(
      loadLlm({
        modelPath: join(dir, 'cut.gguf'),
        info: { modelId: 'cut', sha256: 'x', templateId: 't' },
        threads: 1,
      }),
    ).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/truncated, corrupt/) });
  });
});
