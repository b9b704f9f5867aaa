import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BugError, UserError } from '../../../shared/errors';
import type { Database } from './db';
import { ownerMayBeAlive, processStart, type PoolOwner } from './key-pool-owner';

/**
 * Per-subject envelope encryption (crypto-shredding). Every field holding a customer's PII is sealed
 * under that customer's own data key; shredding the key makes all of it unreadable everywhere.
 */
export interface SubjectCipher {
  /** Returns an opaque, self-describing envelope string (safe to hash and store). */
  seal(subjectId: string, plaintext: string): string;
  /** Returns null when the subject's key has been shredded. Throws UserError CORRUPT on a bad envelope. */
  open(subjectId: string, envelope: string): string | null;
  shred(subjectId: string): void;
  isShredded(subjectId: string): boolean;
}

export interface ShredRecord {
  subjectId: string;
  keyId: string | null;
  shreddedAt: number;
  reason: string;
}

/** The keyring's extra surface (retention uses it; most callers need only SubjectCipher). */
export interface KeyringCipher extends SubjectCipher {
  /** Shreds with a reason code kept in the keyring's shred log (codes only, never customer text). */
  shred(subjectId: string, reason?: string): void;
  /** True when the subject has a live key (something may have been sealed for them). */
  hasKey(subjectId: string): boolean;
  /**
   * Creates the keys of those subjects that have none yet (erased ones are skipped) in one durable keyring
   * commit: a caller about to seal for many new customers pays one fsync instead of one per customer.
   */
  prepareKeys(subjectIds: readonly string[]): void;
  /**
   * Keeps `size` keys made ahead of need, each committed durably to the keyring before it is handed out
   * (refilled off the caller's path). A new customer then gets a pooled key, and only the binding (subject
   * id -> key id, no secret) is written, to the data database inside the caller's transaction: one commit
   * instead of a keyring commit plus the data commit. Needs the data database (a no-op without it).
   */
  enableKeyPool(size?: number): void;
  /**
   * Removes the pooled keys whose maker's process is gone and which no customer is bound to (a crash left
   * them); returns how many keys were removed. Keys of live makers are never touched (key-pool-owner.ts).
   */
  reclaimPooledKeys(): number;
  /** At close: removes this connection's own unbound pooled keys (it will never hand them out). */
  releaseKeyPool(): void;
  shredLog(): ShredRecord[];
  /** True when the string is an envelope in this module's format (cheap syntax check, no key needed). */
  isEnvelope(value: string): boolean;
}

export const ENVELOPE_PREFIX = 'cfs1';

/**
 * Schema of keyring.db. It is its own file with its own version (user_version), never part of a data
 * backup, so its tables are added here in numbered steps rather than by the data database's migrations.
 *  1: subject keys and the shred log;
 *  2: key_pool_owners, who made each pooled key, in the same commit as the key (reclaiming, key-pool-owner.ts).
 */
export const KEYRING_VERSION = 2;
export function migrateKeyring(db: Database): void {
  const read = () => db.pragma('user_version', { simple: true }) as number;
  if (read() > KEYRING_VERSION)
    throw new UserError('CONFLICT', 'The keyring was written by a newer Confidant.');
  if (read() === KEYRING_VERSION) return;
  // IMMEDIATE, and the version read again inside: two processes upgrading at once do it once.
  db.transaction(() => {
    const version = read();
    if (version < 1) keyringStep1(db);
    if (version < 2) keyringStep2(db);
    db.pragma(`user_version = ${KEYRING_VERSION}`);
  }).immediate();
}
function keyringStep1(db: Database): void {
  db.exec(`
      CREATE TABLE subject_keys (
        subject_id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL UNIQUE,
        key BLOB NOT NULL CHECK (length(key) = 32),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE shred_log (
        subject_id TEXT PRIMARY KEY,
        key_id TEXT,
        shredded_at INTEGER NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
    `);
}
/** Pooled keys made before this step have no owner row: they are left alone (nothing says who holds them). */
function keyringStep2(db: Database): void {
  db.exec(`
    CREATE TABLE key_pool_owners (
      key_id TEXT PRIMARY KEY,
      owner_id TEXT NOT NULL,
      owner_pid INTEGER NOT NULL,
      owner_start TEXT NOT NULL,
      made_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX key_pool_owners_owner ON key_pool_owners (owner_id);
  `);
}

