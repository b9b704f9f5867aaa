import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { openUserDirectory, type UserAuditSink } from './index';

describe('user directory', () => {
  let dir: string;
  let store: Store;
  const audited: Array<Parameters<UserAuditSink['append']>[0]> = [];
  const audit: UserAuditSink = { append: (entry) => audited.push(entry) };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    store = openStore({ dataDir: dir, passphrase: 'test-passphrase', create: true });
    audited.length = 0;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates users with a role, finds them by name case-insensitively, and audits without names', () => {
    const users = openUserDirectory(store, { audit });
    const ada = users.create({ name: '  Ada Lovelace ', role: 'admin' });
    expect(ada).toMatchObject({ name: 'Ada Lovelace', role: 'admin', disabled: false });
    expect(users.findByName('ada lovelace')?.id).toBe(ada.id);
    expect(users.get(ada.id)?.name).toBe('Ada Lovelace');
    expect(users.count()).toBe(1);
    expect(users.count('agent')).toBe(0);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      type: 'admin.user_created',
      payload: { userId: ada.id, role: 'admin' },
    });
    expect(JSON.stringify(audited)).not.toContain('Ada');
  });

  it('rejects duplicate names, bad names and unknown roles without writing', () => {
    const users = openUserDirectory(store, { audit });
    users.create({ name: 'Bob', role: 'agent' });
    expect(() => users.create({ name: 'BOB', role: 'agent' })).toThrow(/already exists/);
    expect(() => users.create({ name: '<script>', role: 'agent' })).toThrow(/User name/);
    expect(() => users.create({ name: 'Eve', role: 'root' as 'admin' })).toThrow(/Unknown role/);
    expect(users.list().map((u) => u.name)).toEqual(['Bob']);
    expect(audited).toHaveLength(1);
  });

  it('changes roles with an audit entry but never demotes the last admin', () => {
    const users = openUserDirectory(store, { audit });
    const admin = users.create({ name: 'Root', role: 'admin' });
    const carol = users.create({ name: 'Carol', role: 'agent' });
    const actor = { kind: 'user' as const, id: admin.id, role: 'admin' };
    expect(users.setRole(carol.id, 'supervisor', actor).role).toBe('supervisor');
    expect(audited.at(-1)).toMatchObject({
      type: 'admin.role_changed',
      payload: { userId: carol.id, from: 'agent', to: 'supervisor' },
    });
    expect(() => users.setRole(admin.id, 'agent', actor)).toThrow(/last admin/);
    expect(users.get(admin.id)?.role).toBe('admin');
    expect(() => users.setRole('u_missing', 'agent', actor)).toThrow(/No such user/);
  });

  it('persists across reopen of the encrypted store', () => {
    openUserDirectory(store).create({ name: 'Dana', role: 'compliance' });
    store.close();
    store = openStore({ dataDir: dir, passphrase: 'test-passphrase' });
    expect(openUserDirectory(store).list()).toMatchObject([{ name: 'Dana', role: 'compliance' }]);
  });
});
