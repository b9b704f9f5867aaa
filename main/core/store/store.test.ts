import { readFileSync, truncateSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors';
import { SqliteDatabase } from './db';
import {
  openStore,
  osKeychainProvider,
  keychainStatus,
  restoreBackup,
  storeExists,
  type OsKeychain,
  type Store,
} from './index';
import { hashFile, hashTree, tempDir, userErrorCode } from '../../test-support';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function open(dataDir: string, passphrase = 'correct horse', create = false): Store {
  const s = openStore({ dataDir, passphrase, create });
  cleanups.unshift(() => s.close());
  return s;
}

function seeded(): { dataDir: string } {
  const dataDir = dir();
  const s = openStore({ dataDir, passphrase: 'correct horse', create: true });
  s.db.exec('CREATE TABLE IF NOT EXISTS t_fill (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
  const ins = s.db.prepare('INSERT INTO t_fill (v) VALUES (?)');
  s.db.transaction(() => {
    for (let i = 0; i < 400; i++) ins.run(`row-${i}-${'x'.repeat(200)}`);
  })();
  s.cipher.seal('cust-1', 'sealed field');
  s.close();
  return { dataDir };
}

describe('openStore', () => {
  it('creates an encrypted store, reopens it, and refuses a missing one without create', () => {
    const dataDir = dir();
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'pw' }))).toBe('NOT_FOUND');
    const s = openStore({ dataDir, passphrase: 'pw', create: true });
    expect(storeExists(dataDir)).toBe(true);
    expect(s.schemaVersion()).toBeGreaterThanOrEqual(1);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    s.db.exec("INSERT INTO store_meta (key, value) VALUES ('k', 'v')");
    s.close();
    // The file is not a plain SQLite file.
    const head = readFileSync(join(dataDir, 'confidant.db')).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
    expect(() =>
      new SqliteDatabase(join(dataDir, 'confidant.db')).prepare('SELECT 1 FROM store_meta').get(),
    ).toThrow();
    const again = open(dataDir, 'pw');
    expect(again.db.prepare("SELECT value FROM store_meta WHERE key = 'k'").pluck().get()).toBe('v');
  });

  it('wrong or missing passphrase: KEY_ERROR and no file in the data dir changes', () => {
    const { dataDir } = seeded();
    const before = hashTree(dataDir);
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'wrong' }))).toBe('KEY_ERROR');
    expect(userErrorCode(() => openStore({ dataDir, passphrase: '' }))).toBe('KEY_ERROR');
    expect(hashTree(dataDir)).toEqual(before);
  });

  it('truncated database: CORRUPT with a clear message, files untouched', () => {
    const { dataDir } = seeded();
    const db = join(dataDir, 'confidant.db');
    truncateSync(db, Math.floor(readFileSync(db).length / 2));
    const before = hashTree(dataDir);
    let message = '';
    try {
      openStore({ dataDir, passphrase: 'correct horse' });
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('CORRUPT');
      message = (err as Error).message;
    }
    expect(message).toMatch(/database file/);
    expect(message).not.toContain('\n');
    expect(hashTree(dataDir)).toEqual(before);
  });

  it('flipped bytes inside a page, empty file, garbage, plain SQLite and a foreign store: CORRUPT, untouched', () => {
    const { dataDir } = seeded();
    const dbPath = join(dataDir, 'confidant.db');
    const pristine = readFileSync(dbPath);
    const other = seeded().dataDir;
    const plain = join(dir(), 'plain.db');
    const p = new SqliteDatabase(plain);
    p.exec('CREATE TABLE x (a TEXT) STRICT');
    p.close();
    const variants: Array<[string, () => void]> = [
      [
        'flipped',
        () => {
          const b = Buffer.from(pristine);
          for (let i = 0; i < 8; i++) b[4096 * 5 + 100 + i] = (b[4096 * 5 + 100 + i] ?? 0) ^ 0xff;
          writeFileSync(dbPath, b);
        },
      ],
      ['empty', () => writeFileSync(dbPath, Buffer.alloc(0))],
      ['garbage', () => writeFileSync(dbPath, Buffer.alloc(8192, 7))],
      ['plain', () => copyFileSync(plain, dbPath)],
      ['foreign', () => copyFileSync(join(other, 'confidant.db'), dbPath)],
    ];
    for (const [name, damage] of variants) {
      damage();
      const before = hashTree(dataDir);
      expect(
        userErrorCode(() => openStore({ dataDir, passphrase: 'correct horse' })),
        name,
      ).toBe('CORRUPT');
      expect(hashTree(dataDir), name).toEqual(before);
    }
    writeFileSync(dbPath, pristine);
    expect(open(dataDir).cipher.open('cust-1', open(dataDir).cipher.seal('cust-1', 'x'))).toBe('x');
  });

  it('damaged key file or keyring: CORRUPT, untouched', () => {
    const { dataDir } = seeded();
    const keyFile = join(dataDir, 'keys.json');
    const good = readFileSync(keyFile);
    writeFileSync(keyFile, '{"format":"nope"}');
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'correct horse' }))).toBe('CORRUPT');
    writeFileSync(keyFile, good);
    const kr = join(dataDir, 'keyring.db');
    const b = readFileSync(kr);
    b[b.length - 50] = (b[b.length - 50] ?? 0) ^ 0xff;
    writeFileSync(kr, b);
    const before = hashTree(dataDir);
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'correct horse' }))).toBe('CORRUPT');
    expect(hashTree(dataDir)).toEqual(before);
  });
});

