/**
 * Child process for rollback.test.ts: a desk appending audit entries as turns do (one durable commit,
 * then the head published beside the database), reporting each only after both returned.
 */
import { openStore } from '../store';
import { openLedger } from './index';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: wal-loss-writer <dataDir>');
const store = openStore({ dataDir, passphrase: 'rollback-test' });
const ledger = openLedger(store);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const { seq } = ledger.append({
    type: 'reply.delivered',
    actor: { kind: 'agent', id: 'dm', role: 'dialogue_manager' },
    subject: `subj-${i % 7}`,
    payload: { turn: i, pad: 'x'.repeat(200) },
  });
  ledger.publishHead();
  process.stdout.write(`acked ${seq}\n`);
}
