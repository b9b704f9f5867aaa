/**
 * What the safety detection adds to a turn (docs/SAFETY.md). Three peers, interleaved message by
 * message so machine noise hits all alike, in the same run:
 *   - the sentiment stage without the safety work (scorer, intensity, trend: what it did before);
 *   - the same stage with it (rules over lemmas, idioms, negation, accumulator), no models;
 *   - the same stage with it and semantic prototypes on the tiny generated ONNX embedder;
 * next to a whole pipeline turn (scripted model, real store, ledger, KB) for scale. Targets: the added
 * work costs at most 1 ms p50 per turn without models and at most 15 ms p50 with the tiny embedder.
 *
 *   npm run bench -- safety            (BENCH_TURNS=100 for a quick run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  computeTrend,
  createSemanticMatcher,
  createSentimentMonitor,
  emotionalIntensity,
  type SafetyMemory,
} from '../main/core/agents';
import { openLedger } from '../main/core/audit';
import { configureOffline, createLexiconScorer, loadEmbedder } from '../main/core/models';
import { escalationService } from '../main/core/escalations';
import { conversationRepo, createPipelineService } from '../main/core/pipeline';
import { openStore } from '../main/core/store';
import { buildTinyBertOnnx, ScriptedLlm } from '../main/test-support';

const TURNS = Number(process.env.BENCH_TURNS ?? 300);
const MESSAGES = [
  'How much does a replacement debit card cost?',
  'What time does the branch open on Saturday?',
  "I'm absolutely furious, this is the third time I've called about the same charge.",
  'Can I speak to someone about my mortgage please?',
  "Honestly some days I don't see the point in going on, but can you check my balance?",
  'The bank called and said I need to move my savings to a safe account today.',
  'My husband has dementia and I look after his banking now.',
  'This queue is killing me, I could murder a coffee. How do I pay in a cheque?',
];

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number) => n.toFixed(3);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'confidant-bench-safety-'));
  const lexicon = createLexiconScorer();
  const options = { highEmotion: 0.7, trendWindow: 4 };
  const rulesOnly = createSentimentMonitor(lexicon, options);
  buildTinyBertOnnx({ dir: join(root, 'weights', 'tiny-embed'), task: 'feature-extraction' });
  configureOffline(join(root, 'weights'));
  const embedder = await loadEmbedder('tiny-embed');
  const withEmbedder = createSentimentMonitor(lexicon, {
    ...options,
    semantic: createSemanticMatcher(embedder, {
      self_harm: 0.97,
      distress: 0.97,
      request: 0.88,
      vulnerable: 0.96,
      fraud: 0.95,
    }),
  });
  /** The stage's work before the safety detection existed: score, intensity, trend. */
  const without = async (text: string, previous: number[]) => {
    const s = await lexicon.score(text);
    emotionalIntensity(text, s.score, false);
    return computeTrend([...previous, s.score], options.trendWindow);
  };

  const store = openStore({ dataDir: join(root, 'data'), passphrase: 'bench', create: true });
  const audit = openLedger(store);
  const service = createPipelineService({
    store,
    audit,
    escalations: escalationService({ store, audit, conversations: conversationRepo(store) }),
    log: pino({ level: 'silent' }),
    models: { llm: () => null, sentiment: () => lexicon },
  });
  const llm = new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' });

  const base: number[] = [];
  const rules: number[] = [];
  const semantic: number[] = [];
  const turn: number[] = [];
  let memory: SafetyMemory | null = null;
  const previous: number[] = [];
  try {
    for (let i = -20; i < TURNS; i += 1) {
      const text = MESSAGES[(i + 20) % MESSAGES.length] as string;
      let t = performance.now();
      await without(text, previous);
      const b = performance.now() - t;
      t = performance.now();
      const reading = await rulesOnly.read(text, i + 20, previous, memory);
      const r = performance.now() - t;
      t = performance.now();
      await withEmbedder.read(text, i + 20, previous, memory);
      const s = performance.now() - t;
      t = performance.now();
      await service.runTurn({ conversationId: `c${Math.floor((i + 20) / 4)}`, domain: 'bank', text, llm });
      const w = performance.now() - t;
      memory = reading.safety?.memory ?? null;
      previous.push(reading.score);
      if (previous.length > 4) previous.shift();
      if (i < 0) continue; // warm-up: JIT, wink model, ONNX session
      base.push(b);
      rules.push(r);
      semantic.push(s);
      turn.push(w);
    }
  } finally {
    await embedder.close();
    audit.close?.();
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
  const added = p50(rules.map((r, i) => r - (base[i] as number)));
  const addedSemantic = p50(semantic.map((s, i) => s - (base[i] as number)));
  const turnP50 = p50(turn);
  console.log(`${TURNS} messages, p50 in ms (interleaved, same run)`);
  console.log(`  whole pipeline turn (scripted model)     ${fmt(turnP50)}`);
  console.log(`  sentiment stage without safety work       ${fmt(p50(base))}`);
  console.log(`  sentiment stage with rules + accumulator  ${fmt(p50(rules))}`);
  console.log(`  sentiment stage with tiny embedder too    ${fmt(p50(semantic))}`);
  console.log(
    `  added by safety, no models: ${fmt(added)} ms (${((added / turnP50) * 100).toFixed(1)}% of a turn; target <= 1 ms)`,
  );
  console.log(
    `  added by safety, tiny embedder: ${fmt(addedSemantic)} ms (${((addedSemantic / turnP50) * 100).toFixed(1)}% of a turn; target <= 15 ms)`,
  );
  if (added > 1 || addedSemantic > 15) process.exitCode = 1;
}

void main();