describe('key hierarchy', () => {
  it('passphrase change re-wraps only: database and keyring bytes unchanged', () => {
    const { dataDir } = seeded();
    const db = join(dataDir, 'confidant.db');
    const kr = join(dataDir, 'keyring.db');
    const s = open(dataDir);
    const env = s.cipher.seal('cust-2', 'before change');
    s.close();
    const dbHash = hashFile(db);
    const krHash = hashFile(kr);
    const s2 = openStore({ dataDir, passphrase: 'correct horse' });
    const keyIds = s2.keyInfo();
    s2.changePassphrase('new passphrase');
    s2.close();
    expect(hashFile(db)).toBe(dbHash);
    expect(hashFile(kr)).toBe(krHash);
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'correct horse' }))).toBe('KEY_ERROR');
    const s3 = open(dataDir, 'new passphrase');
    expect(s3.keyInfo().dataKeyId).toBe(keyIds.dataKeyId);
    expect(s3.keyInfo().masterKeyId).toBe(keyIds.masterKeyId);
    expect(s3.cipher.open('cust-2', env)).toBe('before change');
  });

  it('rotates master, data and keyring keys; data stays readable, old keys no longer open the files', () => {
    const { dataDir } = seeded();
    const s = open(dataDir);
    const env = s.cipher.seal('cust-3', 'rotate me');
    const before = s.keyInfo();
    const oldKeyFile = readFileSync(join(dataDir, 'keys.json'));
    s.rotateMasterKey();
    s.rotateDataKey();
    s.rotateKeyringKey();
    const after = s.keyInfo();
    expect(after.masterKeyId).not.toBe(before.masterKeyId);
    expect(after.dataKeyId).not.toBe(before.dataKeyId);
    expect(after.keyringKeyId).not.toBe(before.keyringKeyId);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.cipher.open('cust-3', env)).toBe('rotate me');
    s.close();
    const s2 = open(dataDir);
    expect(s2.cipher.open('cust-3', env)).toBe('rotate me');
    expect(s2.db.pragma('integrity_check', { simple: true })).toBe('ok');
    s2.close();
    // The pre-rotation key file holds the old page keys: they no longer decrypt the databases.
    writeFileSync(join(dataDir, 'keys.json'), oldKeyFile);
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'correct horse' }))).toBe('CORRUPT');
  });

  it('OS keychain provider: round trip, refuses basic_text unless accepted, records the acceptance', () => {
    const fakeKeychain = (backend: string, available = true): OsKeychain => {
      const mask = Buffer.alloc(32, 0x5a);
      const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ (mask[i % 32] ?? 0)));
      return { isAvailable: () => available, backend: () => backend, encrypt: xor, decrypt: xor };
    };
    expect(keychainStatus(fakeKeychain('basic_text'))).toEqual({
      available: true,
      backend: 'basic_text',
      insecure: true,
    });
    expect(userErrorCode(() => osKeychainProvider(fakeKeychain('gnome_libsecret', false)))).toBe('KEY_ERROR');
    expect(userErrorCode(() => osKeychainProvider(fakeKeychain('basic_text')))).toBe('KEY_ERROR');
    const dataDir = dir();
    const secure = osKeychainProvider(fakeKeychain('gnome_libsecret'));
    const s = openStore({ dataDir, masterKey: secure, create: true });
    const env = s.cipher.seal('cust-k', 'desk secret');
    expect(s.keyInfo().protectors).toEqual([
      { kind: 'os-keychain', backend: 'gnome_libsecret', acceptedInsecureBackend: false },
    ]);
    // Move to the insecure backend only with the explicit acceptance; it is recorded in the key file.
    s.setProtectors([osKeychainProvider(fakeKeychain('basic_text'), { acceptInsecureBackend: true })]);
    s.close();
    expect(
      JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')).master.protectors[0]
        .acceptedInsecureBackend,
    ).toBe(true);
    expect(userErrorCode(() => openStore({ dataDir, passphrase: 'any' }))).toBe('KEY_ERROR');
    const s2 = openStore({
      dataDir,
      masterKey: osKeychainProvider(fakeKeychain('basic_text'), { acceptInsecureBackend: true }),
    });
    expect(s2.cipher.open('cust-k', env)).toBe('desk secret');
    s2.close();
  });
});

