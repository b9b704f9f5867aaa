/**
 * Knowledge-base retrieval over 10,000 chunks: BM25 with common-term pruning (the default) against the
 * same index with every query term kept, on a Zipf-like corpus and on a dense worst case where every
 * query word is in every chunk. Same store, same queries, same run. Prints p50/p95 and ratios.
 *
 *   npm run bench -- kb            (BENCH_CHUNKS=10000 BENCH_QUERIES=400 to tune)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeBase } from '../main/core/kb';
import { openStore } from '../main/core/store';

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const PER_DOC = 10;
const DOMAIN_WORDS = (
  'account card fee branch payment overdraft savings interest transfer cheque statement complaint fraud ' +
  'scam pin app online phone hours open close replacement debit credit loan mortgage isa rate limit daily cash abroad'
).split(' ');
const QUESTIONS = [
  'How much is a replacement debit card?',
  'What is the overdraft interest rate?',
  'Can I take cash out abroad with my card?',
  'How do I make a complaint about fraud on my account?',
];

let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
const zipfWord = () =>
  rnd() < 0.08
    ? (DOMAIN_WORDS[Math.floor(rnd() * DOMAIN_WORDS.length)] as string)
    : (vocab[Math.floor(5000 ** rnd()) - 1] as string);
const denseWord = () => DOMAIN_WORDS[Math.floor(rnd() * DOMAIN_WORDS.length)] as string;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

async function corpus(name: string, word: () => string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-kb-'));
  const store = openStore({ dataDir: dir, passphrase: 'bench', create: true });
  try {
    const pruned = openKnowledgeBase(store);
    const full = openKnowledgeBase(store, { pruneMinChunks: Number.POSITIVE_INFINITY });
    const t0 = performance.now();
    for (let d = 0; d < CHUNKS / PER_DOC; d += 1) {
      const text = Array.from(
        { length: PER_DOC },
        (_, i) => `## Section ${i}\n\n${Array.from({ length: 60 }, word).join(' ')}.`,
      ).join('\n\n');
      await pruned.ingestText(`bank/doc${d}`, `Document ${d}`, text, { domain: 'bank', format: 'markdown' });
    }
    const ingestS = (performance.now() - t0) / 1000;
    const measure = async (kb: typeof pruned): Promise<number[]> => {
      for (const q of QUESTIONS) await kb.search(q, { domain: 'bank', k: 5 }); // warm caches
      const out: number[] = [];
      for (let i = 0; i < QUERIES; i += 1) {
        const s = performance.now();
        await kb.search(QUESTIONS[i % QUESTIONS.length] as string, { domain: 'bank', k: 5 });
        out.push(performance.now() - s);
      }
      return out.sort((a, b) => a - b);
    };
    // Interleave the two so machine noise hits both alike.
    const a = await measure(pruned);
    const b = await measure(full);
    console.log(`${name}: ${pruned.chunkCount('bank')} chunks, ingest ${ingestS.toFixed(1)} s`);
    console.log(`  pruned BM25   p50 ${pct(a, 0.5).toFixed(2)} ms  p95 ${pct(a, 0.95).toFixed(2)} ms`);
    console.log(`  all terms     p50 ${pct(b, 0.5).toFixed(2)} ms  p95 ${pct(b, 0.95).toFixed(2)} ms`);
    console.log(
      `  ratio all/pruned  p50 ${(pct(b, 0.5) / pct(a, 0.5)).toFixed(2)}x  p95 ${(pct(b, 0.95) / pct(a, 0.95)).toFixed(2)}x`,
    );
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await corpus('zipf corpus', zipfWord);
await corpus('dense worst case', denseWord);
