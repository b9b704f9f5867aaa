import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, osKeychainProvider } from '../core/store';
import { insecureKeychainAccepted, safeStorageKeychain, type SafeStorageLike } from './keychain';

/** Stands in for Electron safeStorage: a reversible transform plus a chosen Linux backend. */
function fakeSafeStorage(backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (blob) => {
      const text = blob.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return Buffer.from(text.slice(7), 'hex').toString();
    },
  };
}

describe('safeStorage master-key adapter', () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names the platform backend and round-trips key bytes through safeStorage strings', () => {
    const kc = safeStorageKeychain(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(kc.backend()).toBe('gnome_libsecret');
    expect(safeStorageKeychain(fakeSafeStorage('unknown'), 'darwin').backend()).toBe('keychain');
    const key = Buffer.from([0, 255, 1, 254, 128]);
    expect(kc.decrypt(kc.encrypt(key)).equals(key)).toBe(true);
  });

  it('unlocks a real encrypted store through the OS keychain protector', () => {
    const dataDir = join(root, 'desk');
    const keychain = safeStorageKeychain(fakeSafeStorage('kwallet5'), 'linux');
    const store = openStore({ dataDir, masterKey: osKeychainProvider(keychain), create: true });
    store.db.exec('CREATE TABLE probe (x TEXT) STRICT');
    store.close();
    const reopened = openStore({ dataDir, masterKey: osKeychainProvider(keychain) });
    expect(reopened.keyInfo().protectors).toEqual([
      { kind: 'os-keychain', backend: 'kwallet5', acceptedInsecureBackend: false },
    ]);
    reopened.close();
    expect(readFileSync(join(dataDir, 'keys.json'), 'utf8')).toContain('"os-keychain"');
  });

  it('refuses the Linux basic_text backend unless an admin accepted it explicitly', () => {
    const keychain = safeStorageKeychain(fakeSafeStorage('basic_text'), 'linux');
    expect(() => osKeychainProvider(keychain)).toThrow(/basic_text/);
    expect(insecureKeychainAccepted(['electron', '.'], {})).toBe(false);
    expect(insecureKeychainAccepted(['electron', '.'], { CONFIDANT_ACCEPT_INSECURE_KEYCHAIN: 'yes' })).toBe(
      false,
    );
    const accepted = insecureKeychainAccepted(['electron', '.', '--accept-insecure-keychain'], {});
    expect(accepted).toBe(true);
    expect(osKeychainProvider(keychain, { acceptInsecureBackend: accepted }).kind).toBe('os-keychain');
  });
});
