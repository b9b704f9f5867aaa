/**
 * Replication under crashes and link cuts, in one run: N escalations (LAN_FAULT_N, default 200; 1000 for
 * the long run, see docs/LAN.md) are made on a staff desk while it runs, go to a supervisor desk, and their
 * claims and resolutions come back, while at random points either `lan serve` process is killed with
 * SIGKILL and restarted, and the link between them is cut in one of the ways the `FaultLink` offers (a relay
 * on loopback, lan-faults.test.ts; a veth pair between network namespaces, lan-faults-netns.test.ts).
 * At the end: every event on both sides applied exactly once, in sequence order per device, each
 * escalation's claim before its resolution, the witness co-signed the staff ledger throughout with no
 * alert, and both ledgers verify.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { createCore, type Core } from '../../core/container';
import type { LanActor } from '../../core/lan';
import { createLogger } from '../../core/log';
import { escalationService } from '../../core/escalations';
import { conversationRepo } from '../../core/pipeline';
import { CLI_TEST_TIMEOUT_MS, cliEnv, startCli, stopCli } from '../testing';

const N = Number(process.env.LAN_FAULT_N ?? 200);
/** Each kind of fault happens at least this often; a longer run gets proportionally more. */
const MIN_FAULTS = Math.max(2, Math.round(N / 100));
const PASS = 'lan-fault-passphrase';
const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_LAN_ANNOUNCE: '0' });
const KILLS = ['kill-staff', 'kill-supervisor'] as const;

/** How the two desks are linked and how that link is cut. */
export interface FaultLink {
  /** Where each desk's `lan serve` binds, and the command each is run through (`ip netns exec NS`). */
  bind: { sup: string; staff: string };
  wrap: { sup: string[]; staff: string[] };
  /** The address the staff desk dials (pinned for it after pairing on loopback) for the supervisor's port. */
  dial(supPort: number): Promise<{ host: string; port: number }>;
  /** The link's fault kinds, with how likely each is next to a kill (1 = as likely). */
  kinds: Record<string, number>;
  /** Starts a fault and returns at once (the link comes back by itself); false if one is still running. */
  cut(kind: string): boolean;
  stats(): string;
  close(): Promise<void>;
}

const open = (dir: string, create = false) =>
  createCore({
    config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'no-models') }),
    passphrase: PASS,
    create,
    log: createLogger({ level: 'silent' }),
  });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (a: number, b: number) => a + Math.random() * (b - a);
const count = (core: Core, sql: string): number => (core.store.db.prepare(sql).pluck().get() as number) ?? 0;
const ids = (core: Core, sql: string, ...args: string[]): string[] =>
  core.store.db
    .prepare<string[], string>(sql)
    .pluck()
    .all(...args);
/** Event ids one desk queued for the other, and event ids the other applied from it. */
const sentTo = (from: Core, peer: string) =>
  ids(from, "SELECT event_id FROM lan_outbox WHERE target IN (?, '*supervisor', '*staff')", peer).sort();
