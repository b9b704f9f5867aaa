/**
 * Public API of the encrypted store. Other modules import only from here.
 *
 * SEED IMPLEMENTATION (foundation): opens an encrypted SQLite file keyed from a passphrase and runs
 * migrations. The store issue replaces the internals (key hierarchy, keyring file, backups) while
 * keeping these exported names and signatures stable.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { SqliteDatabase, type Database } from './db';
import { migrate, schemaVersion } from './migrate';

export type { Database } from './db';
export { migrate, schemaVersion } from './migrate';
export { migrations, type Migration } from './migrations';

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

export interface Store {
  readonly db: Database;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly cipher: SubjectCipher;
  schemaVersion(): number;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  passphrase: string;
  /** Create the store if missing; otherwise a missing store is a NOT_FOUND UserError. */
  create?: boolean;
}

export const DB_FILE = 'confidant.db';
const KEY_FILE = 'keys.json';

export function storeExists(dataDir: string): boolean {
  return existsSync(join(dataDir, DB_FILE));
}

export function openStore(options: OpenStoreOptions): Store {
  const { dataDir, passphrase } = options;
  if (!passphrase) throw new UserError('KEY_ERROR', 'No passphrase: set CONFIDANT_PASSPHRASE.');
  const dbPath = join(dataDir, DB_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  const exists = existsSync(dbPath);
  if (!exists && !options.create)
    throw new UserError('NOT_FOUND', `No store in ${dataDir}; run confidant init.`);
  let dbKey: Buffer;
  if (exists) {
    dbKey = unwrapDbKey(readFileSync(keyPath, 'utf8'), passphrase);
  } else {
    mkdirSync(dataDir, { recursive: true });
    dbKey = randomBytes(32);
    writeFileSync(keyPath, wrapDbKey(dbKey, passphrase), { mode: 0o600 });
  }
  const db = new SqliteDatabase(dbPath);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma(`key="x'${dbKey.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const cipher = createSubjectCipher(db);
  return {
    db,
    dataDir,
    dbPath,
    cipher,
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}

function wrapDbKey(dbKey: Buffer, passphrase: string): string {
  const salt = randomBytes(16);
  const kek = scryptSync(passphrase, salt, 32);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  const ct = Buffer.concat([c.update(dbKey), c.final()]);
  return JSON.stringify({
    v: 1,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
  });
}

function unwrapDbKey(text: string, passphrase: string): Buffer {
  const w = JSON.parse(text) as { salt: string; iv: string; ct: string; tag: string };
  const kek = scryptSync(passphrase, Buffer.from(w.salt, 'base64'), 32);
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.ct, 'base64')), d.final()]);
  } catch {
    throw new UserError('KEY_ERROR', 'Wrong passphrase.');
  }
}

function createSubjectCipher(db: Database): SubjectCipher {
  db.exec(`CREATE TABLE IF NOT EXISTS seed_subject_keys (subject_id TEXT PRIMARY KEY, key BLOB) STRICT`);
  const get = db.prepare<[string], { key: Buffer | null }>(
    'SELECT key FROM seed_subject_keys WHERE subject_id = ?',
  );
  const put = db.prepare('INSERT INTO seed_subject_keys (subject_id, key) VALUES (?, ?)');
  const keyFor = (subjectId: string): Buffer | null => {
    const row = get.get(subjectId);
    if (row) return row.key;
    const key = randomBytes(32);
    put.run(subjectId, key);
    return key;
  };
  return {
    seal(subjectId, plaintext) {
      const key = keyFor(subjectId);
      if (!key) throw new UserError('CONFLICT', 'Subject has been erased.');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return `cf1.${iv.toString('base64url')}.${ct.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
    },
    open(subjectId, envelope) {
      const row = get.get(subjectId);
      if (!row || !row.key) return null;
      const [tag0, iv, ct, tag] = envelope.split('.');
      if (tag0 !== 'cf1' || !iv || !ct || !tag) throw new UserError('CORRUPT', 'Malformed envelope.');
      const d = createDecipheriv('aes-256-gcm', row.key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    },
    shred(subjectId) {
      db.prepare(
        'INSERT INTO seed_subject_keys (subject_id, key) VALUES (?, NULL) ON CONFLICT(subject_id) DO UPDATE SET key = NULL',
      ).run(subjectId);
    },
    isShredded(subjectId) {
      const row = get.get(subjectId);
      return row !== undefined && row.key === null;
    },
  };
}
