/**
 * Audit ledger benchmarks, all in one run on the same encrypted store:
 *   - durable appends/s: one transaction per entry vs group commit, against raw SQLite inserts of the same
 *     bytes (per-row transaction and batched) on the same connection, so the ratios are the ledger's cost;
 *   - full verify() of a large ledger (default 1,000,000 entries, generated with group commit);
 *   - inclusion proof size and verification time.
 *
 *   npm run bench -- audit      (BENCH_AUDIT_SINGLE=2000 BENCH_AUDIT_GROUP=50000 BENCH_AUDIT_VERIFY=1000000)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { leafHash, nodeHash, verifyInclusion } from '../main/core/bundle-verify';
import { canonicalJson, openLedger, type AuditAppend } from '../main/core/audit';
import { openStore } from '../main/core/store';

const SINGLE = Number(process.env.BENCH_AUDIT_SINGLE ?? 2000);
const GROUP = Number(process.env.BENCH_AUDIT_GROUP ?? 50_000);
const VERIFY = Number(process.env.BENCH_AUDIT_VERIFY ?? 1_000_000);
const PROOFS = 10_000;

function entry(i: number): AuditAppend {
  return {
    type: 'model.called',
    actor: { kind: 'agent', id: 'dialogue-manager', role: 'dialogue_manager' },
    subject: `subj-${(i % 997).toString(36)}`,
    payload: {
      modelSha256: 'f3a1c9e0b5d24c7f8e6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
      templateId: 'reply-v7',
      promptHash: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
      params: { temperature: 0.2, maxTokens: 256, seed: i },
      latencyMs: 412 + (i % 50),
    },
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const f1 = (n: number) => n.toFixed(1);
const f3 = (n: number) => n.toFixed(3);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

const root = mkdtempSync(join(tmpdir(), 'confidant-bench-audit-'));
try {
  // ---------------------------------------------------------------- appends
  const store = openStore({ dataDir: join(root, 'appends'), passphrase: 'bench', create: true });
  const db = store.db;
  const sample = Buffer.from(
    canonicalJson({ ...entry(0), seq: 0, ts: new Date().toISOString(), prev: '0'.repeat(64) }),
  );
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' ',
      )} on ${availableParallelism()} cores; entry size ~${sample.length} bytes; store: ${String(db.pragma('journal_mode', { simple: true }))}, synchronous=${String(db.pragma('synchronous', { simple: true }))}`,
  );

  db.exec('CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, leaf BLOB NOT NULL, hash BLOB NOT NULL) STRICT');
  const rawInsert = db.prepare('INSERT INTO bench_raw (leaf, hash) VALUES (?, ?)');
  const rawOne = db.transaction((leaf: Buffer) => rawInsert.run(leaf, leafHash(leaf)));
  const rawTimes: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const leaf = Buffer.from(canonicalJson({ ...entry(i), seq: i }));
    const t = performance.now();
    rawOne.immediate(leaf);
    rawTimes.push(performance.now() - t);
  }

  const single = openLedger(store, { checkpointEvery: 0 });
  const singleTimes: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const e = entry(i);
    const t = performance.now();
    single.append(e);
    singleTimes.push(performance.now() - t);
  }
  single.close();

  const batch = 5000;
  const leaves = Array.from({ length: GROUP }, (_, i) => Buffer.from(canonicalJson({ ...entry(i), seq: i })));
  const rawBatch = db.transaction((chunk: Buffer[]) => {
    for (const leaf of chunk) rawInsert.run(leaf, leafHash(leaf));
  });
  let t0 = performance.now();
  for (let i = 0; i < GROUP; i += batch) rawBatch.immediate(leaves.slice(i, i + batch));
  const rawBatchMs = performance.now() - t0;

  const group = openLedger(store, { groupCommitMs: 10, groupCommitMax: batch, checkpointEvery: 0 });
  t0 = performance.now();
  for (let i = 0; i < GROUP; i++) group.append(entry(i));
  group.flush();
  const groupMs = performance.now() - t0;
  group.close();
  store.close();

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ss = [...singleTimes].sort((a, b) => a - b);
  const rs = [...rawTimes].sort((a, b) => a - b);
  const singleRate = (SINGLE / sum(singleTimes)) * 1000;
  const rawRate = (SINGLE / sum(rawTimes)) * 1000;
  const groupRate = (GROUP / groupMs) * 1000;
  const rawBatchRate = (GROUP / rawBatchMs) * 1000;
  console.log('\nDurable appends (WAL, synchronous=FULL, page-encrypted store)');
  console.log(
    `  single  ledger : ${int(singleRate)} entries/s  p50 ${f3(pct(ss, 50))} ms  p95 ${f3(pct(ss, 95))} ms  p99 ${f3(pct(ss, 99))} ms  (${SINGLE} appends)`,
  );
  console.log(
    `  single  raw    : ${int(rawRate)} rows/s     p50 ${f3(pct(rs, 50))} ms  p95 ${f3(pct(rs, 95))} ms`,
  );
  console.log(`  group   ledger : ${int(groupRate)} entries/s  (${GROUP} appends, ${batch} per commit)`);
  console.log(`  batched raw    : ${int(rawBatchRate)} rows/s`);
  console.log(
    `  ratio single ledger/raw throughput: ${f3(singleRate / rawRate)}; group ledger/batched raw: ${f3(groupRate / rawBatchRate)}; group/single: ${f1(groupRate / singleRate)}x`,
  );
  console.log(
    `  target group >= 10,000/s: ${mark(groupRate >= 10_000)}; single p50 <= 0.5 ms: ${mark(pct(ss, 50) <= 0.5)}`,
  );

  // ---------------------------------------------------------------- full verify
  const big = openStore({ dataDir: join(root, 'verify'), passphrase: 'bench', create: true });
  const gen = openLedger(big, { groupCommitMs: 50, groupCommitMax: 20_000, checkpointEvery: 100_000 });
  t0 = performance.now();
  for (let i = 0; i < VERIFY; i++) gen.append(entry(i));
  gen.close();
  const genMs = performance.now() - t0;
  // The desk checkpoints its WAL in normal running; do it once so both readers see the same file.
  big.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(big.dbPath).size;
  // Peer: just reading the same rows and node hashes from the same encrypted file, nothing checked.
  t0 = performance.now();
  let rows = 0;
  for (const _ of big.db
    .prepare('SELECT seq, leaf, prev_hash, entry_hash FROM audit_entries ORDER BY seq')
    .raw()
    .iterate())
    rows++;
  for (const _ of big.db
    .prepare('SELECT level, idx, hash FROM audit_nodes ORDER BY level, idx')
    .raw()
    .iterate())
    rows++;
  const scanMs = performance.now() - t0;
  const ledger = openLedger(big, { checkpointEvery: 0 });
  t0 = performance.now();
  const report = ledger.verify();
  const verifyMs = performance.now() - t0;
  console.log(`\nFull verification (${int(VERIFY)} entries, ${f1(dbBytes / 1048576)} MiB database)`);
  console.log(`  generate (group commit): ${f1(genMs / 1000)} s = ${int((VERIFY / genMs) * 1000)} entries/s`);
  console.log(`  raw scan of the same rows (peer): ${f1(scanMs / 1000)} s for ${int(rows)} rows`);
  console.log(
    `  verify(): ${f1(verifyMs / 1000)} s (${int((VERIFY / verifyMs) * 1000)} entries/s), ok=${report.ok}, checkpoints=${report.checkpoints}; verify/scan ratio ${f1(verifyMs / scanMs)}x`,
  );
  console.log(
    `  target 1M in <= 10 s: ${VERIFY >= 1_000_000 ? mark(verifyMs * (1_000_000 / VERIFY) <= 10_000) : `scaled estimate ${f1((verifyMs * 1_000_000) / VERIFY / 1000)} s`}`,
  );
  if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.firstBad)}`);

  // ---------------------------------------------------------------- inclusion proofs
  const size = VERIFY;
  const rootHash = Buffer.from(ledger.root(), 'base64');
  const getHash = big.db.prepare<[number], { entry_hash: Buffer }>(
    'SELECT entry_hash FROM audit_entries WHERE seq = ?',
  );
  const cases: Array<{ seq: number; leaf: Buffer; proof: Buffer[] }> = [];
  t0 = performance.now();
  for (let i = 0; i < PROOFS; i++) {
    const seq = Math.floor((i * 7919 + 13) % size);
    cases.push({
      seq,
      leaf: getHash.get(seq)!.entry_hash,
      proof: ledger.inclusionProof(seq).map((p) => Buffer.from(p, 'base64')),
    });
  }
  const genProofMs = (performance.now() - t0) / PROOFS;
  t0 = performance.now();
  let valid = 0;
  for (const c of cases) if (verifyInclusion(c.seq, size, c.leaf, c.proof, rootHash)) valid++;
  const verifyProofMs = (performance.now() - t0) / PROOFS;
  // Peer: the bare SHA-256 work any verifier must do for the same proofs (one node hash per element).
  t0 = performance.now();
  for (const c of cases) {
    let h = c.leaf;
    for (const p of c.proof) h = nodeHash(h, p);
  }
  const hashPeerMs = (performance.now() - t0) / PROOFS;
  const hashes = cases.map((c) => c.proof.length);
  const jsonBytes = JSON.stringify(cases[0]!.proof.map((p) => p.toString('base64'))).length;
  console.log(`\nInclusion proofs (tree of ${int(size)})`);
  console.log(
    `  size: ${Math.min(...hashes)}-${Math.max(...hashes)} hashes = ${Math.max(...hashes) * 32} bytes raw, ~${jsonBytes} bytes as base64 JSON`,
  );
  console.log(
    `  generate from SQLite: ${f3(genProofMs)} ms/proof; verify: ${f3(verifyProofMs * 1000)} us/proof (${valid}/${PROOFS} valid)`,
  );
  console.log(
    `  peer, bare node hashes for the same proofs: ${f3(hashPeerMs * 1000)} us/proof; verify/peer ${f1(verifyProofMs / hashPeerMs)}x`,
  );
  console.log(`  target verify <= 0.1 ms: ${mark(verifyProofMs <= 0.1)}`);
  console.log(
    `\nload average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  ledger.close();
  big.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
