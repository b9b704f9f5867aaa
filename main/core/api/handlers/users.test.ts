import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../container/testing';
import { auditEntries, sessionCaller, staffSessions, TEST_PASSWORD } from '../testing';

describe('account procedures (admin)', () => {
  let running: TestCore;
  let staff: Awaited<ReturnType<typeof staffSessions>>;
  beforeAll(async () => {
    running = await startTestCore();
    staff = await staffSessions(running.core);
  });
  afterAll(() => running.stop());

  it('adds a user, changes the role, resets the password and disables, each audited and ending their sessions', async () => {
    const { core } = running;
    const admin = staff.admin.call;
    const added = await admin('users.add', {
      name: 'Nia New',
      role: 'agent',
      password: 'nia first password',
    });
    expect(added).toMatchObject({ ok: true, value: { name: 'Nia New', role: 'agent', hasPassword: true } });
    expect(JSON.stringify(added)).not.toContain('nia first password');

    const nia = sessionCaller(staff.dispatch, undefined);
    expect((await nia('auth.sign_in', { name: 'Nia New', password: 'nia first password' })).ok).toBe(true);
    expect(await admin('users.set_role', { name: 'Nia New', role: 'supervisor' })).toMatchObject({
      ok: true,
      value: { role: 'supervisor' },
    });
    // A role change ends the user's sessions: they sign in again under the new role.
    expect(await nia('status.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(auditEntries(core, 'admin.role_changed').at(-1)?.payload).toMatchObject({
      from: 'agent',
      to: 'supervisor',
    });

    expect((await admin('users.set_password', { name: 'Nia New', password: 'nia second password' })).ok).toBe(
      true,
    );
    expect(await nia('auth.sign_in', { name: 'Nia New', password: 'nia first password' })).toMatchObject({
      error: { code: 'UNAUTHORIZED' },
    });
    expect((await nia('auth.sign_in', { name: 'Nia New', password: 'nia second password' })).ok).toBe(true);
    expect(await admin('users.disable', { name: 'Nia New' })).toMatchObject({
      ok: true,
      value: { disabled: true },
    });
    expect(await nia('auth.whoami')).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await admin('users.disable', { name: staff.admin.user.name })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await admin('users.add', { name: 'Nia New', role: 'agent', password: TEST_PASSWORD }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('lets an admin unlock a locked-out account', async () => {
    const { core } = running;
    const tab = sessionCaller(staff.dispatch, undefined);
    for (let i = 0; i < 5; i += 1) {
      core.users.recordFailure(
        staff.agent.user.id,
        new Date(),
        i === 4 ? new Date(Date.now() + 60_000) : null,
      );
    }
    expect(await tab('auth.sign_in', { name: staff.agent.user.name, password: TEST_PASSWORD })).toMatchObject(
      {
        error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/locked/) },
      },
    );
    const list = await staff.admin.call('users.list', {});
    expect(JSON.stringify(list)).toContain('"locked":true');
    expect(await staff.admin.call('users.unlock', { name: staff.agent.user.name })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect((await tab('auth.sign_in', { name: staff.agent.user.name, password: TEST_PASSWORD })).ok).toBe(
      true,
    );
    expect(auditEntries(core, 'auth.unlocked')).toHaveLength(1);
  });
});
