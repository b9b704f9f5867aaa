import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../container/testing';
import type { LanActor, LanDesk, ServeHandle } from '.';
import { until } from '../../test-support';

const ESCALATING = 'My card 4111 1111 1111 1111 was stolen!!! I want a human NOW';

describe('LAN desks in one process over loopback mTLS', { timeout: 60_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function deskPair() {
    const staff: TestCore = await startTestCore();
    const sup: TestCore = await startTestCore();
    cleanups.push(staff.stop, sup.stop);
    const supUser = sup.core.users.create({ name: 'Sam Supervisor', role: 'supervisor' });
    const staffUser = staff.core.users.create({ name: 'Ada Agent', role: 'agent' });
    const supActor: LanActor = { kind: 'user', id: supUser.id, name: supUser.name, role: 'supervisor' };
    const staffActor: LanActor = { kind: 'user', id: staffUser.id, name: staffUser.name, role: 'agent' };
    const sd = await staff.core.lan.desk();
    const vd = await sup.core.lan.desk();
    const vServe = await vd.serve({ host: '127.0.0.1', port: 0, pollMs: 20 });
    cleanups.push(() => vServe.close());
    return { staff, sup, sd, vd, vServe, supActor, staffActor };
  }

  async function serveStaff(sd: LanDesk): Promise<ServeHandle> {
    const h = await sd.serve({ host: '127.0.0.1', port: 0, pollMs: 20, backoffMs: { min: 20, max: 200 } });
    cleanups.push(() => h.close());
    return h;
  }

  it('pairs with a code, refuses wrong and used codes, and closes the escalation loop on the staff desk', async () => {
    const { staff, sup: supCore, sd, vd, vServe, supActor, staffActor } = await deskPair();
    const { code } = vd.invite(supActor, 10);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(
      sd.join({ host: '127.0.0.1', port: vServe.port, code: 'AAAA-AAAA', actor: staffActor }),
    ).rejects.toThrow(/wrong, used or expired/);
    const joined = await sd.join({
      host: '127.0.0.1',
      port: vServe.port,
      code: code.toLowerCase(),
      actor: staffActor,
    });
    expect(joined).toEqual({
      deviceId: vd.identity.deviceId,
      role: 'supervisor',
      fingerprint: vd.identity.deviceId,
    });
    expect(vd.peers().map((p) => [p.deviceId, p.role])).toEqual([[sd.identity.deviceId, 'staff']]);
    expect(sd.role()).toBe('staff');
    expect(vd.role()).toBe('supervisor');
    // Single use: the same code again is refused (and, with no code pending, even the handshake is).
    await expect(
      sd.join({ host: '127.0.0.1', port: vServe.port, code, actor: staffActor }),
    ).rejects.toThrow();

    // A turn with no link up leaves its escalation in the outbox.
    const pipeline = await staff.core.pipeline.get();
    const turn = await pipeline.runTurn({ conversationId: 'conv-1', text: ESCALATING, domain: 'bank' });
    expect(turn.escalated).toBe(true);
    expect(sd.peers()[0]?.outbox).toBe(1);

    const pushed: string[] = [];
    const viewPushes: string[] = [];
    staff.core.events.subscribe((e) => {
      if (e.topic === 'conversation.changed') pushed.push(String(e.data.event));
      if (e.topic.startsWith('escalation.') && e.data.via === 'lan') viewPushes.push(e.topic);
    });
    // The supervisor's open queue page refreshes on `escalation.*` pushes (renderer SupervisorPage).
    const queuePushes: string[] = [];
    supCore.core.events.subscribe((e) => queuePushes.push(e.topic));
    await serveStaff(sd);
    const esc = staff.core.store.db.prepare<[], { id: string }>('SELECT id FROM escalations').get();
    const id = esc!.id;
    const sup = await until('escalation on the supervisor desk', () => {
      try {
        return vd.deskOf(id) === sd.identity.deviceId ? id : null;
      } catch {
        return null;
      }
    });
    await until('outbox drained', () => sd.peers()[0]?.outbox === 0);
    expect(queuePushes).toContain('escalation.opened');
    // The SLA clock runs on the supervisor desk from receipt: same length, counted from when it arrived.
    const times = (db: typeof staff.core.store.db) =>
      db
        .prepare<[string], { created_at: string; sla_due_at: string }>(
          'SELECT created_at, sla_due_at FROM escalations WHERE id = ?',
        )
        .get(id)!;
    const here = times(staff.core.store.db);
    const there = times(supCore.core.store.db);
    expect(Date.parse(there.created_at)).toBeGreaterThanOrEqual(Date.parse(here.created_at));
    expect(Date.parse(there.sla_due_at) - Date.parse(there.created_at)).toBe(
      Date.parse(here.sla_due_at) - Date.parse(here.created_at),
    );
    vd.act(sup, supActor, { kind: 'claim' });
    vd.act(sup, supActor, { kind: 'whisper', text: 'Ask for the last four digits only.' });
    vd.act(sup, supActor, { kind: 'respond', text: 'Your card is blocked; a new one is on its way.' });
    vd.act(sup, supActor, { kind: 'resolve', outcome: 'resolved' });
    const timeline = await until('four events on the staff desk', () => {
      const t = sd.staffTimeline(id);
      return t.length === 4 ? t : null;
    });
    expect(timeline.map((e) => e.type)).toEqual(['claimed', 'whisper', 'response', 'resolved']);
    expect(timeline[1]?.text).toBe('Ask for the last four digits only.');
    expect(timeline.every((e) => e.by === 'Sam Supervisor')).toBe(true);
    // What `conversation.get` hands the staff desk's open view (refreshed on the conversation.changed push).
    expect(staff.core.lan.timeline('conv-1').map((e) => [e.escalationId, e.type, e.text])).toEqual([
      [id, 'claimed', null],
      [id, 'whisper', 'Ask for the last four digits only.'],
      [id, 'response', 'Your card is blocked; a new one is on its way.'],
      [id, 'resolved', null],
    ]);
    const row = staff.core.store.db
      .prepare<[string], { status: string; claimed_by: string }>(
        'SELECT status, claimed_by FROM escalations WHERE id = ?',
      )
      .get(id);
    expect(row).toEqual({ status: 'resolved', claimed_by: 'Sam Supervisor' });
    expect(pushed).toEqual([
      'escalation.claimed',
      'escalation.whisper',
      'escalation.response',
      'escalation.resolved',
    ]);
    expect(viewPushes).toEqual(pushed);
    expect(staff.core.audit.verify().ok).toBe(true);

    // Erasing the customer on the staff desk drops the supervisor desk's copy, and is acknowledged.
    const subject = staff.core.store.db
      .prepare<[string], { subject_id: string }>('SELECT subject_id FROM escalations WHERE id = ?')
      .get(id)!.subject_id;
    staff.core.retention.erase(subject, { kind: 'user', id: staffActor.id, role: 'admin' });
    const count = (sql: string) => (supCore.core.store.db.prepare(sql).pluck().get() as number) ?? 0;
    await until('erased on the supervisor desk', () => count('SELECT count(*) FROM escalations') === 0);
    await until('erasure acknowledged', () =>
      staff.core.store.db.prepare("SELECT 1 FROM lan_inbox WHERE type = 'erasure.ack'").get(),
    );
    expect(supCore.core.store.cipher.isShredded(subject)).toBe(true);
  });

  it('revokes at once on unpair: the link drops and the peer is refused at the handshake', async () => {
    const { sd, vd, vServe, supActor, staffActor } = await deskPair();
    const { code } = vd.invite(supActor, 10);
    await sd.join({ host: '127.0.0.1', port: vServe.port, code, actor: staffActor });
    const sServe = await serveStaff(sd);
    await until('linked', () => vServe.linkedPeers().length === 1);
    vd.unpair(sd.identity.deviceId, supActor);
    await until('link dropped', () => vServe.linkedPeers().length === 0 && sServe.linkedPeers().length === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(vServe.linkedPeers()).toEqual([]);
    expect(vd.peers()).toEqual([]);
  });
});
