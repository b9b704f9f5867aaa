import { randomUUID } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { isRole, type Role } from '../../../shared/roles';
import type { Store } from '../store';

export interface User {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

export interface UserActor {
  kind: 'user' | 'agent' | 'system';
  id: string;
  role: string;
}

/**
 * The slice of the audit ledger this module needs. Declared here so users does not depend on audit's
 * internals; the real AuditLedger satisfies it structurally. Payloads carry ids and roles, never names.
 */
export interface UserAuditSink {
  append(entry: {
    type: 'admin.user_created' | 'admin.role_changed';
    actor: UserActor;
    subject?: string | null;
    payload: Record<string, string>;
  }): unknown;
}

export interface UserDirectory {
  create(input: { name: string; role: Role }, actor?: UserActor): User;
  get(id: string): User | null;
  findByName(name: string): User | null;
  list(): User[];
  setRole(id: string, role: Role, actor: UserActor): User;
  count(role?: Role): number;
}

export interface UserDirectoryOptions {
  audit?: UserAuditSink;
  now?: () => Date;
}

interface UserRow {
  id: string;
  name: string;
  role: string;
  created_at: string;
  disabled: number;
}

/** Names show in the UI and audit views: printable, short, no control characters or markup. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .'_-]{0,63}$/u;
const SYSTEM_ACTOR: UserActor = { kind: 'system', id: 'system', role: 'system' };

export function normaliseUserName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!NAME_PATTERN.test(name)) {
    throw new UserError(
      'VALIDATION',
      "User name must be 1-64 letters, digits, spaces or . ' _ - and start with a letter or digit.",
    );
  }
  return name;
}

function toUser(row: UserRow): User {
  // The CHECK constraint makes this unreachable unless the file was edited outside Confidant.
  if (!isRole(row.role)) throw new UserError('CORRUPT', `User ${row.id} has an unknown role.`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
  };
}

export function openUserDirectory(
  store: Pick<Store, 'db'>,
  options: UserDirectoryOptions = {},
): UserDirectory {
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, name');
  const insert = db.prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)');
  const updateRole = db.prepare('UPDATE users SET role = ? WHERE id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const countRole = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM users WHERE role = ?');

  function get(id: string): User | null {
    const row = byId.get(id);
    return row ? toUser(row) : null;
  }

  return {
    create(input, actor = SYSTEM_ACTOR) {
      const name = normaliseUserName(input.name);
      if (!isRole(input.role)) throw new UserError('VALIDATION', 'Unknown role.');
      const id = `u_${randomUUID()}`;
      db.transaction(() => {
        if (byName.get(name)) throw new UserError('CONFLICT', 'A user with that name already exists.');
        insert.run(id, name, input.role, now().toISOString());
        options.audit?.append({
          type: 'admin.user_created',
          actor,
          subject: null,
          payload: { userId: id, role: input.role },
        });
      })();
      return get(id) as User;
    },
    get,
    findByName(name) {
      const row = byName.get(name.normalize('NFC').trim());
      return row ? toUser(row) : null;
    },
    list: () => all.all().map(toUser),
    setRole(id, role, actor) {
      if (!isRole(role)) throw new UserError('VALIDATION', 'Unknown role.');
      const before = get(id);
      if (!before) throw new UserError('NOT_FOUND', 'No such user.');
      if (before.role === role) return before;
      db.transaction(() => {
        // Removing the last admin would lock everyone out of administration for good.
        if (before.role === 'admin' && (countRole.get('admin')?.n ?? 0) <= 1) {
          throw new UserError('CONFLICT', 'Cannot change the role of the last admin.');
        }
        updateRole.run(role, id);
        options.audit?.append({
          type: 'admin.role_changed',
          actor,
          subject: null,
          payload: { userId: id, from: before.role, to: role },
        });
      })();
      return get(id) as User;
    },
    count(role) {
      return (role ? countRole.get(role)?.n : countAll.get()?.n) ?? 0;
    },
  };
}
