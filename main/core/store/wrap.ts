import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An AES-256-GCM wrapped secret as stored in the key file (all base64). */
export interface Wrapped {
  iv: string;
  ct: string;
  tag: string;
}

export const KEY_BYTES = 32;

/**
 * Wraps a key under a key-encryption key. The AAD names the store, the purpose and the key id, so a
 * wrapped key cannot be swapped between slots or stores without the unwrap failing.
 */
export function wrapKey(kek: Buffer, secret: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(secret), c.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

/** Returns null when the KEK is wrong or the record was tampered with (GCM authentication failed). */
export function unwrapKey(kek: Buffer, wrapped: Wrapped, aad: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(wrapped.ct, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
