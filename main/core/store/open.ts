import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { missingSideFiles, openKeyed, removeSideFiles, validateEncryptedFile, type Database } from './db';
import {
  freshKeyFile,
  fsyncDir,
  readKeyFile,
  recoverMasterKey,
  slotKeys,
  writeKeyFile,
  type KeyFile,
  type KeySlotName,
} from './keyfile';
import { createKeyringCipher, migrateKeyring, type KeyringCipher } from './keyring';
import type { MasterKeyProvider } from './master-key';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';

export const DB_FILE = 'confidant.db';
export const KEYRING_FILE = 'keyring.db';
export const KEY_FILE = 'keys.json';

export interface StorePaths {
  dataDir: string;
  db: string;
  keyring: string;
  keyFile: string;
}

export function storePaths(dataDir: string): StorePaths {
  return {
    dataDir,
    db: join(dataDir, DB_FILE),
    keyring: join(dataDir, KEYRING_FILE),
    keyFile: join(dataDir, KEY_FILE),
  };
}

export interface OpenedFiles {
  keyFile: KeyFile;
  master: Buffer;
  db: Database;
  keyringDb: Database;
  keyring: KeyringCipher;
  dataKey: Buffer;
  keyringKey: Buffer;
}

/**
 * Unlocks an existing store. Order matters for "nothing written on bad input": the key file is read
 * and the master key recovered (KEY_ERROR) before any database is touched; each database is then
 * validated read-only (CORRUPT) before the first read-write open.
 */
export function unlockExisting(paths: StorePaths, provider: MasterKeyProvider): OpenedFiles {
  if (!existsSync(paths.keyFile))
    throw new UserError('CORRUPT', `Key file missing in ${paths.dataDir}; the store cannot be opened.`);
  const keyFile = readKeyFile(paths.keyFile);
  const master = recoverMasterKey(keyFile, provider);
  if (!existsSync(paths.keyring))
    throw new UserError('CORRUPT', `Keyring missing in ${paths.dataDir}; the store cannot be opened.`);
  const dataSideFiles = missingSideFiles(paths.db);
  const dataKey = pickKey(keyFile, master, 'data', paths.db, 'database');
  let keyringKey: ReturnType<typeof pickKey>;
  try {
    keyringKey = pickKey(keyFile, master, 'keyring', paths.keyring, 'keyring');
  } catch (err) {
    // The database checked out but the keyring did not: the open is refused, so leave no trace of it.
    removeSideFiles(paths.db, dataSideFiles);
    throw err;
  }
  if (keyFile.dataNext || keyFile.keyringNext) {
    // A rekey was in flight: keep whichever key actually opens each file and drop the other.
    const settled: KeyFile = { ...keyFile };
    settled.data = dataKey.slot === 'next' && keyFile.dataNext ? keyFile.dataNext : keyFile.data;
    settled.keyring =
      keyringKey.slot === 'next' && keyFile.keyringNext ? keyFile.keyringNext : keyFile.keyring;
    delete settled.dataNext;
    delete settled.keyringNext;
    writeKeyFile(paths.keyFile, settled);
    return finishOpen(paths, settled, master, dataKey.key, keyringKey.key);
  }
  return finishOpen(paths, keyFile, master, dataKey.key, keyringKey.key);
}

function pickKey(
  kf: KeyFile,
  master: Buffer,
  slot: KeySlotName,
  path: string,
  label: string,
): { key: Buffer; slot: 'current' | 'next' } {
  const candidates = slotKeys(kf, master, slot);
  const index = validateEncryptedFile(
    path,
    label,
    candidates.map((c) => c.key),
  );
  const chosen = candidates[index];
  if (!chosen) throw new UserError('CORRUPT', `The ${label} file cannot be opened.`);
  return { key: chosen.key, slot: chosen.pending ? 'next' : 'current' };
}

function finishOpen(
  paths: StorePaths,
  keyFile: KeyFile,
  master: Buffer,
  dataKey: Buffer,
  keyringKey: Buffer,
): OpenedFiles {
  const keyringDb = openKeyed(paths.keyring, keyringKey, { secureDelete: 'ON' });
  let db: Database | undefined;
  try {
    migrateKeyring(keyringDb);
    db = openKeyed(paths.db, dataKey);
    const known = migrations.at(-1)?.version ?? 0;
    if (schemaVersion(db) > known)
      throw new UserError('CONFLICT', 'This store was written by a newer Confidant; upgrade to open it.');
    migrate(db);
    const keyring = createKeyringCipher(keyringDb, Date.now, db);
    try {
      // Pooled keys a crashed endpoint made and never handed out (key-pool-owner.ts says whose are safe).
      keyring.reclaimPooledKeys();
    } catch {
      // A busy keyring: the next open tries again; nothing depends on it.
    }
    return {
      keyFile,
      master,
      db,
      keyringDb,
      keyring,
      dataKey,
      keyringKey,
    };
  } catch (err) {
    db?.close();
    keyringDb.close();
    throw err;
  }
}

/**
 * Creates a store in a staging folder, complete (keyring schema and every migration applied), and moves
 * it into place, database last. A crash or a full disk during init leaves nothing behind: the stage is
 * removed, files already moved are taken back, and a data folder this call created is removed again.
 */
export function createFresh(paths: StorePaths, provider: MasterKeyProvider): OpenedFiles {
  if (existsSync(paths.keyFile) || existsSync(paths.keyring))
    throw new UserError(
      'CONFLICT',
      `${paths.dataDir} holds a partial store (key file or keyring without a database); restore a backup or move it away.`,
    );
  const madeDir = !existsSync(paths.dataDir);
  mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
  const fresh = freshKeyFile(provider);
  const moved: string[] = [];
  let stage: string | null = null;
  try {
    stage = mkdtempSync(join(paths.dataDir, '.init-'));
    const staged = storePaths(stage);
    const kr = openKeyed(staged.keyring, fresh.keyringKey, { secureDelete: 'ON' });
    try {
      migrateKeyring(kr);
    } finally {
      kr.close();
    }
    const db = openKeyed(staged.db, fresh.dataKey);
    try {
      migrate(db);
    } finally {
      db.close();
    }
    writeKeyFile(staged.keyFile, fresh.keyFile);
    for (const [from, to] of [
      [staged.keyFile, paths.keyFile],
      [staged.keyring, paths.keyring],
      [staged.db, paths.db],
    ] as const) {
      renameSync(from, to);
      moved.push(to);
    }
    fsyncDir(paths.dataDir);
  } catch (err) {
    for (const f of moved.reverse()) rmSync(f, { force: true });
    if (stage) rmSync(stage, { recursive: true, force: true });
    if (madeDir) rmSync(paths.dataDir, { recursive: true, force: true });
    throw err;
  }
  rmSync(stage, { recursive: true, force: true });
  return finishOpen(paths, fresh.keyFile, fresh.master, fresh.dataKey, fresh.keyringKey);
}