describe('subject envelopes', () => {
  it('seals per subject, binds the subject id, and shreds', () => {
    const s = open(dir(), 'pw', true);
    const a = s.cipher.seal('alice', 'Alice Example, 07700 900123');
    expect(a.startsWith('cfs1.')).toBe(true);
    expect(a).not.toContain('Alice');
    expect(s.cipher.seal('alice', 'same')).not.toBe(s.cipher.seal('alice', 'same'));
    expect(s.cipher.open('alice', a)).toBe('Alice Example, 07700 900123');
    s.cipher.seal('bob', 'bob data');
    // Moving ciphertext to another subject fails loudly, never decrypts.
    expect(userErrorCode(() => s.cipher.open('bob', a))).toBe('CORRUPT');
    const tampered = a.slice(0, -30) + (a.at(-30) === 'A' ? 'B' : 'A') + a.slice(-29);
    expect(userErrorCode(() => s.cipher.open('alice', tampered))).toBe('CORRUPT');
    expect(userErrorCode(() => s.cipher.open('alice', 'not an envelope'))).toBe('CORRUPT');
    s.cipher.shred('alice');
    expect(s.cipher.isShredded('alice')).toBe(true);
    expect(s.cipher.isShredded('bob')).toBe(false);
    expect(s.cipher.open('alice', a)).toBeNull();
    expect(userErrorCode(() => s.cipher.seal('alice', 'more'))).toBe('CONFLICT');
    expect(s.cipher.shredLog().map((r) => r.subjectId)).toEqual(['alice']);
    s.close();
    const again = open(s.dataDir, 'pw');
    expect(again.cipher.open('alice', a)).toBeNull();
    expect(again.cipher.isShredded('alice')).toBe(true);
  });
});

