import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store';
import { openUserDirectory } from '../../core/users';
import { addTestUser, runCliInProcess } from '../testing';

const PASS = 'cli-users-passphrase';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
const dataDir = join(root, 'desk');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCliInProcess([...args, '--data-dir', dataDir], { CONFIDANT_PASSPHRASE: PASS, ...env });

beforeAll(async () => {
  const store = openStore({ dataDir, passphrase: PASS, create: true });
  await addTestUser(store, 'Ada Admin', 'admin');
  // An account from before sign-in existed: no password.
  openUserDirectory(store).create({ name: 'Old Timer', role: 'agent' });
  store.close();
});

describe('confidant users', () => {
  it('adds, lists, changes roles, resets passwords, disables and unlocks, as a signed-in admin', async () => {
    const added = await cli(['users', 'add', 'Ann Agent', '--role', 'agent', '--as', 'Ada Admin', '--json'], {
      CONFIDANT_NEW_PASSWORD: 'ann first password',
    });
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Ann Agent', role: 'agent', locked: false });
    const list = await cli(['users', 'list', '--as', 'Ada Admin', '--json']);
    expect(JSON.parse(list.stdout).users.map((u: { name: string }) => u.name)).toEqual([
      'Ada Admin',
      'Old Timer',
      'Ann Agent',
    ]);
    expect(JSON.stringify(JSON.parse(list.stdout))).not.toMatch(/scrypt|password/i);
    const role = await cli([
      'users',
      'role',
      'Ann Agent',
      '--role',
      'supervisor',
      '--as',
      'Ada Admin',
      '--json',
    ]);
    expect(JSON.parse(role.stdout)).toMatchObject({ role: 'supervisor' });
    // The old account gets a password from an admin, then can act.
    const passwd = await cli(['users', 'passwd', 'Old Timer', '--as', 'Ada Admin'], {
      CONFIDANT_NEW_PASSWORD: 'old timer password',
    });
    expect(passwd.code, passwd.stderr).toBe(0);
    const disabled = await cli(['users', 'disable', 'Ann Agent', '--as', 'Ada Admin', '--json']);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ disabled: true });
    const unlocked = await cli(['users', 'unlock', 'Old Timer', '--as', 'Ada Admin', '--json']);
    expect(JSON.parse(unlocked.stdout)).toMatchObject({ locked: false });
  });

  it('refuses non-admins, wrong passwords and missing --as, with the contract exit codes', async () => {
    expect((await cli(['users', 'list'])).code).toBe(2);
    const wrong = await cli(['users', 'list', '--as', 'Ada Admin'], {
      CONFIDANT_USER_PASSWORD: 'nope nope nope',
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toEqual(['confidant users list: Wrong user name or password.']);
    const agent = await cli(['users', 'list', '--as', 'Old Timer'], {
      CONFIDANT_USER_PASSWORD: 'old timer password',
    });
    expect(agent.code).toBe(3);
    expect((await cli(['users', 'add', 'X', '--role', 'root', '--as', 'Ada Admin'])).code).toBe(2);
  });
});
