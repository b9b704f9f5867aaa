import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './index';
import { tempDir } from './test-helpers';

const ROWS = 50;
const KILLS = 20;

/** Starts the writer, kills it with SIGKILL after it has committed `after` batches plus a random delay. */
function runAndKill(dataDir: string, after: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.fixture.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const committed: number[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^committed (\d+)$/.exec(line);
        if (m) committed.push(Number(m[1]));
        if (!killing && committed.length >= after) {
          killing = true;
          // Random sub-commit delay: lands mid-transaction, mid-fsync or between commits.
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited with ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

describe('crash safety', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it(`kill -9 mid-transaction ${KILLS} times: opens cleanly, no committed row lost`, async () => {
    openStore({ dataDir: t.dir, passphrase: 'crash-test', create: true }).close();
    const allCommitted = new Set<number>();
    for (let i = 0; i < KILLS; i++) {
      const committed = await runAndKill(t.dir, 1 + (i % 4));
      for (const b of committed) allCommitted.add(b);
      const store = openStore({ dataDir: t.dir, passphrase: 'crash-test' });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const counts = new Map(
          (
            store.db.prepare('SELECT batch, count(*) AS c FROM crash_rows GROUP BY batch').all() as Array<{
              batch: number;
              c: number;
            }>
          ).map((r) => [r.batch, r.c]),
        );
        for (const b of allCommitted) expect(counts.get(b), `batch ${b}`).toBe(ROWS);
        // Atomicity: no batch is ever half there.
        for (const c of counts.values()) expect(c).toBe(ROWS);
        // The keyring survived too: the newest committed batch still decrypts.
        const last = Math.max(...committed);
        const row = store.db
          .prepare('SELECT subject, body FROM crash_rows WHERE batch = ? AND n = 0')
          .get(last) as { subject: string; body: string };
        expect(store.cipher.open(row.subject, row.body)).toMatch(new RegExp(`^b${last}-n0-`));
      } finally {
        store.close();
      }
    }
    expect(allCommitted.size).toBeGreaterThanOrEqual(KILLS);
  }, 120_000);
});
