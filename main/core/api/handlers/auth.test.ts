import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../container/testing';
import { createSessions, SIGN_IN_POLICY } from '../../users';
import { authorize, createCoreDispatcher } from '../index';
import { auditEntries, sessionCaller, TEST_PASSWORD } from '../testing';

describe('auth procedures', () => {
  let running: TestCore;
  beforeAll(async () => {
    running = await startTestCore();
    const system = { kind: 'system' as const, id: 'test', role: 'system' };
    await running.core.accounts.add({ name: 'Ann Agent', role: 'agent', password: TEST_PASSWORD }, system);
  });
  afterAll(() => running.stop());

  it('signs in through the transport, answers whoami, and signs out', async () => {
    const { core } = running;
    const tab = sessionCaller(createCoreDispatcher(core), undefined);
    expect(await tab('status.get')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const signedIn = await tab('auth.sign_in', { name: 'ann agent', password: TEST_PASSWORD });
    expect(signedIn).toMatchObject({
      ok: true,
      value: { user: { name: 'Ann Agent', role: 'agent' }, idleLockMinutes: 5, locked: false },
    });
    // The session travels out of band (cookie, window), never in the body.
    expect(JSON.stringify(signedIn)).not.toContain(tab.token() ?? 'no token');
    expect(tab.token()).toMatch(/^[\w-]{43}$/);
    expect((await tab('status.get')).ok).toBe(true);
    expect(await tab('auth.whoami')).toMatchObject({ ok: true, value: { user: { name: 'Ann Agent' } } });
    expect(await tab('auth.sign_out')).toEqual({ ok: true, value: { signedOut: true } });
    expect(tab.token()).toBeUndefined();
    expect(auditEntries(core, 'auth.sign_in')).toHaveLength(1);
    expect(auditEntries(core, 'auth.signed_out')).toHaveLength(1);
  });

  it('answers a wrong password, an expired or foreign session with one UNAUTHORIZED line, changing nothing', async () => {
    const { core } = running;
    const dispatch = createCoreDispatcher(core);
    const tab = sessionCaller(dispatch, undefined);
    const wrong = await tab('auth.sign_in', { name: 'Ann Agent', password: 'not the password' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password.' },
    });
    expect(tab.token()).toBeUndefined();
    // A token from a previous launch (another core's sessions) or a made-up one is simply unknown.
    const stale = sessionCaller(dispatch, 'a'.repeat(43));
    const res = await stale('conversation.list');
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    if (!res.ok) expect(res.error.message).not.toContain('\n');
    core.users.recordSuccess(core.users.findByName('Ann Agent')!.id);
  });

  it('locks on request and when idle, and reopens with the PIN but not a wrong one', async () => {
    const { core } = running;
    const tab = sessionCaller(createCoreDispatcher(core), undefined);
    await tab('auth.sign_in', { name: 'Ann Agent', password: TEST_PASSWORD });
    expect(await tab('auth.set_pin', { password: TEST_PASSWORD, pin: '2468' })).toEqual({
      ok: true,
      value: { hasPin: true },
    });
    expect(await tab('auth.lock')).toEqual({ ok: true, value: { locked: true } });
    expect(await tab('conversation.list')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await tab('auth.whoami')).toMatchObject({ ok: true, value: { locked: true, hasPin: true } });
    expect(await tab('auth.unlock', { pin: '1111' })).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await tab('auth.unlock', { pin: '2468' })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await tab('conversation.list')).ok).toBe(true);
    expect(auditEntries(core, 'auth.session_unlocked')).toHaveLength(1);
  });

  it('ends a locked session after too many wrong PINs', async () => {
    const { core } = running;
    const tab = sessionCaller(createCoreDispatcher(core), undefined);
    await tab('auth.sign_in', { name: 'Ann Agent', password: TEST_PASSWORD });
    await tab('auth.lock');
    for (let i = 0; i < 5; i += 1) await tab('auth.unlock', { pin: '0000' });
    expect(tab.token()).toBeUndefined();
    expect(await tab('auth.whoami')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('gives a locked account and an expired session one UNAUTHORIZED line each, and binds no session', async () => {
    const { core } = running;
    const system = { kind: 'system' as const, id: 'test', role: 'system' };
    const lena = await core.accounts.add(
      { name: 'Lena Locked', role: 'agent', password: TEST_PASSWORD },
      system,
    );
    core.users.recordFailure(lena.id, new Date(), new Date(Date.now() + SIGN_IN_POLICY.lockMinutes * 60_000));
    const tab = sessionCaller(createCoreDispatcher(core), undefined);
    const locked = await tab('auth.sign_in', { name: 'Lena Locked', password: TEST_PASSWORD });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/locked/) },
    });
    if (!locked.ok) expect(locked.error.message).not.toContain('\n');
    expect(tab.token()).toBeUndefined();

    let now = 0;
    const sessions = createSessions({ maxAgeHours: 1, now: () => now });
    const { token } = sessions.create(lena.id);
    const deps = { users: core.users, sessions, audit: core.audit };
    expect(authorize(deps, 'status.get', { transport: 'test', sessionToken: token }).ok).toBe(true);
    now += 2 * 3_600_000;
    const expired = authorize(deps, 'status.get', { transport: 'test', sessionToken: token });
    expect(expired).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Not signed in, or the session has ended: sign in again.' },
    });
  });

  it('creates the first admin on a store with no accounts, once', async () => {
    const fresh = await startTestCore();
    try {
      const tab = sessionCaller(createCoreDispatcher(fresh.core), undefined);
      expect(await tab('auth.setup_needed')).toEqual({ ok: true, value: { needed: true } });
      expect(await tab('auth.setup', { name: 'First Admin', password: 'short' })).toMatchObject({
        error: { code: 'VALIDATION' },
      });
      const made = await tab('auth.setup', { name: 'First Admin', password: TEST_PASSWORD });
      expect(made).toMatchObject({ ok: true, value: { user: { name: 'First Admin', role: 'admin' } } });
      expect((await tab('users.list')).ok).toBe(true);
      const other = sessionCaller(createCoreDispatcher(fresh.core), undefined);
      expect(await other('auth.setup_needed')).toEqual({ ok: true, value: { needed: false } });
      expect(await other('auth.setup', { name: 'Second Admin', password: TEST_PASSWORD })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(other.token()).toBeUndefined();
      expect(fresh.core.users.count()).toBe(1);
    } finally {
      await fresh.stop();
    }
  });
});
