/**
 * LAN delivery between two desks on loopback (mutual TLS 1.3, pinned fingerprints), next to a raw TLS 1.3
 * round trip with the same keys in the same run (between the same two processes). Both endpoints run with their default options, as
 * `lan serve`, `web` and the desktop app run them; nothing calls `kick()`.
 *  - up: an escalation committed to the outbox by the same call a turn makes (`queue.onTurnDone`) until it
 *    is applied and committed on the supervisor desk (read, send, receive, apply, SQLite commit), one at a time with a random pause before each, so the
 *    link is idle when it is queued (as at a branch) instead of riding on the previous event's ack;
 *  - down: a supervisor's claim (`act`, committed with its outbox row) until the staff desk has applied it
 *    and published `conversation.changed`;
 *  - other connection: an escalation queued through a second connection to the staff store (what a CLI
 *    `turn` beside `lan serve` does), which the endpoint can only notice by polling;
 *  - throughput and recovery: BENCH_LAN_BACKLOG events queued while the link is down, then the time from
 *    the link coming back to the outbox being drained, and events/s over that drain.
 * Where the time goes is printed for the slowest samples (GC pauses and event-loop delay in the window).
 * The supervisor desk runs in a child process (bench/lib/lan-supervisor.ts), so neither desk's fsyncs, GC
 * or checkpoints stall the other's event loop, as at a branch; BENCH_LAN_ONE_PROCESS=1 runs both here.
 * Times are on one time base across the two processes: see bench/lib/lan-desk.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { connect } from 'node:tls';
import { join } from 'node:path';
import type { Core } from '../main/core/container';
import { escalationService } from '../main/core/escalations';
import { now, openDesk, startProbe, supervisorDesk, type SupervisorDesk } from './lib/lan-desk';
import { forkSupervisor } from './lib/lan-supervisor';

const SAMPLES = Number(process.env.BENCH_LAN_SAMPLES ?? 200);
const BACKLOG = Number(process.env.BENCH_LAN_BACKLOG ?? 1000);
const PAUSE_MS = Number(process.env.BENCH_LAN_PAUSE_MS ?? 20);
/** 1: both desks in this process, sharing one event loop (the earlier bench), for comparison. */
const ONE_PROCESS = process.env.BENCH_LAN_ONE_PROCESS === '1';
const WARMUP = 20;
/** Unset: the endpoint's default; 0: SQLite's own automatic checkpoint inside commits (for comparison). */
const WAL_IDLE_MS = process.env.BENCH_LAN_WAL_IDLE_MS;
const serveOpts = WAL_IDLE_MS ? { walIdleMs: Number(WAL_IDLE_MS) } : {};
const serveAt = { host: '127.0.0.1', port: 0, ...serveOpts };

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-lan-'));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const pause = () => sleep(Math.random() * PAUSE_MS);

const probe = startProbe();
const { marks, gcs } = probe;

