import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import { openKeyed, validateEncryptedFile, type Database } from './db';
import {
  fsyncDir,
  keyFileSchema,
  masterAad,
  PAGE_CIPHER,
  readKeyFile,
  recoverMasterKey,
  unwrapSlot,
  wrapSlot,
  writeKeyFile,
  type KeyFile,
} from './keyfile';
import { migrateKeyring } from './keyring';
import type { MasterKeyProvider } from './master-key';
import { storePaths } from './open';
import { schemaVersion } from './migrate';
import { newId, newKey } from './wrap';

/**
 * A data backup is a folder: the encrypted database copy plus a manifest holding the data key wrapped
 * by the master key (same protectors as the store at backup time). It deliberately has NO keyring:
 * subject keys stay in the live keyring, so a shred there reaches every earlier backup.
 */
export const BACKUP_DB_FILE = 'confidant.db';
export const BACKUP_MANIFEST_FILE = 'backup.json';

const manifestSchema = z.object({
  format: z.literal('confidant-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  storeId: z.string(),
  schemaVersion: z.number().int(),
  cipher: z.literal(PAGE_CIPHER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
  master: keyFileSchema.shape.master,
  data: keyFileSchema.shape.data,
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupInfo {
  dir: string;
  dbFile: string;
  manifestFile: string;
  sha256: string;
  bytes: number;
  schemaVersion: number;
  createdAt: string;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `VACUUM INTO` writes a transactionally consistent, compacted copy under the SAME page cipher and key
 * (SQLite3MC keys the target like the source). better-sqlite3's `db.backup()` cannot be used: it opens
 * the target unkeyed, and SQLite3MC rightly refuses to copy encrypted pages into a plain file.
 */
export function backupData(db: Database, keyFile: KeyFile, destDir: string): BackupInfo {
  if (existsSync(destDir) && readdirSync(destDir).length > 0)
    throw new UserError('CONFLICT', `Backup folder ${destDir} is not empty; choose a new folder.`);
  mkdirSync(destDir, { recursive: true, mode: 0o700 });
  const dbFile = join(destDir, BACKUP_DB_FILE);
  const partial = `${dbFile}.partial`;
  db.prepare('VACUUM INTO ?').run(partial);
  fsyncFile(partial);
  renameSync(partial, dbFile);
  const createdAt = new Date().toISOString();
  const manifest: BackupManifest = {
    format: 'confidant-backup',
    version: 1,
    createdAt,
    storeId: keyFile.storeId,
    schemaVersion: schemaVersion(db),
    cipher: PAGE_CIPHER,
    sha256: sha256File(dbFile),
    bytes: statSync(dbFile).size,
    master: keyFile.master,
    data: keyFile.data,
  };
  const manifestFile = join(destDir, BACKUP_MANIFEST_FILE);
  // Same atomic writer as the key file; the manifest is not a KeyFile but shares the JSON shape rules.
  writeKeyFile(manifestFile, manifest as unknown as KeyFile);
  fsyncDir(destDir);
  return {
    dir: destDir,
    dbFile,
    manifestFile,
    sha256: manifest.sha256,
    bytes: manifest.bytes,
    schemaVersion: manifest.schemaVersion,
    createdAt,
  };
}

export function readBackupManifest(backupDir: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(backupDir, BACKUP_MANIFEST_FILE), 'utf8'));
  } catch {
    throw new UserError('CORRUPT', `Backup manifest missing or unreadable in ${backupDir}.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new UserError('CORRUPT', `Backup manifest in ${backupDir} is not valid.`);
  return parsed.data;
}

export interface RestoreOptions {
  backupDir: string;
  dataDir: string;
  /** Unlocks the backup (the protector in force when it was taken). */
  backupProvider: MasterKeyProvider;
  /** Unlocks (or, for an empty data dir, creates) the target store. */
  targetProvider: MasterKeyProvider;
}

export interface RestoreReport {
  storeId: string;
  schemaVersion: number;
  createdAt: string;
  /** False when the target had no keyring: sealed customer fields in the restored data stay unreadable. */
  keyringKept: boolean;
}

/**
 * Restores a data backup into a data dir that no process has open. The target's keyring (and its
 * shred log) is kept; only the database and its key slot are replaced. Checks everything about the
 * backup (manifest, checksum, passphrase, page MACs) before touching the target.
 */
export function restoreData(options: RestoreOptions): RestoreReport {
  const manifest = readBackupManifest(options.backupDir);
  const backupDb = join(options.backupDir, BACKUP_DB_FILE);
  if (!existsSync(backupDb) || sha256File(backupDb) !== manifest.sha256)
    throw new UserError('CORRUPT', `Backup in ${options.backupDir} is damaged (checksum mismatch).`);
  const backupMaster = recoverMasterKey(
    { ...manifest, format: 'confidant-keys', version: 1, keyring: manifest.data } satisfies KeyFile,
    options.backupProvider,
  );
  const dataKey = unwrapSlot(manifest, manifest.master.id, backupMaster, 'data', manifest.data);
  validateEncryptedFile(backupDb, 'backup database', [dataKey]);

  const paths = storePaths(options.dataDir);
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  let keyFile: KeyFile;
  let master: Buffer;
  let keyringKept = false;
  if (existsSync(paths.keyFile)) {
    keyFile = readKeyFile(paths.keyFile);
    master = recoverMasterKey(keyFile, options.targetProvider);
    keyringKept = existsSync(paths.keyring);
  } else {
    const masterId = newId('mk');
    master = newKey();
    const base = { storeId: manifest.storeId };
    keyFile = {
      format: 'confidant-keys',
      version: 1,
      storeId: manifest.storeId,
      cipher: PAGE_CIPHER,
      master: {
        id: masterId,
        protectors: [options.targetProvider.protect(master, masterAad(base, masterId))],
      },
      data: wrapSlot(base, 'data', masterId, master, dataKey),
      keyring: wrapSlot(base, 'keyring', masterId, master, newKey()),
    };
  }
  if (!keyringKept) {
    // No keyring to keep: start an empty one. Customer fields in the restored data stay sealed for good.
    const keyringKey = newKey();
    keyFile = { ...keyFile, keyring: wrapSlot(keyFile, 'keyring', keyFile.master.id, master, keyringKey) };
    rmSync(paths.keyring, { force: true });
    const kr = openKeyed(paths.keyring, keyringKey, { secureDelete: 'ON' });
    migrateKeyring(kr);
    kr.close();
  }
  // Pending slot first: whichever database file is in place after a crash, one key in the file opens it.
  const pending = wrapSlot(keyFile, 'data', keyFile.master.id, master, dataKey);
  writeKeyFile(paths.keyFile, { ...keyFile, dataNext: pending });
  const staged = `${paths.db}.restore`;
  copyFileSync(backupDb, staged);
  fsyncFile(staged);
  // A stale WAL from the replaced database must never be replayed onto the restored one.
  rmSync(`${paths.db}-wal`, { force: true });
  rmSync(`${paths.db}-shm`, { force: true });
  renameSync(staged, paths.db);
  fsyncDir(paths.dataDir);
  const settled: KeyFile = { ...keyFile, data: pending };
  delete settled.dataNext;
  writeKeyFile(paths.keyFile, settled);
  return {
    storeId: manifest.storeId,
    schemaVersion: manifest.schemaVersion,
    createdAt: manifest.createdAt,
    keyringKept,
  };
}
