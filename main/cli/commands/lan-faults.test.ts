/**
 * Replication under crashes: N escalations (LAN_FAULT_N, default 50; 1000 for the long run) go from a staff
 * desk to a supervisor desk and their answers come back while each `lan serve` process is killed with
 * SIGKILL at a random point and restarted. Zero lost, zero duplicated, both ledgers verify.
 */
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

const N = Number(process.env.LAN_FAULT_N ?? 50);
const PASS = 'lan-fault-passphrase';
const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_LAN_ANNOUNCE: '0' });

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

const count = (core: Core, sql: string): number => (core.store.db.prepare(sql).pluck().get() as number) ?? 0;

describe(
  'LAN replication with kill -9 of either desk',
  { timeout: CLI_TEST_TIMEOUT_MS * 3 + N * 200 },
  () => {
    const root = mkdtempSync(join(tmpdir(), 'confidant-lanfault-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it(`delivers ${N} escalations and their answers exactly once`, async () => {
      const staffDir = join(root, 'staff');
      const supDir = join(root, 'sup');
      const port = await freePort();
      // Set-up in this process: pair, and queue N escalations cloned from one real escalating turn.
      const staffCore = await open(staffDir, true);
      const supCore = await open(supDir, true);
      const boss = supCore.users.create({ name: 'Boss', role: 'supervisor' });
      const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
      const vd = await supCore.lan.desk();
      const sd = await staffCore.lan.desk();
      const pairing = await vd.serve({ host: '127.0.0.1', port });
      await sd.join({ host: '127.0.0.1', port, code: vd.invite(actor, 10).code, actor });
      await pairing.close();
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
      for (let i = 1; i < N; i++) {
        const conv = convs.ensure(`c${i}`, 'bank', new Date().toISOString());
        svc.open({
          conversationId: conv.id,
          subjectId: conv.subject_id,
          packet: { ...packet, conversationId: conv.id, turnId: `t${i}` },
          actor: { kind: 'system', id: 'test', role: 'system' },
        });
      }
      staffCore.lan.queue.reconcile();
      expect(sd.peers()[0]!.outbox).toBe(N);
      await staffCore.shutdown();

      const serveArgs = (dir: string, p: number) => [
        'lan',
        'serve',
        '--data-dir',
        dir,
        '--port',
        String(p),
        '--bind',
        '127.0.0.1',
        '--json',
      ];
      let sup = await startCli(serveArgs(supDir, port), env, /^\{.*\}\n/);
      let staff = await startCli(serveArgs(staffDir, 0), env, /^\{.*\}\n/);
      const killSupAt = 1 + Math.floor(Math.random() * (N / 2));
      const killStaffAt = Math.floor(N / 2) + Math.floor(Math.random() * (N / 2));
      let supKilled = false;
      let staffKilled = false;
      const answered = new Set<string>();
      const supSvc = escalationService({
        store: supCore.store,
        audit: supCore.audit,
        conversations: conversationRepo(supCore.store),
      });
      try {
        const deadline = Date.now() + 120_000 + N * 150;
        while (answered.size < N) {
          if (Date.now() > deadline) throw new Error(`only ${answered.size}/${N} answered`);
          for (const e of supSvc.list({ status: 'open', limit: 10_000 })) {
            vd.act(e.id, actor, { kind: 'claim' });
            vd.act(e.id, actor, { kind: 'resolve', outcome: 'resolved' });
            answered.add(e.id);
          }
          if (!supKilled && answered.size >= killSupAt) {
            supKilled = true;
            await stopCli(sup.child, 'SIGKILL');
            sup = await startCli(serveArgs(supDir, port), env, /^\{.*\}\n/);
          }
          if (!staffKilled && answered.size >= killStaffAt) {
            staffKilled = true;
            await stopCli(staff.child, 'SIGKILL');
            staff = await startCli(serveArgs(staffDir, 0), env, /^\{.*\}\n/);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        // Every answer reaches the staff desk: claim and resolution of each escalation, once.
        const staffCheck = await open(staffDir);
        try {
          const deadline2 = Date.now() + 60_000 + N * 50;
          while (count(staffCheck, "SELECT count(*) FROM escalations WHERE status = 'resolved'") < N) {
            if (Date.now() > deadline2) throw new Error('answers did not all arrive');
            await new Promise((r) => setTimeout(r, 100));
          }
        } finally {
          await staffCheck.shutdown();
        }
      } finally {
        await stopCli(staff.child, 'SIGTERM');
        await stopCli(sup.child, 'SIGTERM');
      }
      expect(supKilled && staffKilled).toBe(true);
      const staffFinal = await open(staffDir);
      try {
        expect(count(staffFinal, 'SELECT count(*) FROM escalations')).toBe(N);
        expect(count(staffFinal, "SELECT count(*) FROM escalations WHERE status = 'resolved'")).toBe(N);
        expect(count(staffFinal, 'SELECT count(*) FROM lan_escalation_log')).toBe(2 * N);
        expect(
          count(
            staffFinal,
            "SELECT count(*) FROM lan_inbox WHERE outcome = 'applied' AND type LIKE 'escalation.%'",
          ),
        ).toBe(2 * N);
        expect(count(staffFinal, "SELECT count(*) FROM lan_inbox WHERE outcome = 'rejected'")).toBe(0);
        expect(staffFinal.audit.verify().ok).toBe(true);
      } finally {
        await staffFinal.shutdown();
      }
      expect(count(supCore, 'SELECT count(*) FROM escalations')).toBe(N);
      expect(
        count(
          supCore,
          "SELECT count(*) FROM lan_inbox WHERE type = 'escalation.opened' AND outcome = 'applied'",
        ),
      ).toBe(N);
      expect(count(supCore, "SELECT count(*) FROM lan_inbox WHERE outcome = 'rejected'")).toBe(0);
      expect(supCore.audit.verify().ok).toBe(true);
      await supCore.shutdown();
    });
  },
);
