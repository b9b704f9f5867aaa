/**
 * LAN delivery between two desks on loopback (mutual TLS 1.3, pinned fingerprints), next to a raw TLS 1.3
 * round trip with the same keys in the same run. Both endpoints run with their default options, as
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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { connect, createServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../main/core/config';
import { createCore, type Core } from '../main/core/container';
import { setLanTrace, type LanActor } from '../main/core/lan';
import { createLogger } from '../main/core/log';
import { escalationService } from '../main/core/escalations';

const SAMPLES = Number(process.env.BENCH_LAN_SAMPLES ?? 200);
const BACKLOG = Number(process.env.BENCH_LAN_BACKLOG ?? 1000);
const PAUSE_MS = Number(process.env.BENCH_LAN_PAUSE_MS ?? 20);
const WARMUP = 20;
/** Unset: the endpoint's default; 0: SQLite's own automatic checkpoint inside commits (for comparison). */
const WAL_IDLE_MS = process.env.BENCH_LAN_WAL_IDLE_MS;
const serveAt = { host: '127.0.0.1', port: 0, ...(WAL_IDLE_MS ? { walIdleMs: Number(WAL_IDLE_MS) } : {}) };

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-lan-'));
const open = (name: string, create = true) =>
  createCore({
    config: loadConfig({ dataDir: join(dir, name), mode: 'cli', modelsDir: join(dir, 'no-models') }),
    passphrase: 'bench-only',
    create,
    log: createLogger({ level: 'silent' }),
  });
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const pause = () => sleep(Math.random() * PAUSE_MS);

const gcs: Array<{ start: number; duration: number }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

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

/**
 * Per-event marks of the delivery path (main/core/lan/trace.ts): send (pump), received (frame decoded),
 * flush (batch applied), begin (BEGIN IMMEDIATE held), applied, committed; plus the time spent inside the
 * subject keyring (seal: a new customer's key is created and committed there) and the audit ledger.
 */
const marks = new Map<string, Record<string, number>>();
let applying: string | null = null;
setLanTrace((id, phase, at) => {
  const m = marks.get(id) ?? {};
  m[phase] ??= at;
  marks.set(id, m);
  if (phase === 'begin') applying = id;
  if (phase === 'committed' && applying === id) applying = null;
});
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
const instrument = (core: Core) => {
  const c = core.store.cipher;
  c.seal = timeInto('keyring', c.seal.bind(c));
  const a = core.audit as { append: Core['audit']['append'] };
  a.append = timeInto('audit', core.audit.append.bind(core.audit));
};

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

const staff: Core = await open('staff');
const sup: Core = await open('sup');
let other: Core | null = null;
try {
  instrument(staff);
  instrument(sup);
  const boss = sup.users.create({ name: 'Boss', role: 'supervisor' });
  const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
  const sd = await staff.lan.desk();
  const vd = await sup.lan.desk();
  const vServe = await vd.serve(serveAt);
  await sd.join({ host: '127.0.0.1', port: vServe.port, code: vd.invite(actor, 10).code, actor });
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

  const arrivedUp = new Map<string, () => void>();
  sup.events.subscribe((e) => {
    if (e.topic === 'escalation.opened') arrivedUp.get(String(e.data.escalationId))?.();
  });
  const arrivedDown = new Map<string, () => void>();
  staff.events.subscribe((e) => {
    if (e.topic === 'conversation.changed') arrivedDown.get(String(e.data.escalationId))?.();
  });
  // The push is published inside the applying transaction; a microtask runs once that has committed.
  const waitFor = (m: Map<string, () => void>, id: string) =>
    new Promise<number>((r) =>
      m.set(id, () => {
        m.delete(id);
        queueMicrotask(() => r(performance.now()));
      }),
    );

  let sServe = await sd.serve(serveAt);
  while (sd.peers()[0]!.outbox > 0) await sleep(20);

  loopDelay.enable();
  const upTrace: Array<{ id: string; t0: number; t1: number }> = [];
  const downTrace: Array<{ t0: number; t1: number }> = [];
  const up = new Series('up: escalation -> applied on supervisor desk');
  const down = new Series('down: claim -> applied on staff desk');
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    await pause();
    const { escalationId } = escalate();
    const t0 = performance.now();
    const t1 = await waitFor(arrivedUp, escalationId);
    await pause();
    const back = waitFor(arrivedDown, escalationId);
    vd.act(escalationId, actor, { kind: 'claim' });
    const t2 = performance.now();
    const t3 = await back;
    if (i >= WARMUP) {
      up.add(t0, t1);
      down.add(t2, t3);
      upTrace.push({ id: escalationId, t0, t1 });
      downTrace.push({ t0: t2, t1: t3 });
    }
  }
  loopDelay.disable();

  // A second connection to the staff store stands for another process: only the poll can notice it.
  other = await open('staff', false);
  const cross = new Series('other connection: queued -> applied');
  for (let i = 0; i < Math.min(SAMPLES, 100) + 5; i++) {
    await pause();
    const { escalationId } = escalateOn(other);
    const t0 = performance.now();
    const t1 = await waitFor(arrivedUp, escalationId);
    if (i >= 5) cross.add(t0, t1);
  }

  // The bare transport: TLS 1.3 on loopback, same keys, a 1 KiB echo with no framing, SQLite or ack.
  const id = sd.identity;
  const echo = createServer({ key: id.keyPem, cert: id.certPem, minVersion: 'TLSv1.3' }, (s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const port = (echo.address() as { port: number }).port;
  const sock = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1.3' });
  await new Promise<void>((r) => sock.once('secureConnect', () => r()));
  sock.setNoDelay(true);
  const payload = Buffer.alloc(1024, 0x61);
  const raw = new Series('raw TLS 1.3 round trip (1 KiB echo)');
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    await pause();
    const t0 = performance.now();
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
    if (i >= WARMUP) raw.add(t0, performance.now());
  }
  sock.destroy();
  echo.close();

  // Link down, backlog queued, link restored: time to drain.
  await sServe.close();
  for (let i = 0; i < BACKLOG; i++) escalate();
  const queued = sd.peers()[0]!.outbox;
  const t0 = performance.now();
  sServe = await sd.serve(serveAt);
  while (sd.peers()[0]!.outbox > 0) await sleep(5);
  const drainMs = performance.now() - t0;
  await sServe.close();
  await vServe.close();

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
  console.log(
    `event-loop delay during up/down: p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}`,
  );
  console.log(
    `backlog of ${queued} events: link restored -> outbox drained in ${ms(drainMs)} (${((queued / drainMs) * 1000).toFixed(0)} events/s)`,
  );
} finally {
  gcObserver.disconnect();
  await other?.shutdown();
  await staff.shutdown();
  await sup.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
