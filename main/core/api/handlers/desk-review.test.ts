import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FLAGS } from '../../../../shared/flags';
import { loadConfig } from '../../config';
import { createCore, type Core, type CoreEvent } from '../../container';
import { auditEntries, staffSessions } from '../testing';

const cores: Array<{ core: Core; dir: string }> = [];
afterEach(async () => {
  for (const { core, dir } of cores.splice(0)) {
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function desk() {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  const core = await createCore({
    config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'models'), flags: DEFAULT_FLAGS }),
    passphrase: 'desk-review-test',
    create: true,
    log: pino({ level: 'silent' }),
  });
  cores.push({ core, dir });
  const staff = await staffSessions(core);
  return { core, staff, call: staff.agent.call, sup: staff.supervisor.call };
}

type Turn = { turnId: string; reply: string; escalationId: string | null };
type Detail = {
  turns: Array<{
    turnId: string;
    reply: string | null;
    draft?: { status: string; overridden: boolean; text: string | null; flags: string[] } | null;
  }>;
};

describe('draft review at the desk', () => {
  it('sends a draft as is, checks edits with the output rails, and needs a reason to override', async () => {
    const { core, staff, call } = await desk();
    const submit = async (id: string, text: string) => {
      const r = await call('turn.submit', { conversationId: id, domain: 'bank', text });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as Turn;
    };
    const t1 = await submit('rev-1', 'What are your opening hours? My email is jane.doe@example.com');

    // Pending until the staff member decides.
    let conv = await call('conversation.get', { conversationId: 'rev-1' });
    expect(conv.ok && (conv.value as Detail).turns[0]?.draft).toBeNull();

    const rude = await call('desk.send', { turnId: t1.turnId, text: 'Calm down, it is your own fault.' });
    expect(rude.ok).toBe(true);
    const rudeValue = rude.ok ? (rude.value as { sent: boolean; flags: string[] }) : null;
    expect(rudeValue?.sent).toBe(false);
    expect(rudeValue?.flags.some((f) => f.startsWith('tone:'))).toBe(true);
    expect(auditEntries(core, 'desk.reply_sent')).toHaveLength(0);

    const echo = await call('desk.send', {
      turnId: t1.turnId,
      text: 'We wrote to jane.doe@example.com today.',
    });
    expect(echo.ok && (echo.value as { flags: string[] }).flags).toContain('pii_echo:EMAIL');

    const short = await call('desk.send', {
      turnId: t1.turnId,
      text: 'Calm down, it is your own fault.',
      overrideReason: 'ok',
    });
    expect(short.ok && (short.value as { sent: boolean }).sent).toBe(false);

    const forced = await call('desk.send', {
      turnId: t1.turnId,
      text: 'Calm down, it is your own fault.',
      overrideReason: 'Customer asked for blunt words jane.doe@example.com',
    });
    expect(forced.ok && (forced.value as { sent: boolean }).sent).toBe(true);
    const entry = auditEntries(core, 'desk.reply_overridden')[0];
    expect(entry?.actor.id).toBe(staff.agent.user.id);
    expect(entry?.payload.edited).toBe(true);
    expect(JSON.stringify(entry?.payload)).not.toContain('jane.doe@example.com');

    conv = await call('conversation.get', { conversationId: 'rev-1' });
    const d = conv.ok ? (conv.value as Detail).turns[0]?.draft : null;
    expect(d).toMatchObject({ status: 'sent', overridden: true, text: 'Calm down, it is your own fault.' });

    const twice = await call('desk.send', { turnId: t1.turnId, text: t1.reply });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Unedited: the turn's own rails already passed it.
    const t2 = await submit('rev-1', 'And on Saturdays?');
    const plain = await call('desk.send', { turnId: t2.turnId, text: t2.reply });
    expect(plain.ok && plain.value).toMatchObject({ sent: true, edited: false, flags: [] });
    expect(auditEntries(core, 'desk.reply_sent')).toHaveLength(1);

    const t3 = await submit('rev-1', 'Thanks');
    expect((await call('desk.discard', { turnId: t3.turnId })).ok).toBe(true);
    expect(auditEntries(core, 'desk.draft_discarded')).toHaveLength(1);
    conv = await call('conversation.get', { conversationId: 'rev-1' });
    expect(conv.ok && (conv.value as Detail).turns[2]?.draft?.status).toBe('discarded');

    const other = await staffSessions(core, { suffix: 'two', roles: ['agent'] });
    const t4 = await submit('rev-1', 'One more thing');
    expect(await other.agent.call('desk.discard', { turnId: t4.turnId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('brings the claim, whisper, response and resolution to the desk, pushed as they happen', async () => {
    const { core, staff, call, sup } = await desk();
    const events: CoreEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const r = await call('turn.submit', {
      conversationId: 'rev-2',
      domain: 'bank',
      text: 'Someone stole my card and I want to talk to a person',
    });
    const id = r.ok ? (r.value as Turn).escalationId : null;
    expect(id).not.toBeNull();
    if (!id) return;
    expect(await sup('escalation.whisper', { escalationId: id, text: 'Early' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await sup('escalation.claim', { escalationId: id })).ok).toBe(true);
    expect(
      (await sup('escalation.whisper', { escalationId: id, text: 'Ask for the last four digits' })).ok,
    ).toBe(true);
    expect(
      (await sup('escalation.respond', { escalationId: id, text: 'Card blocked; new one posted' })).ok,
    ).toBe(true);
    expect((await sup('escalation.resolve', { escalationId: id, outcome: 'returned_to_agent' })).ok).toBe(
      true,
    );

    const feed = await call('desk.supervision', { conversationId: 'rev-2' });
    expect(feed.ok).toBe(true);
    const items = feed.ok
      ? (feed.value as Array<{
          kind: string;
          author: string | null;
          text: string | null;
          outcome: string | null;
        }>)
      : [];
    expect(items.map((i) => i.kind)).toEqual(['claimed', 'whisper', 'response', 'resolved']);
    expect(items[1]).toMatchObject({
      author: staff.supervisor.user.name,
      text: 'Ask for the last four digits',
    });
    expect(items[3]?.outcome).toBe('returned_to_agent');
    expect(auditEntries(core, 'escalation.whispered')).toHaveLength(1);

    const pushed = events.filter((e) => e.topic === 'desk.supervision').map((e) => e.data.kind);
    expect(pushed).toEqual(['claimed', 'whisper', 'response', 'resolved']);
    // Events carry ids and codes only.
    expect(JSON.stringify(events)).not.toContain('last four');

    const other = await staffSessions(core, { suffix: 'two', roles: ['agent'] });
    expect(await other.agent.call('desk.supervision', { conversationId: 'rev-2' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('reports paired desks only once this desk has a LAN identity, with link and witness status', async () => {
    const { core, sup, call } = await desk();
    const before = await sup('queue.paired_desks', {});
    expect(before.ok && before.value).toMatchObject({ enabled: false, peers: [] });
    await core.lan.desk();
    const after = await sup('queue.paired_desks', {});
    expect(after.ok && after.value).toMatchObject({
      enabled: true,
      role: 'staff',
      peers: [],
      witness: { cosignatures: 0, problems: 0 },
    });
    expect(await call('queue.paired_desks', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
