/**
 * Per-turn pipeline overhead, excluding LLM generation (a scripted model answers instantly): PII
 * detection and pseudonymization, sentiment, retrieval over a 10,000-chunk KB, rails, fact verification,
 * audit appends, plus the orchestration itself (graph walk, per-node sealed checkpoints, turn rows).
 * Compares p50/p95 over 1,000 turns with the sum of the same stages measured alone in the same run,
 * interleaved turn by turn (so machine noise hits both alike), with the same durability: the stages
 * alone append the audit entries a real turn appended, group-committed with one fsync (synchronous=FULL),
 * which is what a turn pays for them in the pipeline (see docs/PIPELINE.md, "Durability and latency").
 *
 *   npm run bench -- pipeline            (BENCH_TURNS=200 for a quick run; BENCH_DIR to pick the disk:
 *                                         BENCH_DIR=/dev/shm gives the fsync-free compute figures)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createFactsVerifier, createPolicySupervisor, createSentimentMonitor } from '../main/core/agents';
import { decodeLeaf, openLedger, type AuditAppend, type LeafEntry } from '../main/core/audit';
import { createLexiconScorer } from '../main/core/models';
import { escalationService } from '../main/core/escalations';
import { conversationRepo, createPipelineService, realPrivacy } from '../main/core/pipeline';
import { openStore } from '../main/core/store';
import { ScriptedLlm } from '../main/test-support';

const TURNS = Number(process.env.BENCH_TURNS ?? 1000);
const CHUNKS = 10_000;
const TARGET_P95_MS = 30;

const MESSAGES = [
  'How much does a replacement debit card cost?',
  'What time does the branch open on Saturday?',
  'Hi, I am Jane Doe, can I pay in a cheque at the counter?',
  'How long does a transfer to another bank take?',
  'Is there a fee for using my card abroad?',
  'My email is jane.doe@example.com, can you send me the complaints form?',
  'What is the overdraft interest rate?',
  'Can I open a basic account without proof of address?',
];
const DRAFT = 'A replacement debit card is free of charge.';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const fmt = (n: number) => n.toFixed(2);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'confidant-bench-'));
  const store = openStore({ dataDir: root, passphrase: 'bench', create: true });
  const audit = openLedger(store);
  const log = pino({ level: 'silent' });
  const lexicon = createLexiconScorer();
  let commitMs = 0;
  let committedNodes = 0;
  let commits = 0;
  try {
    const service = createPipelineService({
      store,
      audit,
      escalations: escalationService({ store, audit, conversations: conversationRepo(store) }),
      log,
      // One scorer, as the model runtime hands out (a new one per call would recompile the agents per turn).
      models: { llm: () => null, sentiment: () => lexicon },
      // Each commit of a turn's walk, to split the per-turn time (see `split`).
      afterCommit: ({ nodes, ms }) => {
        commitMs += ms;
        committedNodes += nodes;
        commits += 1;
      },
    });
    const started = performance.now();
    const words =
      'card fee branch account transfer cheque overdraft savings interest statement payment abroad'.split(
        ' ',
      );
    let chunks = 0;
    for (let d = 0; chunks < CHUNKS; d += 1) {
      const sections = Array.from({ length: 10 }, (_, s) => {
        const w = words[(d + s) % words.length] ?? 'card';
        return `## Section ${s} about ${w}\n\nThe ${w} rule number ${d}.${s} says customers can ask about ${w} ${d} times a year. A ${w} costs £${(d % 50) + s} and takes ${(s % 5) + 1} working days. ${'Further details follow. '.repeat(6)}`;
      }).join('\n\n');
      await service.kb.ingestText(`doc-${d}`, `Doc ${d}`, `# Doc ${d}\n\n${sections}`, {
        domain: 'bank',
        format: 'markdown',
      });
      chunks = service.kb.chunkCount('bank');
    }
    await service.kb.ingestText('fees', 'Fees', '# Fees\n\nA replacement debit card is free of charge.', {
      domain: 'bank',
      format: 'markdown',
    });
    console.log(
      `KB: ${service.kb.chunkCount('bank')} chunks ingested in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const llm = new ScriptedLlm({ reply: DRAFT });
    const turn = (i: number) =>
      service.runTurn({
        conversationId: `bench-${Math.floor(i / 10)}`,
        domain: 'bank',
        text: MESSAGES[i % MESSAGES.length] ?? '',
        llm,
      });
    for (let i = 0; i < 20; i += 1) await turn(1_000_000 + i); // warm-up: JIT, lazy tables, caches
    // The audit entries one real turn appended, to append alone with the same sizes and types.
    const sample = await turn(2_000_000);
    const turnEntries: AuditAppend[] = store.db
      .prepare<[], { leaf: Buffer }>('SELECT leaf FROM audit_entries ORDER BY seq DESC LIMIT 40')
      .all()
      .map((r) => decodeLeaf(r.leaf))
      .filter((e): e is LeafEntry => e !== null && e.payload.turnId === sample.turnId)
      .reverse()
      .map((e) => ({
        type: e.type,
        actor: e.actor,
        subject: 'subj_alone',
        payload: { ...e.payload, turnId: 'alone', conversationId: 'alone' },
      }));
    const appendTurnEntries = store.db.transaction(() => {
      for (const e of turnEntries) audit.append(e);
    });

    // The same stages alone, on the same inputs and the same store.
    const pack = service.policies.active('bank');
    const supervisor = createPolicySupervisor(pack, realPrivacy);
    const monitor = createSentimentMonitor(createLexiconScorer(), {
      highEmotion: pack.thresholds.highEmotion,
      trendWindow: pack.thresholds.trendWindow,
      cues: pack.cues,
    });
    const verifier = createFactsVerifier();
    const pseudo = realPrivacy.createPseudonymizer(store, {
      conversationId: 'alone',
      subjectId: 'subj_alone',
    });
    const alone = { redaction: 0, sentiment: 0, retrieval: 0, rails: 0, verification: 0, audit: 0 };
    const stagesAlone = async (i: number): Promise<number> => {
      const text = MESSAGES[i % MESSAGES.length] ?? '';
      let t = performance.now();
      const spans = realPrivacy.detectPii(text);
      const prompt = pseudo.pseudonymize(text).text;
      const a = performance.now() - t;
      t = performance.now();
      await monitor.read(text, i % 10, [0, -0.1, 0.2]);
      const b = performance.now() - t;
      t = performance.now();
      const hits = await service.kb.search(prompt, { domain: 'bank', k: 5 });
      const c = performance.now() - t;
      const passages = hits.map((h) => ({
        chunkId: h.chunkId,
        docId: h.docId,
        title: h.title,
        text: h.text,
      }));
      t = performance.now();
      supervisor.inputRails(text);
      supervisor.outputRails({
        draft: DRAFT,
        customerPii: spans.map((s) => text.slice(s.start, s.end)),
        cited: passages,
        customerText: text,
        firstReply: i % 10 === 0,
      });
      const d = performance.now() - t;
      t = performance.now();
      await verifier.verify(DRAFT, passages, 'snap');
      const e = performance.now() - t;
      t = performance.now();
      // A turn's entries, group-committed in one durable (synchronous=FULL) transaction: one fsync.
      appendTurnEntries();
      const f = performance.now() - t;
      alone.redaction += a;
      alone.sentiment += b;
      alone.retrieval += c;
      alone.rails += d;
      alone.verification += e;
      alone.audit += f;
      return a + b + c + d + e + f;
    };

    const loadBefore = load();
    commits = 0;
    committedNodes = 0;
    const total: number[] = [];
    const sums: number[] = [];
    // Where a turn's time goes: stage work as the turn's own trace timed it; the walk's commits (sealed
    // checkpoints and audit entries, the finished turn row and spans); and the rest (conversation and
    // turn rows, vault tokens, history, context, graph steps, the result).
    const split = { stages: 0, commits: 0, rest: 0 };
    const timedTurn = async (i: number) => {
      commitMs = 0;
      const t0 = performance.now();
      const r = await turn(i);
      const t1 = performance.now();
      total.push(t1 - t0);
      const stageMs = r.trace.reduce((a, n) => a + n.durationMs, 0);
      split.stages += stageMs;
      split.commits += commitMs;
      split.rest += t1 - t0 - stageMs - commitMs;
    };
    for (let i = 0; i < TURNS; i += 1) {
      // Interleaved, alternating which goes first, so noise and cache state hit both alike.
      if (i % 2 === 0) {
        await timedTurn(i);
        sums.push(await stagesAlone(i));
      } else {
        sums.push(await stagesAlone(i));
        await timedTurn(i);
      }
    }
    total.sort((x, y) => x - y);
    sums.sort((x, y) => x - y);
    const p50 = percentile(total, 50);
    const p95 = percentile(total, 95);
    const s50 = percentile(sums, 50);
    const s95 = percentile(sums, 95);
    console.log(
      `turns: ${TURNS} (data dir ${root}), ${turnEntries.length} audit entries per turn, load average ${loadBefore} -> ${load()}`,
    );
    console.log(
      `pipeline per turn:        p50 ${fmt(p50)} ms   p95 ${fmt(p95)} ms   (target p95 <= ${TARGET_P95_MS} ms)`,
    );
    console.log(`sum of stages alone:      p50 ${fmt(s50)} ms   p95 ${fmt(s95)} ms`);
    console.log(
      `stage means alone (ms):   ${Object.entries(alone)
        .map(([k, v]) => `${k} ${fmt(v / TURNS)}`)
        .join(', ')}`,
    );
    console.log(
      `orchestration overhead:   p50 ${fmt(p50 - s50)} ms (ratio ${fmt(p50 / s50)}x), p95 ratio ${fmt(p95 / s95)}x`,
    );
    console.log(
      `pipeline turn, mean split: stages ${fmt(split.stages / TURNS)} ms (as its trace timed them), ` +
        `walk commits ${fmt(split.commits / TURNS)} ms (${fmt(commits / TURNS)} commits carrying ${fmt(committedNodes / TURNS)} node checkpoints), ` +
        `rest ${fmt(split.rest / TURNS)} ms`,
    );
    console.log(`target p95 <= ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`);
  } finally {
    audit.close();
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
