import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../container/testing';
import { invites, macKeyFor, normaliseCode, pairingMac } from './pairing';

const STAFF = 'a'.repeat(64);
const SUP = 'b'.repeat(64);

describe('pairing codes', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('stores no code, accepts it once within its TTL, and binds the MAC to both fingerprints', async () => {
    t = await startTestCore();
    const inv = invites(t.core.store);
    const now = new Date('2026-01-01T10:00:00Z');
    const { code, expires } = inv.create('u1', 10, now);
    expect(expires).toBe('2026-01-01T10:10:00.000Z');
    const stored = t.core.store.db.prepare<[], { mac_key: Buffer }>('SELECT mac_key FROM lan_invites').get();
    expect(stored?.mac_key.toString('utf8')).not.toContain(normaliseCode(code));
    const key = macKeyFor(code);
    const mac = pairingMac(key, 'staff', STAFF, SUP);
    // A MAC over another fingerprint (a man in the middle's certificate) does not match.
    expect(inv.consume(pairingMac(key, 'staff', STAFF, 'c'.repeat(64)), STAFF, SUP, now)).toBeNull();
    expect(inv.consume(mac, STAFF, SUP, new Date('2026-01-01T10:10:01Z'))).toBeNull(); // expired
    expect(inv.consume(mac, STAFF, SUP, now)?.equals(key)).toBe(true);
    expect(inv.consume(mac, STAFF, SUP, now)).toBeNull(); // used
    expect(inv.anyActive(now)).toBe(false);
  });

  it('voids every pending code after too many wrong guesses', async () => {
    t = await startTestCore();
    const inv = invites(t.core.store);
    const now = new Date();
    inv.create('u1', 10, now);
    expect(inv.anyActive(now)).toBe(true);
    inv.voidAll(now);
    expect(inv.anyActive(now)).toBe(false);
  });
});