/** One latency series: the samples, and per sample its window (for the GC pauses inside it). */
class Series {
  readonly xs: number[] = [];
  private readonly windows: Array<[number, number]> = [];
  constructor(readonly name: string) {}
  add(t0: number, t1: number) {
    this.xs.push(t1 - t0);
    this.windows.push([t0, t1]);
  }
  line() {
    return `${this.name.padEnd(44)} n=${this.xs.length}: p50 ${ms(pct(this.xs, 50))}, p95 ${ms(pct(this.xs, 95))}, p99 ${ms(pct(this.xs, 99))}, max ${ms(Math.max(...this.xs))}`;
  }
  /** The slowest samples and the GC time that fell inside each (a pause inside a sample is its tail). */
  tail(k = 3) {
    return this.xs
      .map((x, i) => [x, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, k)
      .map(([x, i]) => {
        const [a, b] = this.windows[i]!;
        const gc = gcs
          .filter((g) => g.start < b && g.start + g.duration > a)
          .reduce((s, g) => s + g.duration, 0);
        return `${x.toFixed(1)} ms (GC ${gc.toFixed(1)} ms)`;
      })
      .join(', ');
  }
}

/** The marks of the one event of `accept` whose send fell inside the window. */
const traceOf = (accept: (id: string) => boolean, w: { t0: number; t1: number }) => {
  for (const [id, m] of marks)
    if (accept(id) && m.send !== undefined && m.send >= w.t0 - 1 && m.send <= w.t1) return m;
  return undefined;
};
const PHASES: Array<[string, string, string]> = [
  ['queued -> sent', 't0', 'send'],
  ['sent -> frame received', 'send', 'received'],
  ['received -> batch flush', 'received', 'flush'],
  ['flush -> BEGIN IMMEDIATE held', 'flush', 'begin'],
  ['apply (whole)', 'begin', 'applied'],
  ['COMMIT', 'applied', 'committed'],
  ['committed -> seen by bench', 'committed', 't1'],
];
/** Where the time of each sample went: per phase p50/p95/p99, then the slowest samples in full. */
const breakdown = (
  name: string,
  rows: Array<{ t0: number; t1: number; m: Record<string, number> | undefined }>,
) => {
  const full = rows.filter((r) => r.m?.send !== undefined && r.m.committed !== undefined);
  const at = (r: (typeof full)[number], k: string) => (k === 't0' ? r.t0 : k === 't1' ? r.t1 : r.m![k]!);
  console.log(`${name}: where the time goes (${full.length}/${rows.length} samples traced)`);
  const phase = (label: string, xs: number[]) =>
    console.log(
      `  ${label.padEnd(32)} p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, p99 ${ms(pct(xs, 99))}, mean ${ms(xs.reduce((a, b) => a + b, 0) / xs.length)}`,
    );
  for (const [label, a, b] of PHASES)
    phase(
      label,
      full.map((r) => at(r, b) - at(r, a)),
    );
  for (const k of ['keyring', 'audit'])
    phase(
      `  of which ${k}`,
      full.map((r) => r.m![k] ?? 0),
    );
  const slow = [...full].sort((x, y) => y.t1 - y.t0 - (x.t1 - x.t0)).slice(0, 3);
  for (const r of slow)
    console.log(
      `  slow ${(r.t1 - r.t0).toFixed(1)} ms: ` +
        PHASES.map(
          ([l, a, b]) => `${l.split(' ')[0]}..${l.split(' ').at(-1)} ${(at(r, b) - at(r, a)).toFixed(1)}`,
        ).join(', ') +
        `, keyring ${(r.m!.keyring ?? 0).toFixed(1)}, audit ${(r.m!.audit ?? 0).toFixed(1)}`,
    );
};

const staff: Core = await openDesk(dir, 'staff');
const sup: SupervisorDesk = ONE_PROCESS ? await supervisorDesk(dir, probe, true) : await forkSupervisor(dir);
let other: Core | null = null;
try {
  probe.instrument(staff);
  const load0 = loadavg()[0]!;
  const sd = await staff.lan.desk();
  const supPort = await sup.serve(serveOpts);
  const code = await sup.invite();
  await sd.join({
    host: '127.0.0.1',
    port: supPort,
    code,
    actor: { kind: 'user', id: 'bench', name: 'Bench', role: 'admin' },
  });
  // Offset between the two processes' clocks (see bench/lib/lan-desk.ts), from the fastest of 50 IPC pings.
  let offset = { rtt: Infinity, off: 0 };
  for (let i = 0; i < 50; i++) {
    const a = now();
    const theirs = await sup.clock();
    const b = now();
    if (b - a < offset.rtt) offset = { rtt: b - a, off: theirs - (a + b) / 2 };
  }
  const pipeline = await staff.pipeline.get();
  await pipeline.runTurn({
    conversationId: 'seed',
    text: 'My card was stolen!!! I want a human NOW',
    domain: 'bank',
  });
  const packet = staff.escalations.get(staff.escalations.forConversation('seed')[0]!.id).packet!;
  let n = 0;
  /** Opens an escalation on a staff-store connection and queues it as a turn does; returns its conversation. */
  const escalateOn = (core: Core) => {
    // Without the core's change listener, as before: the bench times the LAN's own push.
    const svc = escalationService({
      store: core.store,
      audit: core.audit,
      conversations: core.conversations,
    });
    const conv = core.conversations.ensure(`b${n++}`, 'bank', new Date().toISOString());
    const e = svc.open({
      conversationId: conv.id,
      subjectId: conv.subject_id,
      packet: { ...packet, conversationId: conv.id, turnId: `t${n}` },
      actor: { kind: 'system', id: 'bench', role: 'system' },
    });
    core.lan.queue.onTurnDone(conv.id);
    return { conversationId: conv.id, escalationId: e.id };
  };
  const escalate = () => escalateOn(staff);

  const arrivedUp = new Map<string, (at: number) => void>();
  sup.onOpened((id, at) => arrivedUp.get(id)?.(at));
  const arrivedDown = new Map<string, (at: number) => void>();
  staff.events.subscribe((e) => {
    if (e.topic !== 'conversation.changed') return;
    const id = String(e.data.escalationId);
    // The push is published inside the applying transaction; a microtask runs once that has committed.
    queueMicrotask(() => arrivedDown.get(id)?.(now()));
  });
  const waitFor = (m: Map<string, (at: number) => void>, id: string) =>
    new Promise<number>((r) =>
      m.set(id, (at) => {
        m.delete(id);
        r(at);
      }),
    );

  let sServe = await sd.serve(serveAt);
  while (sd.peers()[0]!.outbox > 0) await sleep(20);

  probe.loopDelay.enable();
  await sup.loop(true);
  const upTrace: Array<{ id: string; t0: number; t1: number }> = [];
  const downTrace: Array<{ t0: number; t1: number }> = [];
  const up = new Series('up: escalation -> applied on supervisor desk');
  const down = new Series('down: claim -> applied on staff desk');
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    await pause();
    const { escalationId } = escalate();
    const t0 = now();
    const t1 = await waitFor(arrivedUp, escalationId);
    await pause();
    const back = waitFor(arrivedDown, escalationId);
    const t2 = await sup.claim(escalationId);
    const t3 = await back;
    if (i >= WARMUP) {
      up.add(t0, t1);
      down.add(t2, t3);
      upTrace.push({ id: escalationId, t0, t1 });
      downTrace.push({ t0: t2, t1: t3 });
    }
  }
  probe.loopDelay.disable();
  await sup.loop(false);

