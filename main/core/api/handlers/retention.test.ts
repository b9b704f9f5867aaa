import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../container/testing';
import { createLogger } from '../../log';
import { createDispatcher, createHandlers } from '..';

describe('data-protection procedures', () => {
  let running: TestCore | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  async function setup() {
    running = await startTestCore();
    const { core } = running;
    const dispatch = createDispatcher(createHandlers(core), createLogger({ level: 'silent' }));
    const dpo = core.users.create({ name: 'dpo', role: 'compliance' });
    const agent = core.users.create({ name: 'desk-agent', role: 'agent' });
    const pipeline = await core.pipeline.get();
    await pipeline.runTurn({
      conversationId: 'conv-a',
      domain: 'clinic',
      text: 'I am Oriel Fenwick, DOB 02/03/1961.',
    });
    return { core, dispatch, dpo, agent };
  }

  it('erases the customer behind a conversation, once, and the ledger still verifies', async () => {
    const { core: c, dispatch, dpo } = await setup();
    const first = await dispatch('subject.erase', { conversationId: 'conv-a', actorId: dpo.id });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const value = first.value as { subjectId: string; alreadyErased: boolean; auditSeq: number | null };
    expect(value.alreadyErased).toBe(false);
    expect(value.auditSeq).not.toBeNull();
    expect(c.store.cipher.isShredded(value.subjectId)).toBe(true);
    // The conversation row went with the subject, so a repeat finds nothing to erase.
    const again = await dispatch('subject.erase', { conversationId: 'conv-a', actorId: dpo.id });
    expect(again).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such conversation.' } });
    c.audit.flush();
    expect(c.audit.verify().ok).toBe(true);
  });

  it('refuses staff without a data-protection role, and unknown users, changing nothing', async () => {
    const { core: c, dispatch, agent } = await setup();
    const denied = await dispatch('subject.erase', { conversationId: 'conv-a', actorId: agent.id });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    const unknown = await dispatch('retention.purge', { actorId: 'nobody' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('UNAUTHORIZED');
    const bad = await dispatch('subject.erase', { conversationId: 'conv a; drop', actorId: agent.id });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
    const rows = c.store.db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('runs a manual purge for compliance and reports counts only', async () => {
    const { dispatch, dpo } = await setup();
    const result = await dispatch('retention.purge', { actorId: dpo.id });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ deletedRows: 0, shreddedSubjects: 0 });
  });
});
