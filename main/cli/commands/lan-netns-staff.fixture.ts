/**
 * Child process for lan-netns.test.ts, run inside the staff desk's network namespace: pairs with the
 * supervisor desk, runs the LAN endpoint, and on `turns PREFIX K` (stdin) runs K escalating turns.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../core/config';
import { createCore } from '../../core/container';
import { createLogger } from '../../core/log';

const [dataDir, passphrase, host, port, code, bind] = process.argv.slice(2);
if (!dataDir || !passphrase || !host || !port || !code || !bind)
  throw new Error('usage: see lan-netns.test.ts');
const core = await createCore({
  config: loadConfig({ dataDir, mode: 'cli', modelsDir: `${dataDir}/no-models` }),
  passphrase,
  log: createLogger({ level: 'silent' }),
});
const desk = await core.lan.desk();
const admin = core.users.findByName('Ada');
if (!admin) throw new Error('no user Ada');
await desk.join({ host, port: Number(port), code, actor: { kind: 'user', ...admin } });
await desk.serve({ host: bind, port: 0, pollMs: 20, backoffMs: { min: 50, max: 500 } });
const pipeline = await core.pipeline.get();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, prefix, k] = line.split(' ');
  if (cmd === 'turns' && prefix && k) {
    for (let i = 0; i < Number(k); i++)
      await pipeline.runTurn({
        conversationId: `${prefix}-${i}`,
        text: 'My card 4111 1111 1111 1111 was stolen!!! I want a human NOW',
        domain: 'bank',
      });
    process.stdout.write(`ok ${prefix} outbox ${desk.peers()[0]?.outbox ?? -1}\n`);
  }
}
