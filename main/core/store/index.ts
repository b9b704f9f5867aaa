/**
 * Public API of the encrypted store. Other modules import only from here.
 *
 * Layout of a data dir (see docs/STORE.md):
 *   keys.json    master key wrapped by its protectors; data and keyring keys wrapped by the master key
 *   confidant.db everything else, whole-file encrypted (SQLite3MC chacha20 pages), WAL
 *   keyring.db   per-subject AES-256-GCM keys and the shred log, encrypted under its own key
 */
import { existsSync } from 'node:fs';
import { UserError } from '../../../shared/errors';
import { backupData, restoreData, type BackupInfo, type RestoreReport } from './backup';
import type { Database } from './db';
import type { KeyringCipher } from './keyring';
import {
  exportKeyringFile,
  importKeyringFile,
  type KeyringExportInfo,
  type KeyringExportOptions,
  type KeyringImportOptions,
  type KeyringImportReport,
} from './keyring-export';
import { passphraseProvider, type MasterKeyProvider, type ProtectorKind } from './master-key';
import { schemaVersion } from './migrate';
import { ledgerHeadPath, readLedgerHead, writeLedgerHead } from './head';
import { readKeyFile, writeKeyFile } from './keyfile';
import { createFresh, storePaths, unlockExisting } from './open';
import { rekeyPages, rotateMaster, setProtectors, type KeyState } from './rotate';

export type { Database } from './db';
export type { RetentionTarget } from './retention-target';
export { CACHE_SIZE_KIB, withSynchronous, type SyncLevel } from './db';
export { storeMeta, type StoreMeta } from './meta';
export { migrate, schemaVersion } from './migrate';
export { migrations, type Migration } from './migrations';
export type { SubjectCipher, KeyringCipher, ShredRecord } from './keyring';
export { ENVELOPE_PREFIX } from './keyring';
export {
  passphraseProvider,
  osKeychainProvider,
  keychainStatus,
  INSECURE_KEYCHAIN_BACKENDS,
  type MasterKeyProvider,
  type OsKeychain,
  type KeychainStatus,
  type ProtectorKind,
} from './master-key';
export { DB_FILE, KEYRING_FILE, KEY_FILE, storePaths, type StorePaths } from './open';
export { BACKUP_DB_FILE, BACKUP_MANIFEST_FILE, type BackupInfo, type RestoreReport } from './backup';
export { PAGE_CIPHER } from './keyfile';
export { LEDGER_HEAD_FILE } from './head';
export {
  KEYRING_EXPORT_FORMAT,
  RECOVERY_PASSPHRASE_MIN_LENGTH,
  type KeyringExportInfo,
  type KeyringExportOptions,
  type KeyringImportOptions,
  type KeyringImportReport,
} from './keyring-export';

export interface KeyInfo {
  storeId: string;
  pageCipher: string;
  masterKeyId: string;
  dataKeyId: string;
  keyringKeyId: string;
  protectors: Array<{ kind: ProtectorKind; backend?: string; acceptedInsecureBackend?: boolean }>;
}

export interface Store {
  readonly db: Database;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly keyringPath: string;
  readonly keyFilePath: string;
  readonly storeId: string;
  /** Per-subject envelope encryption backed by keyring.db (crypto-shredding). */
  readonly cipher: KeyringCipher;
  schemaVersion(): number;
  keyInfo(): KeyInfo;
  /** Re-wraps the master key under a new passphrase. No database byte changes. */
  changePassphrase(newPassphrase: string): void;
  /** Replaces the master key's protectors (e.g. move from passphrase to OS keychain). Re-wrap only. */
  setProtectors(providers: readonly MasterKeyProvider[]): void;
  /** New random master key; data and keyring keys are re-wrapped (defaults to the unlocking provider). */
  rotateMasterKey(providers?: readonly MasterKeyProvider[]): void;
  /** New page key for confidant.db (PRAGMA rekey: every page re-encrypted). Exclusive; blocks while it runs. */
  rotateDataKey(): void;
  /** New page key for keyring.db; also makes pre-shred copies of the keyring undecryptable with the live key. */
  rotateKeyringKey(): void;
  /** Consistent encrypted copy of confidant.db plus a manifest into an empty folder. No keyring inside. */
  backup(destDir: string): BackupInfo;
  /** Disaster-recovery copy of the live subject keys and the shred log, sealed under a recovery passphrase. */
  exportKeyring(file: string, options: KeyringExportOptions): KeyringExportInfo;
  /** Imports an export; never for a shredded or erased subject, never over a different key. */
  importKeyring(file: string, options: KeyringImportOptions): KeyringImportReport;
  /**
   * The ledger heads kept outside the database (signed checkpoint notes, see head.ts): the sidecar's and
   * the key file's, whichever exist. '' stands for a copy that exists but cannot be read.
   */
  ledgerHeads(): Array<{ where: 'sidecar' | 'key file'; note: string }>;
  /** Replaces the sidecar copy; with `keyFile`, also the key file's copy, and both fsynced. */
  recordLedgerHead(note: string, options?: { keyFile?: boolean }): void;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** Headless unlock (CONFIDANT_PASSPHRASE). Ignored when `masterKey` is given. */
  passphrase?: string;
  /** Desktop unlock: `osKeychainProvider(keychain, { acceptInsecureBackend })` from the Electron shell. */
  masterKey?: MasterKeyProvider;
  /** Create the store if missing; otherwise a missing store is a NOT_FOUND UserError. */
  create?: boolean;
}

