import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FLAGS, type Flags } from '../../../../shared/flags';
import { loadConfig } from '../../config';
import { createCore, type Core } from '../../container';
import { createDispatcher } from '../dispatch';
import { createHandlers } from './index';

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
  return { core, call: createDispatcher(createHandlers(core), log) };
}

describe('desk procedures', () => {
  it('submits a turn, shows the conversation and works the escalation through the contract', async () => {
    const { core, call } = await desk();
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
    expect(value.degraded).toContain('model_unavailable');
    expect((turn.value as { queued: boolean }).queued).toBe(true);

    const again = await call('turn.submit', {
      conversationId: 'desk-1',
      text: 'Someone stole my card and I want to talk to a person',
      idempotencyKey: 'k1',
    });
    expect(again.ok && (again.value as { replayed: boolean }).replayed).toBe(true);

    const conv = await call('conversation.get', { conversationId: 'desk-1' });
    expect(conv.ok && (conv.value as { turns: unknown[] }).turns).toHaveLength(1);

    const list = await call('escalation.list', { status: 'open' });
    expect(list.ok && (list.value as Array<{ id: string }>).map((e) => e.id)).toEqual([value.escalationId]);

    const agent = core.users.create({ name: 'ann', role: 'agent' });
    const sup = core.users.create({ name: 'sam', role: 'supervisor' });
    const denied = await call('escalation.claim', { escalationId: value.escalationId, userId: agent.id });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unknown = await call('escalation.claim', { escalationId: value.escalationId, userId: 'nobody' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await call('escalation.claim', { escalationId: value.escalationId, userId: sup.id })).ok).toBe(
      true,
    );
    expect(
      (
        await call('escalation.respond', {
          escalationId: value.escalationId,
          userId: sup.id,
          text: 'Card frozen.',
        })
      ).ok,
    ).toBe(true);
    const resolved = await call('escalation.resolve', { escalationId: value.escalationId, userId: sup.id });
    expect(resolved.ok && (resolved.value as { status: string }).status).toBe('resolved');
    const detail = await call('escalation.get', { escalationId: value.escalationId });
    expect(detail.ok && (detail.value as { notes: unknown[] }).notes).toHaveLength(1);

    expect(await call('turn.submit', { conversationId: 'bad id!', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const search = await call('kb.search', { domain: 'bank', query: 'replacement card' });
    expect(search.ok).toBe(true);
  });

  it('with autoEscalation off, turn.submit returns a suggestion and desk.escalate opens it in one click', async () => {
    const { core, call } = await desk({ autoEscalation: false });
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
    expect(await call('escalation.list', {})).toMatchObject({ ok: true, value: [] });

    const conv = await call('conversation.get', { conversationId: 'desk-2' });
    expect(
      conv.ok && (conv.value as { turns: Array<{ suggestedEscalation: unknown }> }).turns[0],
    ).toMatchObject({
      suggestedEscalation: { status: 'pending' },
    });

    const auditor = core.users.create({ name: 'cora', role: 'compliance' });
    const agent = core.users.create({ name: 'ann', role: 'agent' });
    expect(await call('desk.escalate', { turnId: value.turnId, userId: auditor.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('desk.escalate', { turnId: 'turn_nope', userId: agent.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const escalated = await call('desk.escalate', { turnId: value.turnId, userId: agent.id });
    expect(escalated).toMatchObject({ ok: true, value: { status: 'open', conversationId: 'desk-2' } });
    expect(await call('desk.escalate', { turnId: value.turnId, userId: agent.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const detail = await call('escalation.get', {
      escalationId: escalated.ok ? (escalated.value as { id: string }).id : '',
    });
    expect(detail.ok && (detail.value as { packet: { reasons: string[] } }).packet.reasons).toContain(
      'customer_request',
    );

    // Resolved: the conversation was escalated once, but nothing is queued, so the desk must not say so.
    const sup = core.users.create({ name: 'sam', role: 'supervisor' });
    const escalationId = escalated.ok ? (escalated.value as { id: string }).id : '';
    expect((await call('escalation.resolve', { escalationId, userId: sup.id })).ok).toBe(true);
    const after = await call('turn.submit', {
      conversationId: 'desk-2',
      text: 'Thanks. And what time do you open on Saturday?',
    });
    expect(after.ok && after.value).toMatchObject({ escalated: true, queued: false });
  });

  describe('escalation.reveal', () => {
    const name = 'Zebulon Quixwright';
    async function claimed(flags: Partial<Flags>) {
      const { core, call } = await desk(flags);
      const turn = await call('turn.submit', {
        conversationId: 'desk-rv',
        domain: 'bank',
        text: `My name is ${name}, my card was stolen and I want to talk to a person`,
      });
      if (!turn.ok) throw new Error(turn.error.message);
      const escalationId = (turn.value as { escalationId: string }).escalationId;
      const sup = core.users.create({ name: 'sam', role: 'supervisor' });
      expect((await call('escalation.claim', { escalationId, userId: sup.id })).ok).toBe(true);
      return { core, call, escalationId, sup };
    }
    const reason = 'Customer on the phone, confirming identity';

    it('is refused while the rehydrateForStaff flag is off', async () => {
      const { call, escalationId, sup } = await claimed({});
      expect(await call('escalation.reveal', { escalationId, userId: sup.id, reason })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/rehydrateForStaff/) as unknown },
      });
    });

    it('with the flag on, shows the claiming supervisor the originals; other roles, short reasons refused', async () => {
      const { core, call, escalationId, sup } = await claimed({ rehydrateForStaff: true });
      const packet = await call('escalation.get', { escalationId });
      const masked = JSON.stringify(packet.ok && packet.value);
      expect(masked).toContain('<PERSON_1>');
      expect(masked).not.toContain(name);
      for (const role of ['agent', 'compliance', 'admin'] as const) {
        const user = core.users.create({ name: `u-${role}`, role });
        expect(await call('escalation.reveal', { escalationId, userId: user.id, reason })).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
      const other = core.users.create({ name: 'sue', role: 'supervisor' });
      expect(await call('escalation.reveal', { escalationId, userId: other.id, reason })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(
        await call('escalation.reveal', { escalationId, userId: sup.id, reason: ' short ' }),
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await call('escalation.reveal', { escalationId, userId: sup.id })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      const shown = await call('escalation.reveal', { escalationId, userId: sup.id, reason });
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
      const after = await call('escalation.get', { escalationId });
      expect(JSON.stringify(after.ok && after.value)).not.toContain(name);
    });
  });
});