describe('backup and restore', () => {
  it('backup stays encrypted; restore after a shred cannot reveal the erased subject', () => {
    const dataDir = dir();
    const s = openStore({ dataDir, passphrase: 'pw', create: true });
    s.db.exec(
      "INSERT INTO store_meta (key, value) VALUES ('alice', '" +
        s.cipher.seal('alice', 'CANARY-ALICE-7731') +
        "'), ('bob', '" +
        s.cipher.seal('bob', 'bob-kept') +
        "')",
    );
    const backupDir = join(dir(), 'b1');
    const info = s.backup(backupDir);
    expect(readFileSync(info.dbFile).includes(Buffer.from('store_meta'))).toBe(false);
    expect(userErrorCode(() => s.backup(backupDir))).toBe('CONFLICT');
    // Erase alice after the backup was taken, and change the rows.
    s.cipher.shred('alice');
    s.db.exec("DELETE FROM store_meta WHERE key = 'alice'");
    s.close();

    expect(userErrorCode(() => restoreBackup({ backupDir, dataDir, passphrase: 'wrong' }))).toBe('KEY_ERROR');
    const report = restoreBackup({ backupDir, dataDir, passphrase: 'pw' });
    expect(report.keyringKept).toBe(true);
    const r = open(dataDir, 'pw');
    const get = (k: string) =>
      r.db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(k) as string;
    expect(get('alice')).toBeDefined(); // the row is back from the backup ...
    expect(r.cipher.open('alice', get('alice'))).toBeNull(); // ... but unreadable: the key is gone
    expect(r.cipher.open('bob', get('bob'))).toBe('bob-kept');
  });

  it('restore into an empty dir gets a fresh keyring; damaged backups are refused', () => {
    const s = open(dir(), 'pw', true);
    s.db.prepare("INSERT INTO store_meta (key, value) VALUES ('x', ?)").run(s.cipher.seal('bob', 'b'));
    const backupDir = join(dir(), 'b');
    s.backup(backupDir);
    const target = join(dir(), 'new');
    const report = restoreBackup({
      backupDir,
      dataDir: target,
      passphrase: 'new-pw',
      backupPassphrase: 'pw',
    });
    expect(report.keyringKept).toBe(false);
    const r = open(target, 'new-pw');
    const env = r.db.prepare("SELECT value FROM store_meta WHERE key = 'x'").pluck().get() as string;
    expect(r.cipher.open('bob', env)).toBeNull();
    r.close();
    const b = readFileSync(join(backupDir, 'confidant.db'));
    b[b.length - 10] = (b[b.length - 10] ?? 0) ^ 1;
    writeFileSync(join(backupDir, 'confidant.db'), b);
    const t2 = join(dir(), 't2');
    expect(userErrorCode(() => restoreBackup({ backupDir, dataDir: t2, passphrase: 'pw' }))).toBe('CORRUPT');
    expect(existsSync(join(t2, 'keys.json'))).toBe(false);
  });
});

describe('two connections on one folder', () => {
  it('a shred through one Store is honoured by another Store already holding the key in cache', () => {
    const dataDir = dir();
    const a = open(dataDir, 'pw', true);
    const b = open(dataDir, 'pw');
    const env = a.cipher.seal('shared', 'cached secret');
    expect(b.cipher.open('shared', env)).toBe('cached secret'); // b caches the key
    a.cipher.shred('shared');
    expect(b.cipher.open('shared', env)).toBeNull();
    expect(b.cipher.isShredded('shared')).toBe(true);
  });
});

describe('crash during a page rekey', () => {
  it('whichever key opens the file wins, before or after the rekey committed', () => {
    const { dataDir } = seeded();
    const keyPath = join(dataDir, 'keys.json');
    const s = open(dataDir);
    const env = s.cipher.seal('cust-r', 'survives');
    const before = JSON.parse(readFileSync(keyPath, 'utf8'));
    s.rotateDataKey();
    s.close();
    const after = JSON.parse(readFileSync(keyPath, 'utf8'));
    expect(after.dataNext).toBeUndefined();
    // Crash after the rekey committed but before the key file was settled: old slot + pending new slot.
    writeFileSync(keyPath, JSON.stringify({ ...before, dataNext: after.data }));
    const s2 = open(dataDir);
    expect(s2.cipher.open('cust-r', env)).toBe('survives');
    expect(s2.keyInfo().dataKeyId).toBe(after.data.id);
    s2.close();
    expect(JSON.parse(readFileSync(keyPath, 'utf8')).dataNext).toBeUndefined();
    // Crash before the rekey ran: current slot opens, the pending one is dropped.
    const dbHash = hashFile(join(dataDir, 'confidant.db'));
    writeFileSync(keyPath, JSON.stringify({ ...after, dataNext: before.data }));
    const s3 = open(dataDir);
    expect(s3.keyInfo().dataKeyId).toBe(after.data.id);
    s3.close();
    expect(hashFile(join(dataDir, 'confidant.db'))).toBe(dbHash);
  });
});
