/**
 * Draft streaming on the generated tiny GGUF (one thread): how long after the customer's words are handed
 * to the pipeline does the desk hear the first word of the reply, and when is the whole draft written and
 * checked, next to the model's own first-token and generation times in the same run:
 *   - turn: `runTurn` with `onDraft` (what the desk's live view hears), the model adapter wrapped only to
 *     time its raw tokens and read its own TTFT (meta.ttftMs, from the start of generation);
 *   - peer: the same adapter called right after with the turn's own request (deterministic sampling, so
 *     the same tokens), first raw token and full generation. Its prompt is then cached but for the last
 *     token, so its first token is the model's own floor, not a cold start.
 * Medians of BENCH_RUNS (default 5). The tiny model writes random JSON, which
 * often cannot finish within the draft's token cap: the turn then falls back to the safe template, and
 * the line says how many drafts were the model's.
 *
 *   npm run bench -- draft-stream
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DRAFT_JSON_SCHEMA, type GenerateRequestLike, type LlmAdapterLike } from '../main/core/agents';
import { loadConfig } from '../main/core/config';
import { createCore } from '../main/core/container';
import { createLogger } from '../main/core/log';
import { loadLlm } from '../main/core/models';
import { createTinyModelsDir } from '../main/test-support';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
const tiny = createTinyModelsDir(join(dir, 'models'), { embedding: false, sentiment: false });
const manifest = JSON.parse(readFileSync(tiny.manifestPath, 'utf8')) as {
  models: Array<{ id: string; contextLength?: number }>;
};
const loaded = await loadLlm({
  modelPath: join(tiny.modelsDir, 'weights', tiny.ids.llm, 'model.gguf'),
  info: { modelId: tiny.ids.llm, sha256: 'bench', templateId: 'tiny-chat-v1' },
  threads: 1,
  contextSize: manifest.models[0]?.contextLength ?? 1024,
  deterministic: true,
  defaultTimeoutMs: 120_000,
});
// The core's own runtime has no model (an empty folder): every turn drafts with the adapter below.
const core = await createCore({
  config: loadConfig({ dataDir: join(dir, 'data'), mode: 'cli', modelsDir: join(dir, 'none') }),
  passphrase: 'bench-only',
  create: true,
  log: createLogger({ level: 'silent' }),
});

/** One generation's timings, read by the wrapper around the adapter. */
interface Generation {
  calledAt: number;
  firstRaw: number;
  prompt: GenerateRequestLike | null;
}
let current: Generation = { calledAt: 0, firstRaw: 0, prompt: null };
const timed: LlmAdapterLike = {
  info: loaded.info,
  async generateJson(req, schema, parse, onToken) {
    current.prompt ??= req;
    current.calledAt ||= performance.now();
    return loaded.generateJson(req, schema, parse, (t) => {
      current.firstRaw ||= performance.now();
      onToken?.(t);
    });
  },
  stream: (req, onToken) => loaded.stream(req, onToken),
};

const question = (i: number) => `Hello, what does a replacement debit card cost? (visit ${i})`;
const turn = {
  called: [] as number[],
  ttft: [] as number[],
  first: [] as number[],
  written: [] as number[],
  checked: [] as number[],
};
const peer = { first: [] as number[], full: [] as number[] };
let modelDrafts = 0;
const outcomes: string[] = [];

async function runTurn(i: number): Promise<GenerateRequestLike | null> {
  current = { calledAt: 0, firstRaw: 0, prompt: null };
  let firstReply = 0;
  let lastReply = 0;
  const t0 = performance.now();
  const r = await (
    await core.pipeline.get()
  ).runTurn({
    conversationId: `bench-${i}`,
    domain: 'bank',
    text: question(i),
    llm: timed,
    onDraft: () => {
      const now = performance.now();
      firstReply ||= now;
      lastReply = now;
    },
  });
  const end = performance.now();
  // The model's draft survived when no drafting degradation was declared (it may still be rewritten).
  if (!r.degraded.some((d) => d.startsWith('model_') || d === 'budget_exceeded')) modelDrafts += 1;
  outcomes.push(r.degraded.filter((d) => d.startsWith('model_')).join('+') || r.outcome);
  turn.first.push(firstReply ? firstReply - t0 : NaN);
  turn.written.push(lastReply ? lastReply - t0 : NaN);
  turn.checked.push(end - t0);
  turn.called.push(current.calledAt ? current.calledAt - t0 : NaN);
  turn.ttft.push(current.firstRaw && current.calledAt ? current.firstRaw - current.calledAt : NaN);
  return current.prompt;
}

async function runPeer(prompt: GenerateRequestLike): Promise<void> {
  // The turn's own request (its signal belonged to the finished turn): the same deterministic tokens.
  const { signal: _finished, ...request } = prompt;
  let first = 0;
  const t0 = performance.now();
  try {
    await loaded.generateJson(
      request,
      DRAFT_JSON_SCHEMA,
      (v) => v,
      () => {
        first ||= performance.now();
      },
    );
  } catch {
    // The random JSON may fail the schema twice, as in the turn: the time spent is still the model's.
  }
  peer.first.push(first ? first - t0 : NaN);
  peer.full.push(performance.now() - t0);
}

try {
  const warm = await runTurn(-1);
  if (!warm) throw new Error('the turn never called the model');
  for (const k of Object.keys(turn) as Array<keyof typeof turn>) turn[k].length = 0;
  modelDrafts = 0;
  outcomes.length = 0;
  for (let i = 0; i < RUNS; i++) {
    const prompt = await runTurn(i);
    if (prompt) await runPeer(prompt);
  }
  const tFirst = median(turn.first);
  const tWritten = median(turn.written);
  const tChecked = median(turn.checked);
  const pFirst = median(peer.first);
  const pFull = median(peer.full);
  console.log(
    `tiny GGUF, 1 thread, median of ${RUNS} (model drafts kept: ${modelDrafts}/${RUNS}; turns: ${outcomes.join(', ')})`,
  );
  console.log(
    `input -> first reply text on the desk channel ${ms(tFirst)} · model's own first token ${ms(pFirst)} ` +
      `(peer call) · ratio ${(tFirst / pFirst).toFixed(2)}x`,
  );
  console.log(
    `  inside the turn: input -> model called ${ms(median(turn.called))} (stages before the draft), ` +
      `then first raw token ${ms(median(turn.ttft))}; the reply text starts after the JSON's {"reply":" prefix`,
  );
  console.log(
    `input -> draft fully written ${ms(tWritten)} · input -> checked draft answered ${ms(tChecked)} · ` +
      `model's own full generation ${ms(pFull)} (peer) · checked/peer ${(tChecked / pFull).toFixed(2)}x`,
  );
  console.log(
    `  turn first ${turn.first.map((x) => x.toFixed(0)).join(', ')} · peer first ${peer.first
      .map((x) => x.toFixed(0))
      .join(', ')}`,
  );
} finally {
  await core.shutdown();
  await loaded.close();
  rmSync(dir, { recursive: true, force: true });
}
