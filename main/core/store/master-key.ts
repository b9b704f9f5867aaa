import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { unwrapKey, wrapKey, type Wrapped } from './wrap';

/** How the master key is protected at rest; one or more records live in the key file. */
export type ProtectorRecord =
  | {
      kind: 'passphrase';
      kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
      wrapped: Wrapped;
    }
  | {
      kind: 'os-keychain';
      /** The OS backend that sealed the blob (Electron safeStorage's selected backend on Linux). */
      backend: string;
      /** True only when an admin explicitly accepted an insecure backend such as Linux `basic_text`. */
      acceptedInsecureBackend: boolean;
      blob: string;
    };

export type ProtectorKind = ProtectorRecord['kind'];

/**
 * Protects the random master key. Headless runs use a passphrase (scrypt); the desktop shell
 * implements an OsKeychain over Electron safeStorage and passes `osKeychainProvider(...)`.
 */
export interface MasterKeyProvider {
  readonly kind: ProtectorKind;
  /** Seals the master key into a record for the key file. `aad` binds it to this store. */
  protect(masterKey: Buffer, aad: string): ProtectorRecord;
  /** Recovers the master key, or null when this provider's secret does not fit (wrong passphrase). */
  recover(record: ProtectorRecord, aad: string): Buffer | null;
}

/**
 * scrypt cost. N=2^17, r=8, p=1 (128 MiB, ~0.65 s here) follows OWASP's minimum for scrypt.
 * Test runs (VITEST set) create hundreds of stores, so they use 2^14; the parameters are stored with
 * the salt, so a store always re-derives with the cost it was created with.
 */
export function defaultScryptN(): number {
  return process.env.VITEST ? 2 ** 14 : 2 ** 17;
}

const SCRYPT_R = 8;
const SCRYPT_P = 1;
const MAX_N = 2 ** 20;

/** Derived KEKs by (passphrase, salt, params) hash, so reopening a store in one process costs one scrypt. */
const kekCache = new Map<string, Buffer>();

function deriveKek(passphrase: string, kdf: { N: number; r: number; p: number; salt: string }): Buffer {
  if (!Number.isInteger(kdf.N) || kdf.N < 2 ** 10 || kdf.N > MAX_N || (kdf.N & (kdf.N - 1)) !== 0)
    throw new UserError('CORRUPT', 'Key file has invalid key-derivation parameters.');
  const id = createHash('sha256')
    .update(`${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}:`)
    .update(passphrase, 'utf8')
    .digest('hex');
  const cached = kekCache.get(id);
  if (cached) return cached;
  const kek = scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024,
  });
  kekCache.set(id, kek);
  return kek;
}

export function passphraseProvider(passphrase: string, options: { N?: number } = {}): MasterKeyProvider {
  if (!passphrase) throw new UserError('KEY_ERROR', 'No passphrase: set CONFIDANT_PASSPHRASE.');
  return {
    kind: 'passphrase',
    protect(masterKey, aad) {
      const kdf = {
        name: 'scrypt' as const,
        N: options.N ?? defaultScryptN(),
        r: SCRYPT_R,
        p: SCRYPT_P,
        salt: randomBytes(16).toString('base64'),
      };
      return { kind: 'passphrase', kdf, wrapped: wrapKey(deriveKek(passphrase, kdf), masterKey, aad) };
    },
    recover(record, aad) {
      if (record.kind !== 'passphrase') return null;
      return unwrapKey(deriveKek(passphrase, record.kdf), record.wrapped, aad);
    },
  };
}

/**
 * What the Electron shell implements over `safeStorage` (main/app owns electron). Buffers in and out so
 * the shell can base64 through encryptString/decryptString.
 */
export interface OsKeychain {
  /** safeStorage.isEncryptionAvailable() */
  isAvailable(): boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; any stable name (e.g. 'keychain', 'dpapi') elsewhere. */
  backend(): string;
  encrypt(plain: Buffer): Buffer;
  decrypt(blob: Buffer): Buffer;
}

/** Backends that do not actually protect the key: Chromium's Linux fallback stores it with a fixed key. */
export const INSECURE_KEYCHAIN_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

export interface KeychainStatus {
  available: boolean;
  backend: string;
  insecure: boolean;
}

/** For the desktop shell's "missing keychain" and "insecure backend" screens. Never throws. */
export function keychainStatus(keychain: OsKeychain): KeychainStatus {
  try {
    const available = keychain.isAvailable();
    const backend = keychain.backend();
    return { available, backend, insecure: INSECURE_KEYCHAIN_BACKENDS.includes(backend) };
  } catch {
    return { available: false, backend: 'unknown', insecure: true };
  }
}

export function osKeychainProvider(
  keychain: OsKeychain,
  options: { acceptInsecureBackend?: boolean } = {},
): MasterKeyProvider {
  const status = keychainStatus(keychain);
  if (!status.available)
    throw new UserError('KEY_ERROR', 'The OS keychain is unavailable; the store key cannot be unlocked.');
  if (status.insecure && !options.acceptInsecureBackend)
    throw new UserError(
      'KEY_ERROR',
      `The OS keychain backend '${status.backend}' does not protect keys; an admin must accept it explicitly.`,
    );
  return {
    kind: 'os-keychain',
    protect(masterKey, aad) {
      // safeStorage has no AAD, so the binding travels inside the sealed plaintext and is checked on recover.
      const plain = Buffer.from(JSON.stringify({ aad, key: masterKey.toString('base64') }), 'utf8');
      return {
        kind: 'os-keychain',
        backend: status.backend,
        acceptedInsecureBackend: status.insecure,
        blob: keychain.encrypt(plain).toString('base64'),
      };
    },
    recover(record, aad) {
      if (record.kind !== 'os-keychain') return null;
      try {
        const parsed = JSON.parse(keychain.decrypt(Buffer.from(record.blob, 'base64')).toString('utf8')) as {
          aad?: unknown;
          key?: unknown;
        };
        if (parsed.aad !== aad || typeof parsed.key !== 'string') return null;
        return Buffer.from(parsed.key, 'base64');
      } catch {
        return null;
      }
    },
  };
}
