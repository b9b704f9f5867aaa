import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BugError, UserError } from '../../../shared/errors';
import { loadConfig } from '../config';
import { createCore, type Core } from '../container';
import { createLogger } from '../log';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { createDispatcher, type AuthDeps, type Handlers } from './index';
import { staffSessions } from './testing';
import { isFileEncrypted } from './handlers/status';

const silent = createLogger({ level: 'silent' });
const STATUS = {
  appVersion: '1',
  dataDir: '/d',
  mode: 'cli',
  store: { state: 'open', encrypted: true, schemaVersion: 1 },
  models: [],
  fallbacks: [],
  flags: { autoEscalation: true, shadowRuns: false, rehydrateForStaff: false },
};

const CLAIMED = {
  id: 'e1',
  conversationId: 'c1',
  status: 'claimed',
  priority: 'normal',
  reasons: ['risk'],
  slaDueAt: '2026-01-01T00:00:00.000Z',
  createdAt: '2026-01-01T00:00:00.000Z',
  claimedBy: 'u1',
  resolvedAt: null,
  outcome: null,
};

/** A stand-in for the core's users and sessions: one admin, signed in with the token 'tok'. */
const ADMIN_AUTH: AuthDeps = {
  users: {
    get: (id) => (id === 'u1' ? ({ id, name: 'Ada', role: 'admin', disabled: false } as never) : null),
  },
  sessions: {
    lookup: (token) =>
      token === 'tok'
        ? {
            state: 'active',
            session: {
              userId: 'u1',
              createdAt: 0,
              lastActivity: 0,
              locked: false,
              unlockFailures: 0,
              authoredTurns: new Set(),
            },
          }
        : { state: 'none' },
    end: () => undefined,
  },
  audit: { append: () => ({ seq: 0, entryHash: '' }) },
};
const SIGNED_IN = { transport: 'test', sessionToken: 'tok' } as const;

function dispatcherWith(statusGet: (input: unknown) => unknown) {
  const dispatch = createDispatcher({ 'status.get': statusGet } as unknown as Handlers, silent, ADMIN_AUTH);
  return (name: string, input: unknown) => dispatch(name, input, SIGNED_IN);
}

describe('dispatcher', () => {
  it('validates input strictly before any handler runs', async () => {
    let ran = false;
    const dispatch = dispatcherWith(() => {
      ran = true;
      return STATUS;
    });
    expect(await dispatch('status.get', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('Invalid input') },
    });
    expect(await dispatch('status.get', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(ran).toBe(false);
    expect(await dispatch('status.get', {})).toEqual({ ok: true, value: STATUS });
  });

  it('passes UserErrors through and hides everything else as INTERNAL without a stack', async () => {
    const user = dispatcherWith(() => {
      throw new UserError('CONFLICT', 'already claimed');
    });
    expect(await user('status.get', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'already claimed' },
    });
    const bug = dispatcherWith(() => {
      throw new BugError('secret internals at /home/x/file.ts:12');
    });
    const res = await bug('status.get', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toContain('secret internals');
  });

  it('reports successful changes by name only, never reads or failures', async () => {
    const changed: string[] = [];
    const handlers = {
      'status.get': () => STATUS,
      'users.list': () => [],
      'escalation.claim': () => {
        throw new UserError('CONFLICT', 'already claimed');
      },
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, silent, ADMIN_AUTH, {
      onChange: (name) => changed.push(name),
    });
    await dispatch('status.get', {}, SIGNED_IN);
    await dispatch('users.list', {}, SIGNED_IN);
    await dispatch('escalation.claim', { escalationId: 'e1' }, SIGNED_IN);
    expect(changed).toEqual([]);
    const withTurn = createDispatcher(
      { ...handlers, 'escalation.claim': () => ({ ...CLAIMED }) } as unknown as Handlers,
      silent,
      ADMIN_AUTH,
      { onChange: (name) => changed.push(name) },
    );
    expect(await withTurn('escalation.claim', { escalationId: 'e1' }, SIGNED_IN)).toMatchObject({
      ok: true,
    });
    expect(changed).toEqual(['escalation.claim']);
  });

  it('refuses handler output that breaks the contract', async () => {
    const drifted = dispatcherWith(() => ({ ...STATUS, mode: 'mainframe' }));
    expect(await drifted('status.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('status.get on a real core', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    core = await createCore({
      config: loadConfig({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models') }),
      passphrase: 'status-test',
      create: true,
      log: silent,
    });
  });
  afterAll(async () => {
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the real data dir, the on-disk encryption and the schema version', async () => {
    const res = await (await staffSessions(core, { roles: ['agent'] })).agent.call('status.get', {});
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value).toMatchObject({
      dataDir: join(dir, 'data'),
      mode: 'cli',
      store: { state: 'open', encrypted: true, schemaVersion: core.store.schemaVersion() },
    });
    expect(core.store.schemaVersion()).toBeGreaterThanOrEqual(11);
  });

  it('lists staff users to an admin, optionally by role, without anything but id, name, role and state', async () => {
    core.users.create({ name: 'Sam Supervisor', role: 'supervisor' });
    core.users.create({ name: 'Alex Agent', role: 'agent' });
    const dispatch = (await staffSessions(core, { roles: ['admin'] })).admin.call;
    const all = await dispatch('users.list', {});
    if (!all.ok) throw new Error(all.error.message);
    expect((all.value as Array<{ name: string }>).map((u) => u.name).sort()).toEqual([
      'Alex Agent',
      'Sam Supervisor',
      'admin-one',
      'agent-one',
    ]);
    const supervisors = await dispatch('users.list', { role: 'supervisor' });
    expect(supervisors).toEqual({
      ok: true,
      value: [
        {
          id: expect.stringMatching(/^u_/),
          name: 'Sam Supervisor',
          role: 'supervisor',
          disabled: false,
          locked: false,
          hasPassword: false,
        },
      ],
    });
    expect(await dispatch('users.list', { role: 'root' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('tells a plain SQLite file from an encrypted one', () => {
    const plain = join(dir, 'plain.db');
    const db = new SqliteDatabase(plain);
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    db.close();
    expect(isFileEncrypted(plain)).toBe(false);
    expect(isFileEncrypted(core.store.dbPath)).toBe(true);
  });
});
