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
const results: Record<Side['name'], Record<Metric, number[]>> = {
  plain: { insert_batched: [], insert_per_commit: [], recall: [], recall_cold: [] },
  encrypted: { insert_batched: [], insert_per_commit: [], recall: [], recall_cold: [] },
};
const sizes: Record<string, number> = {};

// Round 0 is a warm-up (JIT, OS cache) and is not recorded.
for (let round = 0; round <= ROUNDS; round++) {
  const root = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
  const sides = makeSides(root);
  // Alternate which side goes first so OS cache and CPU frequency effects cancel out.
  const ordered = round % 2 === 0 ? sides : [...sides].reverse();
  for (const side of ordered) {
    const { memory, store } = side;
    const batched = time(() =>
      store.db.transaction(() => {
        for (let i = 0; i < ITEMS; i++)
          memory.remember({
            subjectId: `s${i % SUBJECTS}`,
            dataClass: 'case_history',
            kind: 'case',
            text: `${i} ${body}`,
          });
      })(),
    );
    const record = (m: Metric, v: number): void => {
      if (round > 0) results[side.name][m].push(v);
    };
    record('insert_batched', ITEMS / (batched / 1000));
    const perCommit = time(() => {
      for (let i = 0; i < COMMIT_EACH; i++)
        memory.remember({
          subjectId: `s${i % SUBJECTS}`,
          dataClass: 'preference',
          kind: 'tone',
          text: `${i} ${body}`,
        });
    });
    record('insert_per_commit', COMMIT_EACH / (perCommit / 1000));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    sizes[side.name] = statSync(side.dbPath).size;
    const recall = time(() => {
      for (let i = 0; i < READS; i++)
        memory.recall(`s${(i * 7) % SUBJECTS}`, { dataClass: 'case_history', limit: 20 });
    });
    record('recall', READS / (recall / 1000));
    // Cold: drop this connection's page cache, so every page is read (and, encrypted, decrypted) again.
    const cold = time(() => {
      for (let i = 0; i < READS / 4; i++) {
        if (i % 50 === 0) store.db.pragma('shrink_memory');
        memory.recall(`s${(i * 13) % SUBJECTS}`, { limit: 20 });
      }
    });
    record('recall_cold', READS / 4 / (cold / 1000));
  }
  for (const s of sides) s.close();
  rmSync(root, { recursive: true, force: true });
}

console.log(
  `store bench: ${ITEMS} memory items over ${SUBJECTS} subjects, cache_size ${CACHE_SIZE_KIB} KiB, ` +
    `db ~${((sizes.encrypted ?? 0) / 1048576).toFixed(1)} MiB, ${ROUNDS} rounds, medians`,
);
console.log('metric               plain ops/s   encrypted ops/s   overhead (plain/encrypted - 1)');
const metrics: Metric[] = ['insert_batched', 'insert_per_commit', 'recall', 'recall_cold'];
for (const m of metrics) {
  const p = median(results.plain[m]);
  const e = median(results.encrypted[m]);
  const overhead = (p / e - 1) * 100;
  console.log(
    `${m.padEnd(20)} ${p.toFixed(0).padStart(11)}   ${e.toFixed(0).padStart(15)}   ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}%` +
      `  (ratio ${(e / p).toFixed(3)})`,
  );
}
