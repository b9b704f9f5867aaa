import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { BugError, UserError } from '../../../shared/errors';
import { PAGE_CIPHER } from './keyfile';

export type Database = BetterSqlite3.Database;
export const SqliteDatabase = BetterSqlite3;

/** 16 MiB page cache per connection: the memory read/write path's working set fits (see bench/store.ts). */
export const CACHE_SIZE_KIB = 16 * 1024;

export interface KeyedOpenOptions {
  readonly?: boolean;
  /** 'ON' zeroes deleted content (keyring); 'FAST' does it when free (data). */
  secureDelete?: 'ON' | 'FAST';
}

function applyKey(db: Database, key: Buffer): void {
  db.pragma(`cipher='${PAGE_CIPHER}'`);
  // Raw 256-bit key (x'..'): no PBKDF2 on open; the key is already random and wrapped by the master key.
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

/** Opens an encrypted database for read-write use with the store's durability settings. */
export function openKeyed(path: string, key: Buffer, options: KeyedOpenOptions = {}): Database {
  const db = new SqliteDatabase(path, {
    readonly: options.readonly ?? false,
    fileMustExist: !!options.readonly,
  });
  try {
    applyKey(db, key);
    if (options.readonly) return db;
    db.pragma('journal_mode = WAL');
    // FULL: a commit is fsynced before it returns, so even a power cut keeps every committed audit entry
    // and every shred. NORMAL would already survive kill -9 (the WAL sits in the OS cache) but not power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
    // Temp b-trees (sorts, big IN lists) must never reach disk unencrypted.
    db.pragma('temp_store = MEMORY');
    db.pragma(`secure_delete = ${options.secureDelete ?? 'FAST'}`);
    db.pragma('busy_timeout = 5000');
    applyTestDiskLimit(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Write-failure injection for tests where no small disk can be mounted: under vitest only,
 * CONFIDANT_TEST_DISK_PAGES=N lets a database grow by N pages and then fails every write with SQLite's
 * own "database or disk is full" (SQLITE_FULL), the very error a full disk gives.
 */
function applyTestDiskLimit(db: Database): void {
  const extra = process.env.VITEST ? process.env.CONFIDANT_TEST_DISK_PAGES : undefined;
  if (extra === undefined) return;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${Math.max(1, pages + Number(extra))}`);
}

/** `PRAGMA synchronous` levels this store uses (SQLite's numbers: NORMAL = 1, FULL = 2). */
export type SyncLevel = 'NORMAL' | 'FULL';
const SYNC_NUMBER: Record<SyncLevel, number> = { NORMAL: 1, FULL: 2 };

/**
 * Runs `fn` (synchronous: a transaction or a few autocommit statements) with `PRAGMA synchronous = level`
 * and always restores the connection's previous level afterwards, also when `fn` throws. better-sqlite3
 * is synchronous, so no other code can commit on this connection while the level is changed.
 *
 * NORMAL in WAL mode: a commit is written to the WAL (so it survives the process being killed) but not
 * fsynced, so a power loss may roll back the newest such commits. The next FULL commit fsyncs the WAL
 * file, which makes every earlier frame durable too, and WAL recovery only ever keeps a prefix of the
 * commits. Inside an open transaction the level cannot change (SQLite refuses) and does not matter: the
 * outer COMMIT decides, so `fn` simply runs. After open, change a connection's level only through here.
 */
export function withSynchronous<T>(db: Database, level: SyncLevel, fn: () => T): T {
  if (db.inTransaction) return checkSync(fn());
  // Reading the level costs a statement prepare (~10 us); a commit toggles it twice. The level last set
  // here is remembered per connection (read once): the store sets FULL at open and nothing else changes it.
  let previous = knownLevel.get(db);
  if (previous === undefined) {
    previous = db.pragma('synchronous', { simple: true }) as number;
    knownLevel.set(db, previous);
  }
  const wanted = SYNC_NUMBER[level];
  // Always set (a ~1 us exec), never skipped on the remembered value: a FULL commit stays FULL even if
  // someone changed the level behind our back. exec, not a cached prepared statement: SQLite applies
  // this pragma when the statement is compiled, not when it runs.
  db.exec(`PRAGMA synchronous = ${wanted}`);
  try {
    return checkSync(fn());
  } finally {
    db.exec(`PRAGMA synchronous = ${previous}`);
  }
}

const knownLevel = new WeakMap<Database, number>();

function checkSync<T>(value: T): T {
  // An async fn would run its tail after the level is restored: a misuse, never silently accepted.
  if (typeof (value as { then?: unknown } | null)?.then === 'function')
    throw new BugError('withSynchronous needs a synchronous function');
  return value;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks an encrypted database WITHOUT writing to it: header sanity, then a read-only open with each
 * candidate key and a full `quick_check` (every page is read, so every page's MAC is verified).
 * Returns the index of the key that opened it. Any failure is CORRUPT; the file is never modified.
 */
export function validateEncryptedFile(path: string, label: string, keys: readonly Buffer[]): number {
  // A read-only open of a WAL database still creates empty -wal/-shm side files. Remove the ones this
  // check created only when the file is refused, so a refused open leaves the folder exactly as it was.
  // Never after a successful check: another process may have opened the store in the meantime and be
  // using those very files; unlinking them under it splits the WAL in two and silently loses commits.
  const created = missingSideFiles(path);
  try {
    return validateOrThrow(path, label, keys);
  } catch (err) {
    removeSideFiles(path, created);
    throw err;
  }
}

/** The -wal/-shm files of `path` that do not exist yet (a read-only check may create them). */
export function missingSideFiles(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
}

/** Removes side files a refused open created, unless the WAL holds frames (then someone is using it). */
export function removeSideFiles(path: string, created: readonly string[]): void {
  const walPath = `${path}-wal`;
  const walEmpty = !existsSync(walPath) || statSync(walPath).size === 0;
  if (walEmpty) for (const f of created) rmSync(f, { force: true });
}

function validateOrThrow(path: string, label: string, keys: readonly Buffer[]): number {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError('CORRUPT', `The ${label} file is missing or unreadable.`);
  }
  if (size === 0) throw new UserError('CORRUPT', `The ${label} file is empty (truncated).`);
  const head = readHead(path, 16);
  if (head.equals(SQLITE_MAGIC))
    throw new UserError(
      'CORRUPT',
      `The ${label} file is an unencrypted SQLite database, not a Confidant store.`,
    );
  if (size < 512) throw new UserError('CORRUPT', `The ${label} file is truncated.`);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!key) continue;
    let db: Database | undefined;
    try {
      db = openKeyed(path, key, { readonly: true });
      try {
        db.prepare('SELECT count(*) FROM sqlite_schema').get();
      } catch (err) {
        if (isNotADb(err)) continue; // wrong key for this file: try the next candidate
        throw err;
      }
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error('quick_check failed');
      return i;
    } catch (err) {
      if (err instanceof UserError) throw err;
      // A full disk or a folder we may not write (the -shm file cannot be made) says nothing about the file.
      if (isEnvironmentFailure(err)) throw err;
      throw new UserError(
        'CORRUPT',
        `The ${label} file is damaged (${sqliteCode(err)}); it was not modified.`,
      );
    } finally {
      db?.close();
    }
  }
  throw new UserError(
    'CORRUPT',
    `The ${label} file cannot be decrypted with this store's key: it is damaged or belongs to another store.`,
  );
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
}

/** SQLite failures caused by the machine (space, permissions), not by the file's content. */
export function isEnvironmentFailure(err: unknown): boolean {
  const code = sqliteCode(err);
  return (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_CANTOPEN' ||
    code.startsWith('SQLITE_READONLY') ||
    /^SQLITE_IOERR_(WRITE|FSYNC|TRUNCATE|SHMSIZE|SHMOPEN|SHMMAP|DIR_FSYNC|LOCK|ACCESS)$/u.test(code)
  );
}

function isNotADb(err: unknown): boolean {
  return sqliteCode(err) === 'SQLITE_NOTADB';
}
