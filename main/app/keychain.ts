import type { SafeStorage } from 'electron';
import type { OsKeychain } from '../core/store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

/**
 * The store's OsKeychain over Electron safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or
 * KWallet on Linux). The store's osKeychainProvider does the wrapping and refuses insecure backends;
 * this adapter only moves bytes. safeStorage speaks strings, so key material crosses as base64.
 */
export function safeStorageKeychain(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): OsKeychain {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend() {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      // On Linux this can be 'basic_text': Chromium's fallback with a hard-coded key, i.e. no protection.
      return safeStorage.getSelectedStorageBackend();
    },
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}

/**
 * An admin accepts the insecure Linux backend explicitly, per launch, with a switch or env var that a
 * kiosk's launcher sets; it is never a default and never inferred. The store records the acceptance in
 * the key file, so it stays visible in keyInfo() and the status page.
 */
export const ACCEPT_INSECURE_SWITCH = '--accept-insecure-keychain';
export const ACCEPT_INSECURE_ENV = 'CONFIDANT_ACCEPT_INSECURE_KEYCHAIN';

export function insecureKeychainAccepted(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes(ACCEPT_INSECURE_SWITCH) || env[ACCEPT_INSECURE_ENV] === '1';
}
