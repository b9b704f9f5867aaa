/**
 * The parts of bench/lan.ts that live with one desk, so the supervisor desk can run in its own process
 * (bench/lib/lan-supervisor.ts) or, with BENCH_LAN_ONE_PROCESS=1, beside the staff desk as before.
 *
 * Clock: every time here is `performance.timeOrigin + performance.now()` (ms since the epoch, sub-ms). Two
 * processes do not share `performance.now()` (each counts from its own start), but `timeOrigin` is the
 * wall-clock time of that start read once, so the sum is on one time base in both processes, up to the error
 * of two wall-clock reads (microseconds) and any clock step between them (none in a bench run). That keeps
 * the one-way figures (up: queued on staff -> applied on supervisor) that the one-process bench printed;
 * timing round trips from one side only would add an IPC hop to every sample. bench/lan.ts estimates the
 * offset between the two processes with IPC pings and prints it, so a skew would show.
 */
import { createServer as createTlsServer, type Server } from 'node:tls';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../../main/core/config';
import { createCore, type Core } from '../../main/core/container';
import { setLanTrace, type LanActor } from '../../main/core/lan';
import { createLogger } from '../../main/core/log';

export const now = (): number => performance.timeOrigin + performance.now();

export const openDesk = (dir: string, name: string, create = true): Promise<Core> =>
  createCore({
    config: loadConfig({ dataDir: join(dir, name), mode: 'cli', modelsDir: join(dir, 'no-models') }),
    passphrase: 'bench-only',
    create,
    log: createLogger({ level: 'silent' }),
  });

export type Marks = Record<string, Record<string, number>>;
export interface ProbeReport {
  marks: Marks;
  gcs: Array<{ start: number; duration: number }>;
  loop: { p99: number; max: number };
}

/**
 * Per-event marks of the delivery path (main/core/lan/trace.ts), GC pauses and event-loop delay of this
 * process, all on the shared time base. One probe per process: the trace sink is process-wide.
 */
export function startProbe() {
  const marks = new Map<string, Record<string, number>>();
  const gcs: Array<{ start: number; duration: number }> = [];
  let applying: string | null = null;
  setLanTrace((id, phase, at) => {
    const m = marks.get(id) ?? {};
    m[phase] ??= performance.timeOrigin + at;
    marks.set(id, m);
    if (phase === 'begin') applying = id;
    if (phase === 'committed' && applying === id) applying = null;
  });
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  /** Time spent inside `fn` while an event is being applied is added to that event's `label`. */
  const timeInto =
    <A extends unknown[], R>(label: string, fn: (...a: A) => R) =>
    (...a: A): R => {
      const t = performance.now();
      try {
        return fn(...a);
      } finally {
        const m = applying ? marks.get(applying) : undefined;
        if (m) m[label] = (m[label] ?? 0) + performance.now() - t;
      }
    };
  return {
    marks,
    gcs,
    loopDelay,
    /** The subject keyring (seal) and the audit ledger, timed inside an apply. */
    instrument(core: Core) {
      const c = core.store.cipher;
      c.seal = timeInto('keyring', c.seal.bind(c));
      const a = core.audit as { append: Core['audit']['append'] };
      a.append = timeInto('audit', core.audit.append.bind(core.audit));
    },
    report(): ProbeReport {
      return {
        marks: Object.fromEntries(marks),
        gcs,
        loop: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      };
    },
    stop() {
      gcObserver.disconnect();
      loopDelay.disable();
      setLanTrace(null);
    },
  };
}
export type Probe = ReturnType<typeof startProbe>;

/** What the bench asks of the supervisor desk; the same calls in-process or over IPC. */
export interface SupervisorDesk {
  deviceId(): Promise<string>;
  serve(opts: { walIdleMs?: number }): Promise<number>;
  closeServe(): Promise<void>;
  invite(): Promise<string>;
  /** Claims the escalation; resolves with the time its commit returned. */
  claim(escalationId: string): Promise<number>;
  /** `at`: when the escalation's apply had committed on the supervisor desk. */
  onOpened(cb: (escalationId: string, at: number) => void): void;
  /** A bare TLS 1.3 echo server with the given keys (for the raw round trip). */
  startEcho(keyPem: string, certPem: string): Promise<number>;
  stopEcho(): Promise<void>;
  /** This desk's process clock, for the offset estimate. */
  clock(): Promise<number>;
  loop(on: boolean): Promise<void>;
  /** null when the probe is shared with the caller (one process). */
  report(): Promise<ProbeReport | null>;
  shutdown(): Promise<void>;
}

/** The supervisor desk in this process. `probe` instruments it; its report stays with the caller's probe. */
export async function supervisorDesk(dir: string, probe: Probe, shared: boolean): Promise<SupervisorDesk> {
  const core = await openDesk(dir, 'sup');
  probe.instrument(core);
  const boss = core.users.create({ name: 'Boss', role: 'supervisor' });
  const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
  const desk = await core.lan.desk();
  let handle: { port: number; close(): Promise<void> } | null = null;
  let echo: Server | null = null;
  const listeners: Array<(id: string, at: number) => void> = [];
  core.events.subscribe((e) => {
    if (e.topic !== 'escalation.opened') return;
    const id = String(e.data.escalationId);
    // The push is published inside the applying transaction; a microtask runs once that has committed.
    queueMicrotask(() => {
      const at = now();
      for (const l of listeners) l(id, at);
    });
  });
  return {
    deviceId: () => Promise.resolve(desk.identity.deviceId),
    async serve(opts) {
      handle = await desk.serve({ host: '127.0.0.1', port: handle?.port ?? 0, ...opts });
      return handle.port;
    },
    async closeServe() {
      await handle?.close();
    },
    invite: () => Promise.resolve(desk.invite(actor, 10).code),
    claim(escalationId) {
      desk.act(escalationId, actor, { kind: 'claim' });
      return Promise.resolve(now());
    },
    onOpened: (cb) => void listeners.push(cb),
    async startEcho(keyPem, certPem) {
      const server = createTlsServer({ key: keyPem, cert: certPem, minVersion: 'TLSv1.3' }, (s) => s.pipe(s));
      echo = server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return (server.address() as { port: number }).port;
    },
    async stopEcho() {
      await new Promise((r) => echo?.close(r));
    },
    clock: () => Promise.resolve(now()),
    loop(on) {
      if (!shared) {
        if (on) probe.loopDelay.enable();
        else probe.loopDelay.disable();
      }
      return Promise.resolve();
    },
    report: () => Promise.resolve(shared ? null : probe.report()),
    async shutdown() {
      await core.shutdown();
    },
  };
}
