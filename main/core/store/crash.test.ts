import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './index';
import { tempDir } from '../../test-support';

const ROWS = 50;
const KILLS = 20;

type Writer = ChildProcessByStdio<Writable, Readable, Readable>;

/** Boots a writer (node --import tsx); it waits for "go" on stdin before opening the store. */
function boot(dataDir: string): Writer {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.fixture.ts'), dataDir],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

/** Lets the writer run until it has committed `after` batches, then SIGKILLs it after a random delay. */
function runAndKill(child: Writer, after: number): Promise<{ committed: number[]; midTransaction: boolean }> {
  return new Promise((resolve, reject) => {
    const committed: number[] = [];
    let lastLine = '';
    let buffer = '';
    let stderr = '';
    let killing = false;
    const onLine = (line: string): void => {
      if (line === 'booted') child.stdin.write('go\n');
      if (line.startsWith('begin ') || line.startsWith('committed ')) lastLine = line;
      const m = /^committed (\d+)$/.exec(line);
      if (m) committed.push(Number(m[1]));
      if (!killing && committed.length >= after) {
        killing = true;
        // Random sub-commit delay: lands mid-transaction, mid-fsync or between commits.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        onLine(line);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ committed, midTransaction: lastLine.startsWith('begin ') });
      else reject(new Error(`writer exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

describe('crash safety', () => {
  const t = tempDir();
  const spare: Writer[] = [];
  afterAll(() => {
    for (const c of spare) c.kill('SIGKILL');
    t.cleanup();
  });

  it(`kill -9 mid-transaction ${KILLS} times: opens cleanly, no committed row lost`, async () => {
    openStore({ dataDir: t.dir, passphrase: 'crash-test', create: true }).close();
    const allCommitted = new Set<number>();
    let midTransactionKills = 0;
    let next = boot(t.dir);
    for (let i = 0; i < KILLS; i++) {
      const current = next;
      // Boot the next writer while this one runs: node + tsx start-up dominates the test's wall time.
      if (i + 1 < KILLS) {
        next = boot(t.dir);
        spare.push(next);
      }
      const { committed, midTransaction } = await runAndKill(current, 1 + (i % 4));
      if (midTransaction) midTransactionKills += 1;
      expect(committed.length).toBeGreaterThan(0);
      for (const b of committed) allCommitted.add(b);
      const store = openStore({ dataDir: t.dir, passphrase: 'crash-test' });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = store.db
          .prepare('SELECT batch, count(*) AS c FROM crash_rows GROUP BY batch')
          .all() as Array<{
          batch: number;
          c: number;
        }>;
        const counts = new Map(rows.map((r) => [r.batch, r.c]));
        for (const b of allCommitted) expect(counts.get(b), `batch ${b}`).toBe(ROWS);
        // Atomicity: no batch is ever half there.
        for (const c of counts.values()) expect(c).toBe(ROWS);
        // The keyring survived too: the newest committed batch still decrypts.
        const last = Math.max(...committed);
        const row = store.db
          .prepare('SELECT subject, body FROM crash_rows WHERE batch = ? AND n = 0')
          .get(last) as {
          subject: string;
          body: string;
        };
        expect(store.cipher.open(row.subject, row.body)).toMatch(new RegExp(`^b${last}-n0-`));
      } finally {
        store.close();
      }
    }
    expect(allCommitted.size).toBeGreaterThanOrEqual(KILLS);
    console.log(`crash test: ${midTransactionKills}/${KILLS} kills inside an open transaction`);
    // Most kills land inside an open transaction (after "begin", before "committed").
    expect(midTransactionKills).toBeGreaterThan(KILLS / 2);
  }, 300_000);
});
