/**
 * Bridge overhead: the same contract call (`status.get`, then `users.list`) dispatched in-process versus
 * over the loopback bridge (HTTP, token check, JSON both ways). Prints per-call latency and the ratio, so a
 * regression in the transport shows up against its own in-process peer on the same machine and run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionCookieName, startBridge } from '../main/bridge';
import { createCoreDispatcher } from '../main/core/api';
import { loadConfig } from '../main/core/config';
import { createCore } from '../main/core/container';
import { createLogger } from '../main/core/log';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = 30;

async function time(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await run();
  return (performance.now() - started) / ITERATIONS;
}

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
const log = createLogger({ level: 'silent' });
const core = await createCore({
  config: loadConfig({ dataDir: join(dir, 'data'), mode: 'browser' }),
  passphrase: 'bench-only',
  create: true,
  log,
});
const dispatch = createCoreDispatcher(core);
const bridge = await startBridge({ dispatch, log, staticDir: null });
// Every call acts as a signed-in admin (users.list is admin-only), exactly as the UI does.
const admin = await core.accounts.add(
  { name: 'Bench Admin', role: 'admin', password: 'bench-only-password' },
  { kind: 'system', id: 'bench', role: 'system' },
);
const { token: sessionToken } = core.sessions.create(admin.id);
const cookie = `${sessionCookieName(bridge.port)}=${sessionToken}`;
try {
  for (const name of ['status.get', 'users.list'] as const) {
    const direct = await time(() => dispatch(name, {}, { transport: 'test', sessionToken }));
    const overHttp = await time(async () => {
      const res = await fetch(`${bridge.origin}/api/call`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${bridge.token}`,
          'Content-Type': 'application/json',
          Cookie: cookie,
        },
        body: JSON.stringify({ name, input: {} }),
      });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`${name} failed over the bridge`);
    });
    console.log(
      `${name.padEnd(11)} in-process ${direct.toFixed(3)} ms/call · bridge ${overHttp.toFixed(3)} ms/call · ` +
        `bridge/in-process ${(overHttp / direct).toFixed(1)}x (${ITERATIONS} calls each)`,
    );
  }
} finally {
  await bridge.close();
  await core.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
