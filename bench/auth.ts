/**
 * Sign-in and authorization costs (issue 12 targets: sign-in at most 300 ms; the session and role check at
 * most 0.05 ms per call). Peers in the same run: sign-in against the bare scrypt hash it performs, and a
 * dispatched call against the same validation + handler + output check without the session and role check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { procedures } from '../shared/contract';
import { authorize, createCoreDispatcher, createHandlers, type HandlerContext } from '../main/core/api';
import { loadConfig } from '../main/core/config';
import { createCore } from '../main/core/container';
import { createLogger } from '../main/core/log';
import { hashSecret } from '../main/core/users';

const SIGN_INS = 12;
const CALLS = 20_000;
const PASSWORD = 'bench-only-password';

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function perCall(n: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 500; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t) / n;
}

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
const log = createLogger({ level: 'silent' });
const core = await createCore({
  config: loadConfig({ dataDir: join(dir, 'data'), mode: 'browser', modelsDir: join(dir, 'models') }),
  passphrase: 'bench-only',
  create: true,
  log,
});
try {
  const system = { kind: 'system' as const, id: 'bench', role: 'system' };
  const user = await core.accounts.add({ name: 'Bench Agent', role: 'agent', password: PASSWORD }, system);

  const signIn = stats(await timeEach(SIGN_INS, () => core.accounts.signIn('Bench Agent', PASSWORD)));
  const scrypt = stats(await timeEach(SIGN_INS, () => hashSecret(PASSWORD)));
  console.log(
    `sign-in     median ${signIn.median.toFixed(1)} ms, p95 ${signIn.p95.toFixed(1)} ms (target <= 300 ms: ` +
      `${signIn.p95 <= 300 ? 'met' : 'MISSED'}) · scrypt alone median ${scrypt.median.toFixed(1)} ms · ` +
      `sign-in/scrypt ${(signIn.median / scrypt.median).toFixed(2)}x (${SIGN_INS} each)`,
  );

  const { token } = core.sessions.create(user.id);
  const ctx = { transport: 'test' as const, sessionToken: token };
  const dispatch = createCoreDispatcher(core);
  const handlers = createHandlers(core);
  const name = 'auth.whoami' as const;
  const schema = procedures[name];
  const checked = authorize(core, name, ctx);
  if (!checked.ok) throw new Error('bench session was refused');
  const handlerCtx: HandlerContext = { ...ctx, actor: checked.actor, session: checked.session };
  // The same call without the session and role check: validate, run the handler, check the output.
  const bare = async () => {
    const input = schema.input.parse({});
    schema.output.parse(await handlers[name](input, handlerCtx));
  };
  const withCheck = await perCall(CALLS, () => dispatch(name, {}, ctx));
  const without = await perCall(CALLS, bare);
  const checkOnly = await perCall(CALLS, () => authorize(core, name, ctx));
  const overhead = withCheck - without;
  console.log(
    `per call    ${name} dispatched ${(withCheck * 1000).toFixed(1)} µs · without the check ${(without * 1000).toFixed(1)} µs · ` +
      `ratio ${(withCheck / without).toFixed(2)}x · difference ${(overhead * 1000).toFixed(1)} µs · ` +
      `session+role check alone ${(checkOnly * 1000).toFixed(2)} µs (target <= 50 µs: ${checkOnly <= 0.05 ? 'met' : 'MISSED'}) · ${CALLS} calls each`,
  );
} finally {
  await core.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
