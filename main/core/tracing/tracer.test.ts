import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { assertSafeAttributes, attributeProblem, createTracer, filterAttributes, GEN_AI } from '.';
import { tempStore } from '../../test-support';

let store: Store | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  store = undefined;
  cleanup = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('attribute guard', () => {
  it('allows numbers, booleans and tokens on allow-listed keys only', () => {
    expect(attributeProblem('gen_ai.usage.input_tokens', 12)).toBeNull();
    expect(attributeProblem('confidant.over_budget', true)).toBeNull();
    expect(attributeProblem('gen_ai.request.model', 'tiny-llama-q4.gguf')).toBeNull();
    expect(attributeProblem('confidant.policy.hash', 'a'.repeat(64))).toBeNull();
    // Free text is refused even on an allow-listed key, and strings anywhere else.
    expect(attributeProblem('gen_ai.request.model', 'John Smith 4111 1111')).not.toBeNull();
    expect(attributeProblem('confidant.customer.text', 'hello')).not.toBeNull();
    expect(attributeProblem('gen_ai.prompt', 'system prompt')).not.toBeNull();
    expect(attributeProblem('confidant.guard', 'jane@example.com')).not.toBeNull();
    expect(attributeProblem('confidant.score', Number.NaN)).not.toBeNull();
    expect(attributeProblem('Bad Key', 1)).not.toBeNull();
    expect(attributeProblem('confidant.list', [1, 2])).not.toBeNull();
    const { safe, dropped } = filterAttributes({ 'confidant.score': 0.5, 'confidant.text': 'Jane Doe' });
    expect(safe).toEqual({ 'confidant.score': 0.5 });
    expect(dropped).toBe(1);
    expect(() => assertSafeAttributes({ 'gen_ai.prompt': 'x y' })).toThrow(/gen_ai\.prompt refused/);
  });
});

describe('tracer', () => {
  it('records one span per stage under the turn span, with budgets', async () => {
    const tracer = createTracer();
    const turn = tracer.startTurn('turn-1', { 'confidant.domain': 'bank' });
    const fast = await turn.stage('receive', 1000, () => 42);
    expect(fast).toMatchObject({ result: 42, overBudget: false, timedOut: false, budgetMs: 1000 });
    const slow = await turn.stage('retrieve', 5, async () => {
      await sleep(30);
      return 'late';
    });
    expect(slow.result).toBe('late');
    expect(slow.overBudget).toBe(true);
    expect(slow.durationMs).toBeGreaterThanOrEqual(5);
    await turn.stage('draft', 1000, (ctx) => {
      ctx.setAttributes({
        [GEN_AI.operationName]: 'chat',
        [GEN_AI.requestModel]: 'tiny.gguf',
        [GEN_AI.inputTokens]: 10,
        [GEN_AI.outputTokens]: 20,
        'confidant.customer_text': 'My name is Jane Canary',
      });
    });
    const summary = turn.end({ 'confidant.outcome': 'deliver' });
    expect(summary.stages.map((s) => s.name)).toEqual(['receive', 'retrieve', 'draft']);
    expect(summary.overBudget).toEqual(['retrieve']);
    expect(turn.end()).toBe(summary);

    const spans = tracer.spansForTurn('turn-1');
    expect(spans).toHaveLength(4);
    const root = spans.find((s) => s.name === 'confidant.turn');
    expect(root?.attributes['confidant.outcome']).toBe('deliver');
    for (const s of spans.filter((x) => x !== root)) {
      expect(s.parentSpanId).toBe(root?.spanId);
      expect(s.traceId).toBe(root?.traceId);
    }
    const draft = spans.find((s) => s.name === 'confidant.stage.draft');
    expect(draft?.attributes['gen_ai.usage.output_tokens']).toBe(20);
    expect(JSON.stringify(spans)).not.toContain('Canary');
    expect(tracer.droppedAttributes()).toBe(1);
    await tracer.close();
  });

  it('takes the fallback when a budget is blown and aborts the work', async () => {
    const tracer = createTracer();
    const turn = tracer.startTurn('turn-2');
    let aborted = false;
    const r = await turn.stage(
      'draft',
      20,
      async (ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        await sleep(300);
        return 'model reply';
      },
      { onTimeout: () => 'safe template' },
    );
    expect(r).toMatchObject({ result: 'safe template', timedOut: true, overBudget: true });
    expect(aborted).toBe(true);
    const fine = await turn.stage('verify_facts', 500, async () => 'ok', { onTimeout: () => 'fallback' });
    expect(fine).toMatchObject({ result: 'ok', timedOut: false });
    turn.end();
    const span = tracer.recent().find((s) => s.name === 'confidant.stage.draft');
    expect(span?.attributes['confidant.timed_out']).toBe(true);
  });

  it('marks a failing stage as an error span and rethrows', async () => {
    const tracer = createTracer();
    const turn = tracer.startTurn('turn-3');
    await expect(
      turn.stage('retrieve', 100, () => {
        throw new TypeError('boom with Jane Canary');
      }),
    ).rejects.toThrow('boom');
    const s = turn.end();
    expect(s.stages[0]?.error).toBe(true);
    const span = tracer.recent().find((x) => x.name === 'confidant.stage.retrieve');
    expect(span?.status).toBe('error');
    expect(span?.attributes['error.type']).toBe('TypeError');
    expect(JSON.stringify(tracer.recent())).not.toContain('Canary');
  });

  it('strict mode throws on a refused attribute', () => {
    const tracer = createTracer(null, { strict: true });
    expect(() => tracer.startTurn('t', { 'confidant.note': 'free text here' })).toThrow(/refused/);
  });

  it('keeps spans in the encrypted store, bounded ring in memory, and purges by age', async () => {
    ({ store, cleanup } = tempStore());
    const tracer = createTracer(store, { ringSize: 5 });
    for (let i = 0; i < 3; i += 1) {
      const t = tracer.startTurn(`turn-${i}`, { 'confidant.policy.id': 'zzcanarypolicy' });
      await t.stage('receive', 50, () => i);
      await t.stage('decide', 50, () => i);
      t.end();
    }
    expect(tracer.recent(100)).toHaveLength(5);
    expect(tracer.spansForTurn('turn-0')).toHaveLength(3);
    const count = store.db.prepare('SELECT count(*) AS n FROM trace_spans').get() as { n: number };
    expect(count.n).toBe(9);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(store.dbPath).includes('zzcanarypolicy')).toBe(false);
    expect(tracer.purgeBefore(Number.MAX_SAFE_INTEGER)).toBe(9);
    expect(tracer.spansForTurn('turn-0')).toEqual([]);
    await tracer.close();
  });
});
