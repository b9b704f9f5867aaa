/**
 * Encrypted vs plain SQLite on the memory read/write path, same library (better-sqlite3-multiple-ciphers),
 * same pragmas (WAL, synchronous=FULL, cache_size=CACHE_SIZE_KIB), same app-level sealing. The only
 * difference is the page cipher (SQLite3MC chacha20) on the encrypted side. Prints medians and ratios.
 *
 *   npm run bench -- store            (BENCH_ITEMS=40000 BENCH_ROUNDS=3 to tune)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemory, type CustomerMemory } from '../main/core/memory';
import { CACHE_SIZE_KIB, migrate, openStore, type Database, type Store } from '../main/core/store';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SUBJECTS = 400;
const COMMIT_EACH = 300; // one durable commit per item, as a turn writes it
const READS = 4000;
const windows = { preference: 365, case_history: 365, contact: 365, vulnerability: 365 };
const body =
  'Prefers a call back after 5pm; previous case about a disputed card payment at a fuel station. '.repeat(5);

function plainDb(path: string): Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = FAST');
  migrate(db);
  return db;
}

interface Side {
  name: 'plain' | 'encrypted';
  store: Store;
  memory: CustomerMemory;
  dbPath: string;
  close(): void;
}

/** Both sides seal with the same keyring (app-level AES-GCM); only the page cipher differs. */
function makeSides(root: string): Side[] {
  const enc = openStore({ dataDir: join(root, 'enc'), passphrase: 'bench', create: true });
  const plainPath = join(root, 'plain.db');
  const db = plainDb(plainPath);
  const plainStore: Store = {
    ...enc,
    db,
    dbPath: plainPath,
    schemaVersion: () => 0,
    close: () => db.close(),
  };
  const sides: Side[] = [];
  for (const [name, store] of [
    ['plain', plainStore],
    ['encrypted', enc],
  ] as const) {
    const memory = createMemory(store, { windows, redact: (t) => t }).customer;
    for (let s = 0; s < SUBJECTS; s++)
      memory.consents.record({
        subjectId: `s${s}`,
        purpose: 'long_term_memory',
        dataClasses: ['case_history', 'preference'],
        textVersion: 'v1',
        method: 'digital',
        recordedBy: 'bench',
      });
    sides.push({ name, store, memory, dbPath: store.dbPath, close: () => store.close() });
  }
  return sides;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

type Metric = 'insert_batched' | 'insert_per_commit' | 'recall' | 'recall_cold';
interface Sample {
  plain: number;
  encrypted: number;
}
const samples: Record<Metric, Sample[]> = {
  insert_batched: [],
  insert_per_commit: [],
  recall: [],
  recall_cold: [],
};

/**
 * Paired, interleaved measurement: each chunk runs on both sides back to back (order alternating), so
 * load from other processes on a shared machine hits both sides alike; the ratio is taken per pair.
 */
function paired(
  sides: Side[],
  metric: Metric,
  chunks: number,
  ops: number,
  work: (side: Side, chunk: number) => void,
): void {
  for (let c = 0; c < chunks; c++) {
    const order = c % 2 === 0 ? sides : [...sides].reverse();
    const rate: Partial<Sample> = {};
    for (const side of order) rate[side.name] = ops / (time(() => work(side, c)) / 1000);
    samples[metric].push({ plain: rate.plain ?? NaN, encrypted: rate.encrypted ?? NaN });
  }
}

const root = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
const sides = makeSides(root);
let sizeMiB: number;
try {
  const CHUNKS = 10 * ROUNDS;
  const perChunk = Math.ceil(ITEMS / CHUNKS);
  paired(sides, 'insert_batched', CHUNKS, perChunk, ({ store, memory }, c) =>
    store.db.transaction(() => {
      for (let i = c * perChunk; i < (c + 1) * perChunk; i++)
        memory.remember({
          subjectId: `s${i % SUBJECTS}`,
          dataClass: 'case_history',
          kind: 'case',
          text: `${i} ${body}`,
        });
    })(),
  );
  const commits = Math.ceil(COMMIT_EACH / CHUNKS);
  paired(sides, 'insert_per_commit', CHUNKS, commits, ({ memory }, c) => {
    for (let i = 0; i < commits; i++)
      memory.remember({
        subjectId: `s${(c * commits + i) % SUBJECTS}`,
        dataClass: 'preference',
        kind: 'tone',
        text: `${i} ${body}`,
      });
  });
  for (const side of sides) side.store.db.pragma('wal_checkpoint(TRUNCATE)');
  sizeMiB = statSync(sides[1]?.dbPath ?? '').size / 1048576;
  const reads = Math.ceil(READS / CHUNKS);
  paired(sides, 'recall', CHUNKS, reads, ({ memory }, c) => {
    for (let i = 0; i < reads; i++)
      memory.recall(`s${((c * reads + i) * 7) % SUBJECTS}`, { dataClass: 'case_history', limit: 20 });
  });
  // Cold: drop the connection's page cache before every read, so every page is read (and decrypted) again.
  const coldReads = Math.max(1, Math.ceil(reads / 8));
  paired(sides, 'recall_cold', CHUNKS, coldReads, ({ memory, store }, c) => {
    for (let i = 0; i < coldReads; i++) {
      store.db.pragma('shrink_memory');
      memory.recall(`s${((c * coldReads + i) * 13) % SUBJECTS}`, { limit: 20 });
    }
  });
} finally {
  for (const s of sides) s.close();
  rmSync(root, { recursive: true, force: true });
}

console.log(
  `store bench: ${ITEMS} memory items over ${SUBJECTS} subjects, cache_size ${CACHE_SIZE_KIB} KiB, ` +
    `encrypted db ${sizeMiB.toFixed(1)} MiB, ${10 * ROUNDS} interleaved pairs per metric`,
);
console.log(
  'metric               plain ops/s   encrypted ops/s   encrypted/plain (median of pairs)   overhead',
);
for (const m of Object.keys(samples) as Metric[]) {
  const xs = samples[m];
  const ratio = median(xs.map((x) => x.encrypted / x.plain));
  const overhead = (1 / ratio - 1) * 100;
  console.log(
    `${m.padEnd(20)} ${median(xs.map((x) => x.plain))
      .toFixed(0)
      .padStart(11)}   ${median(xs.map((x) => x.encrypted))
      .toFixed(0)
      .padStart(15)}   ${ratio.toFixed(3).padStart(33)}   ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}%`,
  );
}
