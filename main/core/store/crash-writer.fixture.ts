/**
 * Child process for crash.test.ts: writes batches forever, each in one transaction, and reports a
 * batch on stdout only after its COMMIT returned. The parent kills it with SIGKILL at random points.
 */
import { openStore } from './index';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
// The parent boots the next writer while the current one runs and says "go" when it is its turn.
process.stdout.write('booted\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const store = openStore({ dataDir, passphrase: 'crash-test' });
store.db.exec(
  'CREATE TABLE IF NOT EXISTS crash_rows (batch INTEGER NOT NULL, n INTEGER NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (batch, n)) STRICT',
);
const start =
  (store.db.prepare('SELECT coalesce(max(batch), 0) FROM crash_rows').pluck().get() as number) + 1;
const insert = store.db.prepare('INSERT INTO crash_rows (batch, n, subject, body) VALUES (?, ?, ?, ?)');
const ROWS = 50;
process.stdout.write('ready\n');
for (let batch = start; ; batch++) {
  const subject = `subj-${batch}`;
  process.stdout.write(`begin ${batch}\n`);
  store.db.transaction(() => {
    for (let n = 0; n < ROWS; n++)
      insert.run(batch, n, subject, store.cipher.seal(subject, `b${batch}-n${n}-${'p'.repeat(400)}`));
  })();
  // Synchronous on Linux pipes: once written, the parent has it even if we are killed right after.
  process.stdout.write(`committed ${batch}\n`);
}
