/**
 * Child process for lan-rollback.test.ts: a paired staff desk running its LAN endpoint (checkpoints every
 * 100 ms) while it appends audit entries as turns do, reporting each acknowledged entry and the largest
 * co-signed size it holds.
 */
import { loadConfig } from '../../core/config';
import { createCore } from '../../core/container';
import { createLogger } from '../../core/log';

const [dataDir, passphrase] = process.argv.slice(2);
if (!dataDir || !passphrase) throw new Error('usage: lan-rollback-writer <dataDir> <passphrase>');
const core = await createCore({
  config: loadConfig({ dataDir, mode: 'cli' }),
  passphrase,
  log: createLogger({ level: 'silent' }),
});
const desk = await core.lan.desk();
await desk.serve({
  host: '127.0.0.1',
  port: 0,
  pollMs: 20,
  checkpointMs: 100,
  backoffMs: { min: 20, max: 200 },
});
const cosigned = core.store.db.prepare('SELECT coalesce(max(size), 0) FROM lan_cosignatures').pluck();
for (let i = 0; ; i++) {
  const { seq } = core.audit.append({
    type: 'reply.delivered',
    actor: { kind: 'agent', id: 'dm', role: 'dialogue_manager' },
    subject: `subj-${i % 7}`,
    payload: { turn: i, pad: 'x'.repeat(200) },
  });
  core.audit.publishHead();
  process.stdout.write(`acked ${seq} cosigned ${cosigned.get() as number}\n`);
  // Let the link read and write between appends, as a desk between turns.
  await new Promise((r) => setTimeout(r, 2));
}
