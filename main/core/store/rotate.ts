import { UserError } from '../../../shared/errors';
import type { Database } from './db';
import { masterAad, wrapSlot, writeKeyFile, type KeyFile, type KeySlotName } from './keyfile';
import type { MasterKeyProvider } from './master-key';
import { newId, newKey } from './wrap';

/** Mutable key state of an open store; the key file on disk always matches `keyFile` after each step. */
export interface KeyState {
  keyFile: KeyFile;
  master: Buffer;
  dataKey: Buffer;
  keyringKey: Buffer;
  keyFilePath: string;
}

/** Re-wraps the SAME master key under new protectors (passphrase change). No database byte changes. */
export function setProtectors(state: KeyState, providers: readonly MasterKeyProvider[]): void {
  if (providers.length === 0) throw new UserError('VALIDATION', 'At least one key protector is required.');
  const aad = masterAad(state.keyFile, state.keyFile.master.id);
  const next: KeyFile = {
    ...state.keyFile,
    master: { id: state.keyFile.master.id, protectors: providers.map((p) => p.protect(state.master, aad)) },
  };
  writeKeyFile(state.keyFilePath, next);
  state.keyFile = next;
}

/** New master key: re-wraps the data and keyring keys under it. Databases are untouched. */
export function rotateMaster(state: KeyState, providers: readonly MasterKeyProvider[]): void {
  if (providers.length === 0) throw new UserError('VALIDATION', 'At least one key protector is required.');
  const master = newKey();
  const masterId = newId('mk');
  const kf = state.keyFile;
  const next: KeyFile = {
    format: kf.format,
    version: kf.version,
    storeId: kf.storeId,
    cipher: kf.cipher,
    master: { id: masterId, protectors: providers.map((p) => p.protect(master, masterAad(kf, masterId))) },
    data: wrapSlot(kf, 'data', masterId, master, state.dataKey),
    keyring: wrapSlot(kf, 'keyring', masterId, master, state.keyringKey),
  };
  writeKeyFile(state.keyFilePath, next);
  state.keyFile = next;
  state.master = master;
}

/**
 * Re-encrypts every page of one database under a fresh key (PRAGMA rekey). SQLite3MC cannot rekey in
 * WAL mode, so the WAL is checkpointed and the journal switched to DELETE for the duration. The new key
 * is written to the key file as `*Next` first, so a crash at any point leaves a key that opens the file.
 */
export function rekeyPages(state: KeyState, slot: KeySlotName, db: Database): void {
  const key = newKey();
  const kf = state.keyFile;
  const pending = wrapSlot(kf, slot, kf.master.id, state.master, key);
  const withPending: KeyFile =
    slot === 'data' ? { ...kf, dataNext: pending } : { ...kf, keyringNext: pending };
  writeKeyFile(state.keyFilePath, withPending);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey="x'${key.toString('hex')}'"`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
  const settled: KeyFile = { ...withPending, [slot]: pending };
  delete settled.dataNext;
  delete settled.keyringNext;
  writeKeyFile(state.keyFilePath, settled);
  state.keyFile = settled;
  if (slot === 'data') state.dataKey = key;
  else state.keyringKey = key;
}
