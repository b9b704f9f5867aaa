/**
 * LAN delivery between two desks on loopback (mutual TLS 1.3, pinned fingerprints), next to a raw TLS 1.3
 * round trip with the same keys in the same run:
 *  - latency: an escalation committed to the staff desk's outbox until it is applied on the supervisor desk
 *    (p50/p99; each is a full event + apply + SQLite commit + ack), versus an echo over a bare TLS socket;
 *  - throughput and recovery: BENCH_LAN_BACKLOG events queued while the link is down, then the time from
 *    the link coming back to the outbox being drained, and events/s over that drain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../main/core/config';
import { createCore, type Core } from '../main/core/container';
import type { LanActor } from '../main/core/lan';
import { createLogger } from '../main/core/log';
import { escalationService } from '../main/core/escalations';

const SAMPLES = Number(process.env.BENCH_LAN_SAMPLES ?? 200);
const BACKLOG = Number(process.env.BENCH_LAN_BACKLOG ?? 1000);

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-lan-'));
const open = (name: string) =>
  createCore({
    config: loadConfig({ dataDir: join(dir, name), mode: 'cli', modelsDir: join(dir, 'no-models') }),
    passphrase: 'bench-only',
    create: true,
    log: createLogger({ level: 'silent' }),
  });
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const staff: Core = await open('staff');
const sup: Core = await open('sup');
try {
  const boss = sup.users.create({ name: 'Boss', role: 'supervisor' });
  const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
  const sd = await staff.lan.desk();
  const vd = await sup.lan.desk();
  const vServe = await vd.serve({ host: '127.0.0.1', port: 0 });
  await sd.join({ host: '127.0.0.1', port: vServe.port, code: vd.invite(actor, 10).code, actor });
  const pipeline = await staff.pipeline.get();
  await pipeline.runTurn({
    conversationId: 'seed',
    text: 'My card was stolen!!! I want a human NOW',
    domain: 'bank',
  });
  const convs = staff.conversations;
  const svc = escalationService({ store: staff.store, audit: staff.audit, conversations: convs });
  const packet = svc.get(svc.forConversation('seed')[0]!.id).packet!;
  let n = 0;
  const escalate = () => {
    const conv = convs.ensure(`b${n++}`, 'bank', new Date().toISOString());
    svc.open({
      conversationId: conv.id,
      subjectId: conv.subject_id,
      packet: { ...packet, conversationId: conv.id, turnId: `t${n}` },
      actor: { kind: 'system', id: 'bench', role: 'system' },
    });
    staff.lan.queue.onTurnDone(conv.id);
    return conv.id;
  };
  const arrivals = new Map<string, () => void>();
  sup.events.subscribe((e) => {
    if (e.topic !== 'escalation.opened') return;
    const id = String(e.data.escalationId);
    const conv = sup.store.db
      .prepare<[string], { conversation_id: string }>('SELECT conversation_id FROM escalations WHERE id = ?')
      .get(id);
    if (conv) arrivals.get(conv.conversation_id)?.();
  });
  let sServe = await sd.serve({ host: '127.0.0.1', port: 0, pollMs: 1000 });
  while (sd.peers()[0]!.outbox > 0) await new Promise((r) => setTimeout(r, 20));

  const lan: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    const conv = escalate();
    const arrived = new Promise<void>((r) => arrivals.set(conv, r));
    const t0 = performance.now();
    sServe.kick();
    await arrived;
    if (i >= 20) lan.push(performance.now() - t0);
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
  const raw: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
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
    if (i >= 20) raw.push(performance.now() - t0);
  }
  sock.destroy();
  echo.close();

  // Link down, backlog queued, link restored: time to drain.
  await sServe.close();
  for (let i = 0; i < BACKLOG; i++) escalate();
  const queued = sd.peers()[0]!.outbox;
  const t0 = performance.now();
  sServe = await sd.serve({ host: '127.0.0.1', port: 0, pollMs: 5 });
  while (sd.peers()[0]!.outbox > 0) await new Promise((r) => setTimeout(r, 5));
  const drainMs = performance.now() - t0;
  await sServe.close();
  await vServe.close();

  console.log(
    `lan delivery (outbox -> applied on peer), ${SAMPLES} samples: p50 ${ms(pct(lan, 50))}, p99 ${ms(pct(lan, 99))}`,
  );
  console.log(
    `raw TLS 1.3 round trip (1 KiB echo),        ${SAMPLES} samples: p50 ${ms(pct(raw, 50))}, p99 ${ms(pct(raw, 99))}`,
  );
  console.log(
    `ratio lan/raw: p50 ${(pct(lan, 50) / pct(raw, 50)).toFixed(1)}x, p99 ${(pct(lan, 99) / pct(raw, 99)).toFixed(1)}x (target: lan p99 <= 50 ms -> ${pct(lan, 99) <= 50 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `backlog of ${queued} events: link restored -> outbox drained in ${ms(drainMs)} (${((queued / drainMs) * 1000).toFixed(0)} events/s)`,
  );
} finally {
  await staff.shutdown();
  await sup.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
