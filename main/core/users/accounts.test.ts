import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import {
  createAccounts,
  createSessions,
  hashSecret,
  openUserDirectory,
  SIGN_IN_POLICY,
  verifySecret,
  type UserAuditSink,
} from './index';

const PASSWORD = 'long enough password';
const admin = { kind: 'user' as const, id: 'u_admin', role: 'admin' };

describe('accounts', () => {
  let dir: string;
  let store: Store;
  let clock: number;
  const audited: Array<Parameters<UserAuditSink['append']>[0]> = [];
  const audit: UserAuditSink = { append: (e) => audited.push(e) };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    store = openStore({ dataDir: dir, passphrase: 'test-passphrase', create: true });
    audited.length = 0;
    clock = Date.parse('2026-03-01T09:00:00Z');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const now = () => new Date(clock);
    const users = openUserDirectory(store, { audit, now });
    return { users, accounts: createAccounts(users, { audit, now }) };
  }

  it('hashes with scrypt, self-describing, salted, and verifies only the right secret', async () => {
    const a = await hashSecret(PASSWORD);
    const b = await hashSecret(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifySecret(PASSWORD, a)).toBe(true);
    expect(await verifySecret(`${PASSWORD}x`, a)).toBe(false);
    // A hash asking for absurd work is refused rather than computed.
    expect(await verifySecret(PASSWORD, a.replace('$32768$', '$1073741824$'))).toBe(false);
  });

  it('signs in with the right password only, auditing success and failure without the secret', async () => {
    const { accounts } = setup();
    const ada = await accounts.add({ name: 'Ada', role: 'agent', password: PASSWORD }, admin);
    expect(ada).toMatchObject({ hasPassword: true, locked: false });
    await expect(accounts.signIn('ada', 'wrong password!')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong user name or password.',
    });
    await expect(accounts.signIn('nobody', PASSWORD)).rejects.toMatchObject({
      message: 'Wrong user name or password.',
    });
    expect((await accounts.signIn('ADA', PASSWORD)).id).toBe(ada.id);
    const types = audited.map((e) => e.type);
    expect(types).toEqual([
      'admin.user_created',
      'admin.password_set',
      'auth.sign_in_failed',
      'auth.sign_in',
    ]);
    expect(JSON.stringify(audited)).not.toContain(PASSWORD);
    expect(JSON.stringify(audited)).not.toContain('wrong password');
    await expect(accounts.add({ name: 'Bo', role: 'agent', password: 'short' }, admin)).rejects.toMatchObject(
      {
        code: 'VALIDATION',
      },
    );
  });

  it('backs off after repeated failures, then locks the account until an admin unlocks it', async () => {
    const { users, accounts } = setup();
    const ada = await accounts.add({ name: 'Ada', role: 'agent', password: PASSWORD }, admin);
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures + 1; i += 1)
      await expect(accounts.signIn('Ada', 'wrong password!')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Within the back-off even the right password is refused unchecked.
    await expect(accounts.signIn('Ada', PASSWORD)).rejects.toMatchObject({ message: /wait \d+ s/ });
    for (let i = SIGN_IN_POLICY.freeFailures + 1; i < SIGN_IN_POLICY.lockAfter; i += 1) {
      clock += SIGN_IN_POLICY.maxBackoffSeconds * 1000;
      await expect(accounts.signIn('Ada', 'wrong password!')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect(audited.filter((e) => e.type === 'auth.locked')).toHaveLength(1);
    expect(users.get(ada.id)?.locked).toBe(true);
    clock += SIGN_IN_POLICY.maxBackoffSeconds * 1000;
    await expect(accounts.signIn('Ada', PASSWORD)).rejects.toMatchObject({ message: /locked/ });
    users.unlock(ada.id, admin);
    expect(audited.at(-1)).toMatchObject({ type: 'auth.unlocked', payload: { userId: ada.id } });
    expect((await accounts.signIn('Ada', PASSWORD)).locked).toBe(false);
  });

  it('unlocks by itself after the lock period', async () => {
    const { accounts } = setup();
    await accounts.add({ name: 'Ada', role: 'agent', password: PASSWORD }, admin);
    for (let i = 0; i < SIGN_IN_POLICY.lockAfter; i += 1) {
      clock += SIGN_IN_POLICY.maxBackoffSeconds * 1000;
      await expect(accounts.signIn('Ada', 'wrong password!')).rejects.toBeTruthy();
    }
    await expect(accounts.signIn('Ada', PASSWORD)).rejects.toMatchObject({ message: /locked/ });
    clock += SIGN_IN_POLICY.lockMinutes * 60_000 + 1;
    expect((await accounts.signIn('Ada', PASSWORD)).name).toBe('Ada');
  });

  it('tells a user from before accounts to ask an admin; refuses disabled accounts', async () => {
    const { users, accounts } = setup();
    const old = users.create({ name: 'Legacy', role: 'agent' });
    expect(old.hasPassword).toBe(false);
    await expect(accounts.signIn('Legacy', PASSWORD)).rejects.toMatchObject({ message: /ask an admin/ });
    await accounts.setPassword(old.id, PASSWORD, admin);
    expect((await accounts.signIn('Legacy', PASSWORD)).id).toBe(old.id);
    users.setDisabled(old.id, true, admin);
    await expect(accounts.signIn('Legacy', PASSWORD)).rejects.toMatchObject({ message: /disabled/ });
  });

  it('checks the PIN (or the password without one) for the idle lock', async () => {
    const { accounts } = setup();
    const ada = await accounts.add({ name: 'Ada', role: 'agent', password: PASSWORD }, admin);
    expect(await accounts.verifyUnlock(ada.id, { pin: '1234' })).toBe(false);
    expect(await accounts.verifyUnlock(ada.id, { password: PASSWORD })).toBe(true);
    await accounts.setPin(ada.id, '1234');
    expect(await accounts.verifyUnlock(ada.id, { pin: '1234' })).toBe(true);
    expect(await accounts.verifyUnlock(ada.id, { pin: '4321' })).toBe(false);
    await expect(accounts.setPin(ada.id, '12')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('sessions', () => {
  it('lock when idle, expire after their maximum age, and do not survive a new launch', () => {
    let t = 0;
    const sessions = createSessions({ idleLockMinutes: 5, maxAgeHours: 1, now: () => t });
    const { token } = sessions.create('u1');
    expect(sessions.lookup(token, true).state).toBe('active');
    t += 4 * 60_000;
    expect(sessions.lookup(token, true).state).toBe('active');
    // Six minutes since the last call: locked.
    t += 6 * 60_000;
    expect(sessions.lookup(token, true).state).toBe('locked');
    sessions.unlock(token);
    expect(sessions.lookup(token, true).state).toBe('active');
    t += 61 * 60_000;
    expect(sessions.lookup(token, true).state).toBe('none');
    const again = sessions.create('u1');
    expect(createSessions().lookup(again.token, true).state).toBe('none');
    expect(sessions.lookup('forged-token-value', true).state).toBe('none');
    sessions.create('u2');
    expect(sessions.size()).toBe(2);
    sessions.endAllFor('u1');
    expect(sessions.lookup(again.token, true).state).toBe('none');
    // An expired session nobody asks about again is dropped when the next one is created.
    t += 61 * 60_000;
    sessions.create('u3');
    expect(sessions.size()).toBe(1);
  });
});
