import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FLAGS, type Flags } from '../../../../shared/flags';
import { loadConfig, projectRoot } from '../../config';
import { createCore, type Core } from '../../container';
import { auditEntries, staffSessions } from '../testing';

const cores: Array<{ core: Core; dir: string }> = [];
afterEach(async () => {
  for (const { core, dir } of cores.splice(0)) {
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function desk(flags: Partial<Flags> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  const log = pino({ level: 'silent' });
  const core = await createCore({
    config: loadConfig({
      dataDir: dir,
      mode: 'cli',
      modelsDir: join(dir, 'models'),
      flags: { ...DEFAULT_FLAGS, ...flags },
    }),
    passphrase: 'desk-test',
    create: true,
    log,
  });
  cores.push({ core, dir });
  const staff = await staffSessions(core);
  // Most steps are the agent's at the desk; queue steps name the supervisor's session explicitly.
  return { core, staff, call: staff.agent.call, sup: staff.supervisor.call };
}

describe('desk procedures', () => {
  it('submits a turn, shows the conversation and works the escalation through the contract', async () => {
    const { core, staff, call, sup } = await desk();
    const turn = await call('turn.submit', {
      conversationId: 'desk-1',
      domain: 'bank',
      text: 'Someone stole my card and I want to talk to a person',
      idempotencyKey: 'k1',
    });
    expect(turn.ok).toBe(true);
    if (!turn.ok) return;
    const value = turn.value as { escalated: boolean; escalationId: string; degraded: string[] };
    expect(value.escalated).toBe(true);
    // A request for a person is handed off at the input rails, before any draft: no model is asked.
    expect(value.degraded).not.toContain('model_unavailable');
    expect((turn.value as { queued: boolean }).queued).toBe(true);

    const again = await call('turn.submit', {
      conversationId: 'desk-1',
      text: 'Someone stole my card and I want to talk to a person',
      idempotencyKey: 'k1',
    });
    expect(again.ok && (again.value as { replayed: boolean }).replayed).toBe(true);

    const conv = await call('conversation.get', { conversationId: 'desk-1' });
    expect(conv.ok && (conv.value as { turns: unknown[] }).turns).toHaveLength(1);

    // Every entry of the turn, and the escalation it opened, name the signed-in agent who typed it.
    const turnEntries = auditEntries(core).filter((e) => e.payload.turnId !== undefined);
    expect(turnEntries.length).toBeGreaterThan(3);
    for (const e of turnEntries) expect(e.payload.staffId, e.type).toBe(staff.agent.user.id);
    expect(auditEntries(core, 'escalation.opened')[0]?.payload.staffId).toBe(staff.agent.user.id);

    const list = await sup('escalation.list', { status: 'open' });
    expect(list.ok && (list.value as Array<{ id: string }>).map((e) => e.id)).toEqual([value.escalationId]);

    const denied = await call('escalation.claim', { escalationId: value.escalationId });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const nobody = await staff.dispatch(
      'escalation.claim',
      { escalationId: value.escalationId },
      { transport: 'test' },
    );
    expect(nobody).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // A forged identity field is not an input anywhere: the request fails validation.
    expect(
      await sup('escalation.claim', { escalationId: value.escalationId, userId: staff.admin.user.id }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await sup('escalation.claim', { escalationId: value.escalationId })).ok).toBe(true);
    expect(
      (await sup('escalation.respond', { escalationId: value.escalationId, text: 'Card frozen.' })).ok,
    ).toBe(true);
    const resolved = await sup('escalation.resolve', { escalationId: value.escalationId });
    expect(resolved.ok && (resolved.value as { status: string }).status).toBe('resolved');
    const detail = await sup('escalation.get', { escalationId: value.escalationId });
    expect(detail.ok && (detail.value as { notes: unknown[] }).notes).toHaveLength(1);

    expect(await call('turn.submit', { conversationId: 'bad id!', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const search = await call('kb.search', { domain: 'bank', query: 'replacement card' });
    expect(search.ok).toBe(true);
  });

  it('with autoEscalation off, turn.submit returns a suggestion and desk.escalate opens it in one click', async () => {
    const { core, staff, call, sup } = await desk({ autoEscalation: false });
    const turn = await call('turn.submit', {
      conversationId: 'desk-2',
      domain: 'bank',
      text: 'I would like to speak to a person about my mortgage please',
    });
    expect(turn.ok).toBe(true);
    if (!turn.ok) return;
    const value = turn.value as {
      turnId: string;
      escalated: boolean;
      suggestedEscalation: { status: string; reasons: string[] } | null;
    };
    expect(value.escalated).toBe(false);
    expect(value.suggestedEscalation).toMatchObject({ status: 'pending' });
    expect(value.suggestedEscalation?.reasons).toContain('customer_request');
    expect(await sup('escalation.list', {})).toMatchObject({ ok: true, value: [] });

    const conv = await call('conversation.get', { conversationId: 'desk-2' });
    expect(
      conv.ok && (conv.value as { turns: Array<{ suggestedEscalation: unknown }> }).turns[0],
    ).toMatchObject({
      suggestedEscalation: { status: 'pending' },
    });

    expect(await staff.compliance.call('desk.escalate', { turnId: value.turnId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('desk.escalate', { turnId: 'turn_nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Another agent's desk: not theirs to escalate.
    const other = await staffSessions(core, { suffix: 'two', roles: ['agent'] });
    expect(await other.agent.call('desk.escalate', { turnId: value.turnId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const escalated = await call('desk.escalate', { turnId: value.turnId });
    expect(escalated).toMatchObject({ ok: true, value: { status: 'open', conversationId: 'desk-2' } });
    expect(await call('desk.escalate', { turnId: value.turnId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const detail = await sup('escalation.get', {
      escalationId: escalated.ok ? (escalated.value as { id: string }).id : '',
    });
    expect(detail.ok && (detail.value as { packet: { reasons: string[] } }).packet.reasons).toContain(
      'customer_request',
    );

    // Resolved: the conversation was escalated once, but nothing is queued, so the desk must not say so.
    const escalationId = escalated.ok ? (escalated.value as { id: string }).id : '';
    expect((await sup('escalation.resolve', { escalationId })).ok).toBe(true);
    const after = await call('turn.submit', {
      conversationId: 'desk-2',
      text: 'Thanks. And what time do you open on Saturday?',
    });
    expect(after.ok && after.value).toMatchObject({ escalated: true, queued: false });
  });

  describe('escalation.reveal', () => {
    const name = 'Zebulon Quixwright';
    async function claimed(flags: Partial<Flags>) {
      const { core, staff, call, sup } = await desk(flags);
      const turn = await call('turn.submit', {
        conversationId: 'desk-rv',
        domain: 'bank',
        text: `My name is ${name}, my card was stolen and I want to talk to a person`,
      });
      if (!turn.ok) throw new Error(turn.error.message);
      const escalationId = (turn.value as { escalationId: string }).escalationId;
      expect((await sup('escalation.claim', { escalationId })).ok).toBe(true);
      return { core, staff, escalationId, sup };
    }
    const reason = 'Customer on the phone, confirming identity';

    it('is refused while the rehydrateForStaff flag is off', async () => {
      const { escalationId, sup } = await claimed({});
      expect(await sup('escalation.reveal', { escalationId, reason })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/rehydrateForStaff/) as unknown },
      });
    });

    it('with the flag on, shows the claiming supervisor the originals; other roles, short reasons refused', async () => {
      const { core, staff, escalationId, sup } = await claimed({ rehydrateForStaff: true });
      const packet = await sup('escalation.get', { escalationId });
      const masked = JSON.stringify(packet.ok && packet.value);
      expect(masked).toContain('<PERSON_1>');
      expect(masked).not.toContain(name);
      for (const role of ['agent', 'compliance', 'admin'] as const) {
        expect(await staff[role].call('escalation.reveal', { escalationId, reason })).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
      const other = await staffSessions(core, { suffix: 'two', roles: ['supervisor'] });
      expect(await other.supervisor.call('escalation.reveal', { escalationId, reason })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(await sup('escalation.reveal', { escalationId, reason: ' short ' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(await sup('escalation.reveal', { escalationId })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      const shown = await sup('escalation.reveal', { escalationId, reason });
      expect(shown).toMatchObject({
        ok: true,
        value: { escalationId, erased: false, types: ['PERSON'], unresolved: 0 },
      });
      const value = shown.ok
        ? (shown.value as { transcript: Array<{ text: string }>; revealed: number })
        : null;
      expect(value?.revealed).toBeGreaterThanOrEqual(1);
      expect(value?.transcript.map((t) => t.text).join(' ')).toContain(name);
      // The stored packet still holds tokens only.
      const after = await sup('escalation.get', { escalationId });
      expect(JSON.stringify(after.ok && after.value)).not.toContain(name);
    });
  });

  it('desk.escalate_conversation escalates a calm conversation from its own desk into the queue', async () => {
    const { core, staff, call, sup } = await desk();
    // With the knowledge base the fee question gets a quoted answer, and no rule escalates it.
    const p = await core.pipeline.get();
    await p.kb.ingestDir(join(projectRoot(), 'kb', 'bank'), { domain: 'bank' });
    const turn = await call('turn.submit', {
      conversationId: 'calm-desk',
      domain: 'bank',
      text: 'What does a replacement debit card cost?',
    });
    expect(turn.ok && (turn.value as { escalated: boolean }).escalated, JSON.stringify(turn)).toBe(false);
    const input = { conversationId: 'calm-desk' };
    expect(await staff.compliance.call('desk.escalate_conversation', input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const other = await staffSessions(core, { suffix: 'three', roles: ['agent'] });
    expect(await other.agent.call('desk.escalate_conversation', input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const escalated = await call('desk.escalate_conversation', input);
    expect(escalated).toMatchObject({
      ok: true,
      value: { status: 'open', conversationId: 'calm-desk', reasons: ['customer_request'] },
    });
    expect(await call('desk.escalate_conversation', input)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const queue = await sup('escalation.list', {});
    expect(
      queue.ok && (queue.value as Array<{ conversationId: string }>).map((e) => e.conversationId),
    ).toEqual(['calm-desk']);
    const detail = await call('conversation.get', input);
    expect(detail.ok && (detail.value as { escalationId: string | null }).escalationId).toBe(
      escalated.ok ? (escalated.value as { id: string }).id : 'none',
    );
    expect(
      auditEntries(core, 'escalation.opened').some((e) => (e.payload as { via?: string }).via === 'staff'),
    ).toBe(true);
  });

  it('a one-click escalation (desk.escalate or desk.escalate_conversation) is queued for a paired supervisor desk at once', async () => {
    const { core, call } = await desk({ autoEscalation: false });
    // A pinned supervisor desk (the pin itself is the LAN module's business; only its presence matters here).
    core.store.db
      .prepare(
        "INSERT INTO lan_peers (device_id, role, cert_pem, paired_at, paired_by) VALUES (?, 'supervisor', 'pem', ?, 'test')",
      )
      .run('f'.repeat(64), new Date().toISOString());
    const outbox = () =>
      core.store.db.prepare<[], string>('SELECT event_id FROM lan_outbox ORDER BY seq').pluck().all();
    const ask = async (conversationId: string) => {
      const turn = await call('turn.submit', {
        conversationId,
        domain: 'bank',
        text: 'I would like to speak to a person about my mortgage please',
      });
      expect(turn.ok, JSON.stringify(turn)).toBe(true);
      return turn.ok ? (turn.value as { turnId: string }).turnId : '';
    };
    const one = await call('desk.escalate', { turnId: await ask('lan-1') });
    await ask('lan-2');
    const two = await call('desk.escalate_conversation', { conversationId: 'lan-2' });
    const ids = [one, two].map((r) => (r.ok ? (r.value as { id: string }).id : 'failed'));
    // No `lan serve` is running: both wait in the outbox, queued by the calls themselves.
    expect(outbox().map((e) => e.split(':')[0])).toEqual(ids);
  });
});