export function storeExists(dataDir: string): boolean {
  return existsSync(storePaths(dataDir).db);
}

function providerFrom(options: { passphrase?: string; masterKey?: MasterKeyProvider }): MasterKeyProvider {
  if (options.masterKey) return options.masterKey;
  return passphraseProvider(options.passphrase ?? '');
}

/**
 * Opens (or creates) the store. Bad input never writes: a wrong passphrase is KEY_ERROR before any
 * database is opened; a damaged, truncated or foreign file is CORRUPT after a read-only check.
 */
export function openStore(options: OpenStoreOptions): Store {
  const provider = providerFrom(options);
  const paths = storePaths(options.dataDir);
  let opened;
  if (existsSync(paths.db)) {
    opened = unlockExisting(paths, provider);
  } else {
    if (!options.create)
      throw new UserError('NOT_FOUND', `No store in ${options.dataDir}; run confidant init.`);
    opened = createFresh(paths, provider);
  }
  const { db, keyringDb, keyring } = opened;
  const state: KeyState = {
    keyFile: opened.keyFile,
    master: opened.master,
    dataKey: opened.dataKey,
    keyringKey: opened.keyringKey,
    keyFilePath: paths.keyFile,
  };
  let closed = false;
  return {
    db,
    dataDir: paths.dataDir,
    dbPath: paths.db,
    keyringPath: paths.keyring,
    keyFilePath: paths.keyFile,
    storeId: state.keyFile.storeId,
    cipher: keyring,
    schemaVersion: () => schemaVersion(db),
    keyInfo: () => ({
      storeId: state.keyFile.storeId,
      pageCipher: state.keyFile.cipher,
      masterKeyId: state.keyFile.master.id,
      dataKeyId: state.keyFile.data.id,
      keyringKeyId: state.keyFile.keyring.id,
      protectors: state.keyFile.master.protectors.map((p) =>
        p.kind === 'os-keychain'
          ? { kind: p.kind, backend: p.backend, acceptedInsecureBackend: p.acceptedInsecureBackend }
          : { kind: p.kind },
      ),
    }),
    changePassphrase: (newPassphrase) => setProtectors(state, [passphraseProvider(newPassphrase)]),
    setProtectors: (providers) => setProtectors(state, providers),
    rotateMasterKey: (providers) => rotateMaster(state, providers ?? [provider]),
    rotateDataKey: () => rekeyPages(state, 'data', db),
    rotateKeyringKey: () => rekeyPages(state, 'keyring', keyringDb),
    backup: (destDir) => backupData(db, state.keyFile, destDir),
    exportKeyring: (file, opts) => exportKeyringFile(keyringDb, state.keyFile.storeId, file, opts),
    importKeyring: (file, opts) =>
      importKeyringFile({ db, keyringDb, storeId: state.keyFile.storeId }, file, opts),
    ledgerHeads: () => {
      const out: Array<{ where: 'sidecar' | 'key file'; note: string }> = [];
      const side = readLedgerHead(ledgerHeadPath(paths.dataDir));
      if (side !== null) out.push({ where: 'sidecar', note: side });
      if (state.keyFile.ledgerHead !== undefined)
        out.push({ where: 'key file', note: state.keyFile.ledgerHead });
      return out;
    },
    recordLedgerHead: (note, opts = {}) => {
      writeLedgerHead(ledgerHeadPath(paths.dataDir), note, opts.keyFile === true);
      if (opts.keyFile) {
        // Re-read first: another process may have changed the protectors since this one opened the store.
        const onDisk = readKeyFile(paths.keyFile);
        if (onDisk.storeId !== state.keyFile.storeId) return;
        state.keyFile = { ...onDisk, ledgerHead: note };
        writeKeyFile(paths.keyFile, state.keyFile);
      }
    },
    close: () => {
      if (closed) return;
      closed = true;
      try {
        // Its own unbound pooled keys: nobody else may hand them out, and it never will again.
        keyring.releaseKeyPool();
      } catch {
        // A busy keyring: they stay until a later open finds this process gone.
      }
      db.close();
      keyringDb.close();
    },
  };
}

export interface RestoreBackupOptions {
  backupDir: string;
  dataDir: string;
  /** Unlocks both the backup and the target, unless the specific ones below are given. */
  passphrase?: string;
  masterKey?: MasterKeyProvider;
  backupPassphrase?: string;
  backupMasterKey?: MasterKeyProvider;
}

/**
 * Restores a data backup into `dataDir` (no process may have it open). The target's keyring and shred
 * log are kept, so customers erased after the backup was taken stay unreadable.
 */
export function restoreBackup(options: RestoreBackupOptions): RestoreReport {
  const targetProvider = providerFrom(options);
  const backupProvider =
    options.backupMasterKey ??
    (options.backupPassphrase !== undefined ? passphraseProvider(options.backupPassphrase) : targetProvider);
  return restoreData({
    backupDir: options.backupDir,
    dataDir: options.dataDir,
    backupProvider,
    targetProvider,
  });
}
