import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { UserError } from '../../../shared/errors';

/**
 * scrypt from node:crypto (RFC 7914); no native dependency to build for Electron. The parameters are
 * stored with every hash, so raising them later needs no migration: old hashes verify with their own.
 * See docs/ACCOUNTS.md for why these values.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;
/** 128 * N * r * 2 bytes are needed; give scrypt that much headroom and no more. */
const MAX_MEM = 64 * 1024 * 1024;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
const PIN_PATTERN = /^\d{4,8}$/;

function derive(secret: string, salt: Buffer, N: number, r: number, p: number, len: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: MAX_MEM };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, len, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new UserError('VALIDATION', `A password must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters long.`);
}

export function checkPinRules(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new UserError('VALIDATION', 'A PIN must be 4-8 digits.');
}

/** `scrypt$N$r$p$salt$hash` (base64url): self-describing, so parameters can change per hash. */
export async function hashSecret(secret: string): Promise<string> {
  const { N, r, p, keyLength, saltBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const key = await derive(secret, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, keyText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyText, 'base64url');
  const N = Number(n);
  // A hash we did not write (or one edited to burn CPU) is refused, not computed.
  if (!(N >= 2 ** 10 && N <= 2 ** 20) || Number(r) > 32 || Number(p) > 16 || expected.length < 16)
    return false;
  const key = await derive(
    secret,
    Buffer.from(saltText, 'base64url'),
    N,
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}
