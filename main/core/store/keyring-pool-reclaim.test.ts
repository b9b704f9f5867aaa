/**
 * Pooled keys left by a maker that is gone are reclaimed; nobody else's are (key-pool-owner.ts). Real SQLite
 * files in a temp dir, several connections; the crashed maker is a child process killed with SIGKILL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support';
import { SqliteDatabase, type Database } from './db';
import { ownerMayBeAlive, processStart } from './key-pool-owner';
import { createKeyringCipher, KEYRING_VERSION, migrateKeyring } from './keyring';
import { migrate } from './migrate';
import { migrations } from './migrations';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** One connection to the two files (a fresh pair the first time). */
const connect = (dir: string) => {
  const keyring = new SqliteDatabase(join(dir, 'keyring.db'));
  const data = new SqliteDatabase(join(dir, 'data.db'));
  for (const db of [keyring, data]) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
  }
  migrateKeyring(keyring);
  migrate(data, migrations);
  cleanups.unshift(() => {
    keyring.close();
    data.close();
  });
  return { keyring, data, cipher: createKeyringCipher(keyring, Date.now, data) };
};
const fresh = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};
const poolRows = (keyring: Database) =>
  keyring
    .prepare<[], string>(
      "SELECT substr(subject_id, 6) FROM subject_keys WHERE subject_id LIKE 'pool:%' ORDER BY 1",
    )
    .pluck()
    .all();
const ownerRows = (keyring: Database) =>
  keyring
    .prepare<[], { owner_pid: number; n: number }>(
      'SELECT owner_pid, count(*) AS n FROM key_pool_owners GROUP BY owner_pid ORDER BY owner_pid',
    )
    .all();
const boundKeys = (data: Database) =>
  data.prepare<[], string>('SELECT key_id FROM subject_key_bindings ORDER BY key_id').pluck().all();

/** Starts the fixture and waits for its `ready <envelope>`. */
async function crashingMaker(dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'keyring-pool.fixture.ts'), dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const envelope = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready (\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fixture exited ${code}: ${err.slice(-500)}`)));
  });
  const kill = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return { pid: child.pid!, envelope, kill };
}

describe('reclaiming pooled keys', () => {
  it('a later open removes what a crashed maker never handed out, and nothing else', async () => {
    const dir = fresh();
    const live = connect(dir); // this process: a live endpoint with its own pool
    live.cipher.enableKeyPool(4);
    const liveSealed = live.data.transaction(() => live.cipher.seal('subj-live', 'sealed here'))();
    const maker = await crashingMaker(dir);
    const before = poolRows(live.keyring);
    expect(before).toHaveLength(8); // 4 each
    expect(boundKeys(live.data)).toHaveLength(2);

    // The maker is alive: a second connection reclaims nothing of it (or of this process).
    const other = connect(dir);
    expect(other.cipher.reclaimPooledKeys()).toBe(0);
    expect(poolRows(other.keyring)).toEqual(before);

    await maker.kill();
    const next = connect(dir);
    expect(next.cipher.reclaimPooledKeys()).toBe(3);
    const after = poolRows(next.keyring);
    // Kept: this process's 4 and the maker's bound one. No bound key is ever removed.
    expect(after).toHaveLength(5);
    for (const k of boundKeys(next.data)) expect(after).toContain(k);
    expect(ownerRows(next.keyring)).toEqual([{ owner_pid: process.pid, n: 4 }]);
    expect(next.cipher.open('subj-child', maker.envelope)).toBe('sealed by the child');
    expect(next.cipher.open('subj-live', liveSealed)).toBe('sealed here');
    expect(next.cipher.reclaimPooledKeys()).toBe(0);

    // The live connection's pool still works: its keys were never touched.
    const more = live.data.transaction(() => live.cipher.seal('subj-live-2', 'after the reclaim'))();
    expect(next.cipher.open('subj-live-2', more)).toBe('after the reclaim');
  });

  it("a closing connection releases its own unbound keys and keeps the ones it bound; another's pool stays", () => {
    const dir = fresh();
    const a = connect(dir);
    const b = connect(dir);
    a.cipher.enableKeyPool(4);
    b.cipher.enableKeyPool(4);
    const sealed = a.data.transaction(() => a.cipher.seal('subj-a', 'kept'))();
    // A binding rolled back with its transaction: the key stays unbound, so a close removes it too.
    expect(() =>
      a.data.transaction(() => {
        a.cipher.seal('subj-rolled-back', 'gone');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(poolRows(b.keyring)).toHaveLength(8);
    a.cipher.releaseKeyPool();
    const left = poolRows(b.keyring);
    expect(left).toHaveLength(5); // b's 4 and a's bound one
    expect(left).toEqual(expect.arrayContaining(boundKeys(b.data)));
    expect(ownerRows(b.keyring)).toEqual([{ owner_pid: process.pid, n: 4 }]);
    expect(b.cipher.open('subj-a', sealed)).toBe('kept');
    // b still hands out its own keys.
    b.data.transaction(() => b.cipher.seal('subj-b', 'from b'))();
    expect(boundKeys(b.data)).toHaveLength(2);
  });

  it('keyring version 1 gains the owners table; pooled keys made before it are left alone', () => {
    const dir = fresh();
    const kr = new SqliteDatabase(join(dir, 'keyring.db'));
    cleanups.unshift(() => kr.close());
    kr.exec(`
      CREATE TABLE subject_keys (subject_id TEXT PRIMARY KEY, key_id TEXT NOT NULL UNIQUE,
        key BLOB NOT NULL CHECK (length(key) = 32), created_at INTEGER NOT NULL) STRICT;
      CREATE TABLE shred_log (subject_id TEXT PRIMARY KEY, key_id TEXT, shredded_at INTEGER NOT NULL,
        reason TEXT NOT NULL) STRICT;
    `);
    kr.prepare('INSERT INTO subject_keys VALUES (?, ?, ?, ?)').run(
      'pool:sk-00000000000000aa',
      'sk-00000000000000aa',
      Buffer.alloc(32, 1),
      1,
    );
    kr.pragma('user_version = 1');
    kr.close();
    const c = connect(dir);
    expect(c.keyring.pragma('user_version', { simple: true })).toBe(KEYRING_VERSION);
    expect(c.cipher.reclaimPooledKeys()).toBe(0);
    expect(poolRows(c.keyring)).toEqual(['sk-00000000000000aa']);
    migrateKeyring(c.keyring); // again: a no-op
    expect(() =>
      c.keyring.prepare('INSERT INTO key_pool_owners VALUES (?, ?, ?, ?, ?)').run('k', 'o', 1.5, '', 1),
    ).toThrow(/datatype|INTEGER/i);
  });

  it('a maker counts as alive unless its process is certainly gone', () => {
    expect(ownerMayBeAlive(process.pid, processStart(process.pid))).toBe(true);
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    expect(ownerMayBeAlive(Number(gone.stdout.trim()), '')).toBe(false);
    // Our parent is alive; with another start time it is a different process under a reused pid.
    const start = processStart(process.ppid);
    expect(ownerMayBeAlive(process.ppid, start)).toBe(true);
    if (start !== '') expect(ownerMayBeAlive(process.ppid, `${start}1`)).toBe(false);
  });
});
