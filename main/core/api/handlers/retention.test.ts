import { describe, expect, it } from 'vitest';
import { coreAfterTurns } from '../../../test-support/core-after-turns';

describe('data-protection procedures', () => {
  async function setup() {
    const { core, staff } = await coreAfterTurns([
      { conversationId: 'conv-a', domain: 'clinic', text: 'I am Oriel Fenwick, DOB 02/03/1961.' },
    ]);
    return { core, staff, dispatch: staff.compliance.call, agent: staff.agent.call };
  }

  it('erases the customer behind a conversation, once, and the ledger still verifies', async () => {
    const { core: c, dispatch } = await setup();
    const first = await dispatch('subject.erase', { conversationId: 'conv-a' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const value = first.value as { subjectId: string; alreadyErased: boolean; auditSeq: number | null };
    expect(value.alreadyErased).toBe(false);
    expect(value.auditSeq).not.toBeNull();
    expect(c.store.cipher.isShredded(value.subjectId)).toBe(true);
    // The conversation row went with the subject, so a repeat finds nothing to erase.
    const again = await dispatch('subject.erase', { conversationId: 'conv-a' });
    expect(again).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such conversation.' } });
    c.audit.flush();
    expect(c.audit.verify().ok).toBe(true);
  });

  it('refuses staff without a data-protection role, and unknown users, changing nothing', async () => {
    const { core: c, staff, dispatch, agent } = await setup();
    const denied = await agent('subject.erase', { conversationId: 'conv-a' });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    const unknown = await staff.dispatch(
      'retention.purge',
      {},
      { transport: 'test', sessionToken: 'nobody' },
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('UNAUTHORIZED');
    const forged = await agent('subject.erase', {
      conversationId: 'conv-a',
      actorId: staff.compliance.user.id,
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await dispatch('subject.erase', { conversationId: 'conv a; drop' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
    const rows = c.store.db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('runs a manual purge for compliance and reports counts only', async () => {
    const { dispatch } = await setup();
    const result = await dispatch('retention.purge', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ deletedRows: 0, shreddedSubjects: 0 });
  });
});
