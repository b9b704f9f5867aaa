import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store';

/** No 0/O, 1/I/L: a code is read off one screen and typed on another. 31 symbols, 8 of them: ~40 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** Wrong guesses against the pending codes before all of them are voided (online guessing). */
export const MAX_PAIRING_FAILURES = 5;

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** The code is never stored: only this HKDF-derived key, which is all the MAC needs. */
export function macKeyFor(code: string): Buffer {
  return Buffer.from(hkdfSync('sha256', normaliseCode(code), 'confidant-lan-pair-v1', 'commitment', 32));
}

/**
 * The commitment each side sends: an HMAC under the code's key over its role and both certificate
 * fingerprints as each side saw them in the TLS handshake. A man in the middle terminates TLS with its own
 * certificate, so without the code it cannot produce a MAC over the fingerprints the real desks see.
 */
export function pairingMac(key: Buffer, role: 'staff' | 'supervisor', own: string, peer: string): string {
  return createHmac('sha256', key).update(`confidant-lan-pair|${role}|${own}|${peer}`).digest('hex');
}

export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

interface InviteRow {
  id: string;
  mac_key: Buffer;
  expires_at: string;
}

export function invites(store: Pick<Store, 'db'>) {
  const db = store.db;
  const active = db.prepare<[string], InviteRow>(
    'SELECT id, mac_key, expires_at FROM lan_invites WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at',
  );
  return {
    create(by: string, ttlMinutes: number, now: Date): { code: string; expires: string } {
      const code = newPairingCode();
      const expires = new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
      db.prepare(
        'INSERT INTO lan_invites (id, mac_key, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(randomUUID(), macKeyFor(code), by, now.toISOString(), expires);
      return { code, expires };
    },
    anyActive: (now: Date): boolean => active.all(now.toISOString()).length > 0,
    /**
     * Finds the pending code the staff desk's MAC was made with and uses it up (single use, even when two
     * connections race for it). Returns its key, or null for a wrong, used or expired code.
     */
    consume(mac: string, staffFp: string, supervisorFp: string, now: Date): Buffer | null {
      for (const row of active.all(now.toISOString())) {
        if (!macEquals(pairingMac(row.mac_key, 'staff', staffFp, supervisorFp), mac)) continue;
        const used = db
          .prepare('UPDATE lan_invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL')
          .run(now.toISOString(), staffFp, row.id);
        return used.changes === 1 ? row.mac_key : null;
      }
      return null;
    },
    /** Voids every pending code (too many wrong guesses). */
    voidAll(now: Date): void {
      db.prepare("UPDATE lan_invites SET used_at = ?, used_by = 'voided' WHERE used_at IS NULL").run(
        now.toISOString(),
      );
    },
  };
}