  // A second connection to the staff store stands for another process: only the poll can notice it.
  other = await openDesk(dir, 'staff', false);
  const cross = new Series('other connection: queued -> applied');
  for (let i = 0; i < Math.min(SAMPLES, 100) + 5; i++) {
    await pause();
    const { escalationId } = escalateOn(other);
    const t0 = now();
    const t1 = await waitFor(arrivedUp, escalationId);
    if (i >= 5) cross.add(t0, t1);
  }

  // The bare transport: TLS 1.3 on loopback, same keys, a 1 KiB echo with no framing, SQLite or ack, from
  // this process to the supervisor desk's process (its own event loop, as the desks' link is).
  const id = sd.identity;
  const port = await sup.startEcho(id.keyPem, id.certPem);
  const sock = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1.3' });
  await new Promise<void>((r) => sock.once('secureConnect', () => r()));
  sock.setNoDelay(true);
  const payload = Buffer.alloc(1024, 0x61);
  const raw = new Series('raw TLS 1.3 round trip (1 KiB echo)');
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    await pause();
    const t0 = now();
    await new Promise<void>((resolve) => {
      let got = 0;
      const on = (c: Buffer) => {
        got += c.length;
        if (got >= payload.length) {
          sock.off('data', on);
          resolve();
        }
      };
      sock.on('data', on);
      sock.write(payload);
    });
    if (i >= WARMUP) raw.add(t0, now());
  }
  sock.destroy();
  await sup.stopEcho();

  // Link down, backlog queued, link restored: time to drain.
  await sServe.close();
  for (let i = 0; i < BACKLOG; i++) escalate();
  const queued = sd.peers()[0]!.outbox;
  const t0 = now();
  sServe = await sd.serve(serveAt);
  while (sd.peers()[0]!.outbox > 0) await sleep(5);
  const drainMs = now() - t0;
  await sServe.close();
  await sup.closeServe();

  // The supervisor process's marks and GC pauses join this process's (same time base).
  const theirs = await sup.report();
  if (theirs) {
    for (const [k, m] of Object.entries(theirs.marks)) marks.set(k, { ...m, ...marks.get(k) });
    gcs.push(...theirs.gcs);
  }

  console.log(
    `mode: ${ONE_PROCESS ? 'both desks in one process (BENCH_LAN_ONE_PROCESS=1)' : 'supervisor desk in its own process'}; ` +
      `load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end; ` +
      `clock offset supervisor-staff ${offset.off.toFixed(3)} ms (IPC round trip ${offset.rtt.toFixed(3)} ms)`,
  );
  const ratio = (s: Series, p: number) => (pct(s.xs, p) / pct(raw.xs, p)).toFixed(1);
  for (const s of [up, down, cross, raw]) console.log(s.line());
  console.log(`ratio up/raw: p50 ${ratio(up, 50)}x, p95 ${ratio(up, 95)}x, p99 ${ratio(up, 99)}x`);
  console.log(`ratio down/raw: p50 ${ratio(down, 50)}x, p95 ${ratio(down, 95)}x, p99 ${ratio(down, 99)}x`);
  const worst = Math.max(pct(up.xs, 99), pct(down.xs, 99));
  console.log(`target lan p99 <= 50 ms (up and down): ${worst <= 50 ? 'met' : 'NOT met'} (${ms(worst)})`);
  console.log(`slowest up: ${up.tail()}`);
  console.log(`slowest down: ${down.tail()}`);
  breakdown(
    'up',
    upTrace.map((u) => ({ ...u, m: traceOf((id) => id.startsWith(`${u.id}:`), u) })),
  );
  breakdown(
    'down',
    downTrace.map((d) => ({ ...d, m: traceOf((id) => id.startsWith('evt_'), d) })),
  );
  const loop = probe.report().loop;
  console.log(
    `event-loop delay during up/down, ${ONE_PROCESS ? 'both desks' : 'staff process'}: p99 ${ms(loop.p99)}, max ${ms(loop.max)}` +
      (theirs ? `; supervisor process: p99 ${ms(theirs.loop.p99)}, max ${ms(theirs.loop.max)}` : ''),
  );
  console.log(
    `backlog of ${queued} events: link restored -> outbox drained in ${ms(drainMs)} (${((queued / drainMs) * 1000).toFixed(0)} events/s)`,
  );
} finally {
  probe.stop();
  await other?.shutdown();
  await staff.shutdown();
  await sup.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