const aadFor = (subjectId: string, keyId: string): Buffer =>
  Buffer.from(`${ENVELOPE_PREFIX}|${keyId}|${subjectId}`, 'utf8');

const ENVELOPE_RE = /^cfs1\.(sk-[0-9a-f]{16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;

/** Keyring rows of pooled keys: `pool:<key id>`; the subject they belong to is bound in the data database. */
const POOL_PREFIX = 'pool:';

export function createKeyringCipher(
  keyring: Database,
  now: () => number = Date.now,
  data?: Database,
): KeyringCipher {
  const getKey = keyring.prepare<[string], { key_id: string; key: Buffer }>(
    'SELECT key_id, key FROM subject_keys WHERE subject_id = ?',
  );
  const putKey = keyring.prepare<[string, string, Buffer, number]>(
    'INSERT INTO subject_keys (subject_id, key_id, key, created_at) VALUES (?, ?, ?, ?)',
  );
  const getShred = keyring.prepare<[string], { subject_id: string }>(
    'SELECT subject_id FROM shred_log WHERE subject_id = ?',
  );
  const delKey = keyring.prepare<[string]>('DELETE FROM subject_keys WHERE subject_id = ?');
  const putShred = keyring.prepare<[string, string | null, number, string]>(
    'INSERT OR IGNORE INTO shred_log (subject_id, key_id, shredded_at, reason) VALUES (?, ?, ?, ?)',
  );
  const listShreds = keyring.prepare<
    [],
    { subject_id: string; key_id: string | null; shredded_at: number; reason: string }
  >('SELECT subject_id, key_id, shredded_at, reason FROM shred_log ORDER BY shredded_at, subject_id');

  // Keys are cached for speed; shred evicts. `pooled`: bound in the data database (subject_key_bindings).
  interface Entry {
    keyId: string;
    key: Buffer;
    pooled?: boolean;
  }
  const cache = new Map<string, Entry>();

  // Bindings of pooled keys (migration 021); absent when the cipher runs without the data database.
  const getBinding = data?.prepare<[string], { key_id: string }>(
    'SELECT key_id FROM subject_key_bindings WHERE subject_id = ?',
  );
  const putBinding = data?.prepare<[string, string, number]>(
    'INSERT INTO subject_key_bindings (subject_id, key_id, bound_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING',
  );
  const delBinding = data?.prepare<[string]>('DELETE FROM subject_key_bindings WHERE subject_id = ?');

  const checkSubject = (subjectId: string): void => {
    if (typeof subjectId !== 'string' || subjectId.length === 0 || subjectId.length > 200)
      throw new BugError('subject id must be a non-empty string of at most 200 characters');
    if (subjectId.startsWith(POOL_PREFIX)) throw new BugError('subject id uses the key pool prefix');
  };

  // data_version changes when ANOTHER connection commits to the keyring (a second Store on the same
  // folder shredding a subject): then the cache may hold a shredded key and is dropped.
  const dataVersion = keyring.prepare<[], number>('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  const lookup = (subjectId: string): Entry | null => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      cache.clear();
      seenVersion = version;
    }
    const hit = cache.get(subjectId);
    if (hit) return hit;
    const row = getKey.get(subjectId);
    if (row) {
      const entry = { keyId: row.key_id, key: row.key };
      cache.set(subjectId, entry);
      return entry;
    }
    const bound = getBinding?.get(subjectId);
    const pooled = bound ? getKey.get(POOL_PREFIX + bound.key_id) : undefined;
    if (!pooled) return null;
    const entry = { keyId: pooled.key_id, key: pooled.key, pooled: true };
    cache.set(subjectId, entry);
    return entry;
  };

  // --- the key pool: keys committed to the keyring ahead of need, handed out by this connection only ---
  const pool: Entry[] = [];
  let poolSize = 0;
  let refillQueued = false;
  let owner: PoolOwner | null = null;
  const me = (): PoolOwner =>
    (owner ??= { id: randomBytes(8).toString('hex'), pid: process.pid, start: processStart(process.pid) });
  const putOwner = keyring.prepare<[string, string, number, string, number]>(
    'INSERT INTO key_pool_owners (key_id, owner_id, owner_pid, owner_start, made_at) VALUES (?, ?, ?, ?, ?)',
  );
  const makePooled = keyring.transaction((n: number) => {
    const made: Entry[] = [];
    const o = me();
    for (let i = 0; i < n; i++) {
      const entry = { keyId: `sk-${randomBytes(8).toString('hex')}`, key: randomBytes(32), pooled: true };
      putKey.run(POOL_PREFIX + entry.keyId, entry.keyId, entry.key, now());
      // Same commit as the key: no pooled key without its maker on record.
      putOwner.run(entry.keyId, o.id, o.pid, o.start, now());
      made.push(entry);
    }
    return made;
  });
  const listOwners = keyring.prepare<[], { owner_id: string; owner_pid: number; owner_start: string }>(
    'SELECT DISTINCT owner_id, owner_pid, owner_start FROM key_pool_owners',
  );
  const ownedBy = keyring
    .prepare<[string], string>('SELECT key_id FROM key_pool_owners WHERE owner_id = ?')
    .pluck();
  const delOwner = keyring.prepare<[string]>('DELETE FROM key_pool_owners WHERE key_id = ?');
  const boundTo = data
    ?.prepare<[string], string>('SELECT subject_id FROM subject_key_bindings WHERE key_id = ?')
    .pluck();
  /**
   * For each of these owners (none of which can bind a key any more: dead, or this connection closing), its
   * unbound keys go and its bound keys stay, no longer pooled. One keyring transaction (IMMEDIATE: no other
   * keyring writer in between). The bindings are read from the data database: only a key's maker binds it,
   * and the maker is gone, so no binding can appear after the check; one it committed before is seen.
   */
  const releaseOwners = (ownerIds: string[]): number => {
    if (!boundTo || ownerIds.length === 0) return 0;
    return keyring
      .transaction(() => {
        let removed = 0;
        for (const id of ownerIds)
          for (const keyId of ownedBy.all(id)) {
            if (boundTo.get(keyId) === undefined) {
              delKey.run(POOL_PREFIX + keyId);
              removed++;
            }
            delOwner.run(keyId);
          }
        return removed;
      })
      .immediate();
  };
  const reclaimPooledKeys = (): number => {
    if (!boundTo || !keyring.open || !data?.open) return 0;
    const dead = listOwners
      .all()
      .filter((o) => o.owner_id !== owner?.id && !ownerMayBeAlive(o.owner_pid, o.owner_start))
      .map((o) => o.owner_id);
    return releaseOwners(dead);
  };
  const refill = () => {
    refillQueued = false;
    if (!keyring.open || !data?.open || pool.length >= poolSize) return;
    try {
      // Durable (synchronous FULL) before any key of it is handed out: a binding never names a lost key.
      pool.push(...makePooled(poolSize - pool.length));
    } catch {
      // A full disk or a busy keyring: seal falls back to a key of its own, the next take retries.
    }
  };
  const scheduleRefill = () => {
    if (refillQueued || poolSize === 0) return;
    refillQueued = true;
    setTimeout(refill, 0).unref();
  };
  /**
   * A pooled key for a new subject, bound in the data database (inside the caller's transaction when one is
   * open). Only this connection hands out its pool's keys, so a key is never bound to two subjects; a key
   * whose binding rolled back with the caller's transaction is simply bound again by the next seal.
   */
  const takePooled = (subjectId: string): Entry | null => {
    if (!putBinding || !getBinding) return null;
    const entry = pool.shift();
    if (pool.length <= poolSize / 2) scheduleRefill();
    if (!entry) return null;
    putBinding.run(subjectId, entry.keyId, now());
    const bound = getBinding.get(subjectId);
    if (bound?.key_id !== entry.keyId) {
      // Another connection bound this subject first: use its key, keep ours for the next subject.
      pool.unshift(entry);
      return lookup(subjectId);
    }
    return entry;
  };
  /** A cached pooled entry whose binding is gone (its transaction rolled back) is bound again. */
  const ensureBound = (subjectId: string, entry: Entry): Entry | null => {
    if (!entry.pooled || !getBinding || !putBinding) return entry;
    const bound = getBinding.get(subjectId);
    if (bound?.key_id === entry.keyId) return entry;
    cache.delete(subjectId);
    if (bound) return lookup(subjectId);
    if (getShred.get(subjectId)) return null;
    putBinding.run(subjectId, entry.keyId, now());
    cache.set(subjectId, entry);
    return entry;
  };

  const create = keyring.transaction((subjectId: string) => {
    if (getShred.get(subjectId)) return null;
    const existing = getKey.get(subjectId);
    if (existing) return { keyId: existing.key_id, key: existing.key };
    const entry = { keyId: `sk-${randomBytes(8).toString('hex')}`, key: randomBytes(32) };
    putKey.run(subjectId, entry.keyId, entry.key, now());
    return entry;
  });

  const createMany = keyring.transaction((subjectIds: readonly string[]) => {
    for (const id of subjectIds) {
      const entry = create(id);
      if (entry) cache.set(id, entry);
    }
  });

  const doShred = keyring.transaction((subjectId: string, reason: string) => {
    const row = getKey.get(subjectId);
    const bound = getBinding?.get(subjectId);
    putShred.run(subjectId, row?.key_id ?? bound?.key_id ?? null, now(), reason);
    delKey.run(subjectId);
    if (bound) delKey.run(POOL_PREFIX + bound.key_id);
  });

  return {
    seal(subjectId, plaintext) {
      checkSubject(subjectId);
      const found = lookup(subjectId);
      const entry = found
        ? ensureBound(subjectId, found)
        : getShred.get(subjectId)
          ? null
          : (takePooled(subjectId) ?? create(subjectId));
      if (!entry)
        throw new UserError('CONFLICT', 'This customer has been erased; nothing more can be stored.');
      if (entry.key.length !== 32) throw new BugError('subject key has the wrong length');
      cache.set(subjectId, entry);
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', entry.key, iv);
      c.setAAD(aadFor(subjectId, entry.keyId));
      const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return [
        ENVELOPE_PREFIX,
        entry.keyId,
        iv.toString('base64url'),
        ct.toString('base64url'),
        c.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(subjectId, envelope) {
      checkSubject(subjectId);
      const m = ENVELOPE_RE.exec(envelope);
      if (!m) throw new UserError('CORRUPT', 'A sealed field is malformed.');
      const [, keyId, iv, ct, tag] = m as unknown as [string, string, string, string, string];
      const entry = lookup(subjectId);
      // No key: shredded, or restored onto a keyring that never held it. Either way: unreadable by design.
      if (!entry) return null;
      if (entry.keyId !== keyId)
        throw new UserError('CORRUPT', 'A sealed field does not belong to this customer.');
      try {
        const d = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
        d.setAAD(aadFor(subjectId, keyId));
        d.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
      } catch {
        throw new UserError('CORRUPT', 'A sealed field failed authentication (damaged or moved).');
      }
    },
    shred(subjectId, reason = 'erasure') {
      checkSubject(subjectId);
      doShred(subjectId, reason);
      // After the keyring commit: a binding left by a crash here names a key that no longer exists.
      delBinding?.run(subjectId);
      cache.delete(subjectId);
      // Move the deleted key out of the WAL now: secure_delete zeroed the cell, TRUNCATE drops old frames.
      keyring.pragma('wal_checkpoint(TRUNCATE)');
    },
    isShredded(subjectId) {
      checkSubject(subjectId);
      return getShred.get(subjectId) !== undefined;
    },
    hasKey(subjectId) {
      checkSubject(subjectId);
      return lookup(subjectId) !== null;
    },
    prepareKeys(subjectIds) {
      for (const id of subjectIds) checkSubject(id);
      const missing = [...new Set(subjectIds)].filter((id) => lookup(id) === null);
      if (missing.length === 0) return;
      // With a pool: top it up in one commit, the seals then bind pooled keys inside their transaction.
      if (poolSize > 0 && data?.open) {
        if (missing.length > pool.length) pool.push(...makePooled(missing.length - pool.length + poolSize));
      } else createMany(missing);
    },
    enableKeyPool(size = 16) {
      if (!data) return;
      try {
        reclaimPooledKeys();
      } catch {
        // Busy or full: the leftovers wait for the next start; the pool works without it.
      }
      poolSize = Math.max(0, Math.floor(size));
      refill();
    },
    reclaimPooledKeys,
    releaseKeyPool() {
      poolSize = 0;
      pool.length = 0;
      if (owner && keyring.open && data?.open) releaseOwners([owner.id]);
    },
    shredLog() {
      return listShreds.all().map((r) => ({
        subjectId: r.subject_id,
        keyId: r.key_id,
        shreddedAt: r.shredded_at,
        reason: r.reason,
      }));
    },
    isEnvelope(value) {
      return ENVELOPE_RE.test(value);
    },
  };
}
