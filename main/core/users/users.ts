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
  /** Accounts created before sign-in existed have none and cannot sign in until an admin sets one. */
  hasPassword: boolean;
  hasPin: boolean;
  /** Locked out after repeated failed sign-ins, until `lockedUntil` or an admin unlocks it. */
  locked: boolean;
}

/** What sign-in needs; never leaves main. */
export interface Credentials {
  passwordHash: string | null;
  pinHash: string | null;
  failedAttempts: number;
  lastFailedAt: string | null;
  lockedUntil: string | null;
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
export type UserAuditType =
  | 'admin.user_created'
  | 'admin.role_changed'
  | 'admin.user_disabled'
  | 'admin.password_set'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.locked'
  | 'auth.unlocked';

export interface UserAuditSink {
  append(entry: {
    type: UserAuditType;
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
  /** Disables (or re-enables) an account; the last enabled admin cannot be disabled. */
  setDisabled(id: string, disabled: boolean, actor: UserActor): User;
  credentials(id: string): Credentials | null;
  /** Stores a precomputed hash (see password.ts); a new password also clears a lock-out. */
  setPasswordHash(id: string, hash: string, actor: UserActor): void;
  setPinHash(id: string, hash: string | null): void;
  /** Counts a failed sign-in; returns the new count. */
  recordFailure(id: string, at: Date, lockUntil: Date | null): number;
  recordSuccess(id: string): void;
  /** Clears a lock-out and the failure count (an admin's action, audited as auth.unlocked). */
  unlock(id: string, actor: UserActor): User;
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
  password_hash: string | null;
  pin_hash: string | null;
  failed_attempts: number;
  last_failed_at: string | null;
  locked_until: string | null;
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

function toUser(row: UserRow, now: Date): User {
  // The CHECK constraint makes this unreachable unless the file was edited outside Confidant.
  if (!isRole(row.role)) throw new UserError('CORRUPT', `User ${row.id} has an unknown role.`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    hasPin: row.pin_hash !== null,
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
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

  const countEnabledAdmins = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0",
  );
  const view = (row: UserRow) => toUser(row, now());

  function get(id: string): User | null {
    const row = byId.get(id);
    return row ? view(row) : null;
  }
  function must(id: string): UserRow {
    const row = byId.get(id);
    if (!row) throw new UserError('NOT_FOUND', 'No such user.');
    return row;
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
      return row ? view(row) : null;
    },
    list: () => all.all().map(view),
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
    setDisabled(id, disabled, actor) {
      const before = view(must(id));
      if (before.disabled === disabled) return before;
      db.transaction(() => {
        if (disabled && before.role === 'admin' && (countEnabledAdmins.get()?.n ?? 0) <= 1)
          throw new UserError('CONFLICT', 'Cannot disable the last enabled admin.');
        db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
        options.audit?.append({
          type: 'admin.user_disabled',
          actor,
          subject: null,
          payload: { userId: id, disabled: String(disabled) },
        });
      })();
      return get(id) as User;
    },
    credentials(id) {
      const row = byId.get(id);
      if (!row) return null;
      return {
        passwordHash: row.password_hash,
        pinHash: row.pin_hash,
        failedAttempts: row.failed_attempts,
        lastFailedAt: row.last_failed_at,
        lockedUntil: row.locked_until,
      };
    },
    setPasswordHash(id, hash, actor) {
      must(id);
      db.transaction(() => {
        db.prepare(
          'UPDATE users SET password_hash = ?, failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?',
        ).run(hash, id);
        options.audit?.append({ type: 'admin.password_set', actor, subject: null, payload: { userId: id } });
      })();
    },
    setPinHash(id, hash) {
      must(id);
      db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hash, id);
    },
    recordFailure(id, at, lockUntil) {
      db.prepare(
        'UPDATE users SET failed_attempts = failed_attempts + 1, last_failed_at = ?, locked_until = coalesce(?, locked_until) WHERE id = ?',
      ).run(at.toISOString(), lockUntil?.toISOString() ?? null, id);
      return must(id).failed_attempts;
    },
    recordSuccess(id) {
      db.prepare(
        'UPDATE users SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?',
      ).run(id);
    },
    unlock(id, actor) {
      must(id);
      db.transaction(() => {
        db.prepare(
          'UPDATE users SET failed_attempts = 0, last_failed_at = NULL, locked_until = NULL WHERE id = ?',
        ).run(id);
        options.audit?.append({ type: 'auth.unlocked', actor, subject: null, payload: { userId: id } });
      })();
      return get(id) as User;
    },
  };
}
