/**
 * The supervisor desk of bench/lan.ts in a child process of its own, as on a real branch (its own event loop,
 * its own fsyncs and GC). `forkSupervisor` starts it and returns the same `SupervisorDesk` calls, sent over
 * Node's IPC channel; run as a script, this file is that child.
 */
import { fork } from 'node:child_process';
import { startProbe, supervisorDesk, type SupervisorDesk } from './lan-desk';

type Call = { id: number; method: keyof SupervisorDesk; args: unknown[] };
type Reply = { id: number; result?: unknown; error?: string } | { opened: string; at: number };

export async function forkSupervisor(dir: string): Promise<SupervisorDesk> {
  const child = fork(import.meta.filename, [dir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const opened: Array<(id: string, at: number) => void> = [];
  let next = 0;
  child.on('message', (m: Reply) => {
    if ('opened' in m) {
      for (const cb of opened) cb(m.opened, m.at);
      return;
    }
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`supervisor desk exited with ${code}`));
    pending.clear();
  });
  const call =
    <T>(method: keyof SupervisorDesk) =>
    (...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, method, args } satisfies Call);
      });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`supervisor desk did not start (exit ${code})`)));
  });
  return {
    deviceId: call('deviceId'),
    serve: call('serve'),
    closeServe: call('closeServe'),
    invite: call('invite'),
    claim: call('claim'),
    onOpened: (cb) => void opened.push(cb),
    startEcho: call('startEcho'),
    stopEcho: call('stopEcho'),
    clock: call('clock'),
    loop: call('loop'),
    report: call('report'),
    async shutdown() {
      await call('shutdown')();
      child.disconnect();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

if (process.argv[1] === import.meta.filename && process.send) {
  const send = (m: Reply | { ready: true }) => process.send!(m);
  const probe = startProbe();
  const desk = await supervisorDesk(process.argv[2]!, probe, false);
  desk.onOpened((id, at) => send({ opened: id, at }));
  process.on('message', (m: Call) => {
    const fn = desk[m.method] as (...a: unknown[]) => Promise<unknown>;
    fn(...m.args).then(
      (result) => send({ id: m.id, result }),
      (e: unknown) => send({ id: m.id, error: String(e) }),
    );
  });
  // The parent disconnects after `shutdown` has closed the store; nothing is left to flush.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}