const receivedFrom = (to: Core, peer: string) =>
  ids(to, 'SELECT event_id FROM lan_inbox WHERE peer = ?', peer).sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const describeLanFaults = (title: string, makeLink: () => Promise<FaultLink>, extraMs = 0) =>
  describe(title, { timeout: CLI_TEST_TIMEOUT_MS * 2 + N * 400 + extraMs }, () => {
    const root = mkdtempSync(join(tmpdir(), 'confidant-lanfault-'));
    // Whatever happens in the run, no `lan serve` outlives it (a namespace can only go once they are gone).
    const children = new Set<ChildProcessWithoutNullStreams>();
    afterAll(async () => {
      for (const c of children) await stopCli(c, 'SIGKILL');
      rmSync(root, { recursive: true, force: true });
    });

    it(`delivers ${N} escalations and their answers exactly once, in order`, async () => {
      const started = Date.now();
      const staffDir = join(root, 'staff');
      const supDir = join(root, 'sup');
      const supPort = await freePort();
      const link = await makeLink();
      let staffCore = await open(staffDir, true);
      const supCore = await open(supDir, true);
      const boss = supCore.users.create({ name: 'Boss', role: 'supervisor' });
      const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
      const vd = await supCore.lan.desk();
      const sd = await staffCore.lan.desk();
      // Paired in this process on loopback; the staff desk then dials the supervisor only over the link.
      const pairing = await vd.serve({ host: '127.0.0.1', port: supPort });
      await sd.join({ host: '127.0.0.1', port: supPort, code: vd.invite(actor, 10).code, actor });
      await pairing.close();
      const dial = await link.dial(supPort);
      staffCore.store.db
        .prepare('UPDATE lan_peers SET address = ? WHERE device_id = ?')
        .run(`${dial.host}:${dial.port}`, vd.identity.deviceId);
      const staffId = sd.identity.deviceId;
      const supId = vd.identity.deviceId;
      const pipeline = await staffCore.pipeline.get();
      const first = await pipeline.runTurn({
        conversationId: 'seed',
        text: 'My card was stolen!!! I want a human NOW',
        domain: 'bank',
      });
      expect(first.escalated).toBe(true);
      const svc = escalationService({
        store: staffCore.store,
        audit: staffCore.audit,
        conversations: conversationRepo(staffCore.store),
      });
      const convs = conversationRepo(staffCore.store);
      const packet = svc.get(svc.forConversation('seed')[0]!.id).packet!;
      let made = 1;
      // Made in this process while the staff desk's `lan serve` runs (or lies dead): another connection to
      // its store, as a `turn` from the command line is. Its endpoint notices at its next outbox poll.
      const escalateSome = (k: number) => {
        for (let i = 0; i < k && made < N; i++, made++) {
          const conv = convs.ensure(`c${made}`, 'bank', new Date().toISOString());
          svc.open({
            conversationId: conv.id,
            subjectId: conv.subject_id,
            packet: { ...packet, conversationId: conv.id, turnId: `t${made}` },
            actor: { kind: 'system', id: 'test', role: 'system' },
          });
          staffCore.lan.queue.onTurnDone(conv.id);
        }
      };
      escalateSome(Math.ceil(N / 10));

      const serveArgs = (dir: string, p: number, bind: string) => [
        ...['lan', 'serve', '--data-dir', dir, '--port', String(p), '--bind', bind, '--json'],
      ];
      const ready = /^\{.*\}\n/;
      const tracked = async (run: ReturnType<typeof startCli>) => {
        const r = await run;
        children.add(r.child);
        r.child.once('exit', () => children.delete(r.child));
        return r;
      };
      const startSup = () =>
        tracked(startCli(serveArgs(supDir, supPort, link.bind.sup), env, ready, 120_000, link.wrap.sup));
      const startStaff = () =>
        tracked(startCli(serveArgs(staffDir, 0, link.bind.staff), env, ready, 120_000, link.wrap.staff));
      const FAULTS = [...KILLS, ...Object.keys(link.kinds)];
      const weight = (f: string) => link.kinds[f] ?? 1;
      const pick = (pool: string[]) => {
        let r = Math.random() * pool.reduce((t, f) => t + weight(f), 0);
        return pool.find((f) => (r -= weight(f)) < 0) ?? pool[0]!;
      };
      let sup = await startSup();
      let staff = await startStaff();
      const faults: Record<string, number> = Object.fromEntries(FAULTS.map((f) => [f, 0]));
      const fault = async (f: string) => {
        switch (f) {
          case 'kill-staff':
            faults[f] = (faults[f] ?? 0) + 1;
            await stopCli(staff.child, 'SIGKILL');
            await sleep(between(0, 1000));
            staff = await startStaff();
            return;
          case 'kill-supervisor':
            faults[f] = (faults[f] ?? 0) + 1;
            await stopCli(sup.child, 'SIGKILL');
            await sleep(between(0, 1000));
            sup = await startSup();
            return;
          default:
            if (link.cut(f)) faults[f] = (faults[f] ?? 0) + 1;
        }
      };
      const answered = new Set<string>();
      const supSvc = escalationService({
        store: supCore.store,
        audit: supCore.audit,
        conversations: conversationRepo(supCore.store),
      });
      const quiet = () =>
        sameList(sentTo(staffCore, supId), receivedFrom(supCore, staffId)) &&
        sameList(sentTo(supCore, staffId), receivedFrom(staffCore, supId));
      try {
        const deadline = Date.now() + 120_000 + N * 300;
        let nextFault = Date.now() + between(300, 1500);
        for (;;) {
          if (Date.now() > deadline)
            throw new Error(`only ${answered.size}/${N} answered; faults ${JSON.stringify(faults)}`);
          escalateSome(Math.floor(between(0, 8)));
          for (const e of supSvc.list({ status: 'open', limit: 10_000 })) {
            if (answered.has(e.id)) continue;
            vd.act(e.id, actor, { kind: 'claim' });
            vd.act(e.id, actor, { kind: 'resolve', outcome: 'resolved' });
            answered.add(e.id);
          }
          const owed = FAULTS.filter((f) => faults[f]! < MIN_FAULTS);
          // Quiet twice, a checkpoint interval apart: the staff desk's last checkpoint is queued and co-signed.
          if (answered.size === N && owed.length === 0 && quiet()) {
            await sleep(2500);
            if (quiet()) break;
          }
          if (Date.now() >= nextFault && (answered.size < N || owed.length > 0)) {
            const pool = owed.length > 0 && answered.size > N * 0.8 ? owed : FAULTS;
            await fault(pick(pool));
            nextFault = Date.now() + between(300, 1500);
          }
          await sleep(40);
        }
      } finally {
        await stopCli(staff.child, 'SIGTERM');
        await stopCli(sup.child, 'SIGTERM');
        await link.close();
      }
      await staffCore.shutdown();
      // Reopened from disk: the open itself refuses a ledger that went back behind its signed head.
      staffCore = await open(staffDir);
      const elapsed = (Date.now() - started) / 1000;
      try {
        const events = [receivedFrom(supCore, staffId).length, receivedFrom(staffCore, supId).length];
        console.info(
          `lan-faults: ${N} escalations, ${events[0]} events up and ${events[1]} down, faults ${JSON.stringify(faults)}, ${link.stats()}, ${elapsed.toFixed(1)} s`,
        );
        for (const f of FAULTS) expect(faults[f]).toBeGreaterThanOrEqual(MIN_FAULTS);
        // No loss: each side applied exactly what the other queued for it (ids are unique in an inbox).
        expect(receivedFrom(supCore, staffId)).toEqual(sentTo(staffCore, supId));
        expect(receivedFrom(staffCore, supId)).toEqual(sentTo(supCore, staffId));
        for (const [core, peer] of [
          [staffCore, supId],
          [supCore, staffId],
        ] as const) {
          expect(count(core, "SELECT count(*) FROM lan_inbox WHERE outcome = 'rejected'")).toBe(0);
          // Applied in the sender's sequence order, each once.
          const seqs = core.store.db
            .prepare<[string], number>('SELECT peer_seq FROM lan_inbox WHERE peer = ? ORDER BY id')
            .pluck()
            .all(peer);
          expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
          expect(core.audit.verify().ok).toBe(true);
          const alerts = (await core.lan.desk()).alerts();
          expect(alerts.filter((a) => a.code.startsWith('ledger-') || a.code === 'witness-refused')).toEqual(
            [],
          );
        }
        expect(count(staffCore, 'SELECT count(*) FROM escalations')).toBe(N);
        expect(count(staffCore, "SELECT count(*) FROM escalations WHERE status = 'resolved'")).toBe(N);
        expect(count(supCore, 'SELECT count(*) FROM escalations')).toBe(N);
        expect(
          count(
            supCore,
            "SELECT count(*) FROM lan_inbox WHERE type = 'escalation.opened' AND outcome = 'applied'",
          ),
        ).toBe(N);
        // Each escalation's answers arrived once each and in the order they were given.
        const log = staffCore.store.db
          .prepare<[], { escalation_id: string; type: string }>(
            'SELECT escalation_id, type FROM lan_escalation_log ORDER BY rowid',
          )
          .all();
        expect(log).toHaveLength(2 * N);
        const byEscalation = new Map<string, string[]>();
        for (const r of log)
          byEscalation.set(r.escalation_id, [...(byEscalation.get(r.escalation_id) ?? []), r.type]);
        expect(byEscalation.size).toBe(N);
        expect([...byEscalation.values()].every((t) => t.join() === 'claimed,resolved')).toBe(true);
        // The witness kept up: it co-signed the staff ledger during the run, and every co-signature held
        // verifies over a checkpoint the staff desk still has.
        expect(count(supCore, 'SELECT count(*) FROM lan_witnessed')).toBeGreaterThan(0);
        const held = (await staffCore.lan.desk()).verifyCosignatures();
        expect(held.cosignatures).toBeGreaterThan(0);
        expect(held.problems).toEqual([]);
      } finally {
        await staffCore.shutdown();
        await supCore.shutdown();
      }
    });
  });
