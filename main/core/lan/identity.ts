import 'reflect-metadata';
import { createHash, createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Store } from '../store';

export type DeskRole = 'staff' | 'supervisor';

export interface DeskIdentity {
  /** SHA-256 of the certificate DER, lowercase hex: the desk's device id and its pinned fingerprint. */
  deviceId: string;
  role: DeskRole;
  certPem: string;
  keyPem: string;
}

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** The SHA-256 fingerprint of a certificate's DER, lowercase hex without separators. */
export function fingerprintOfDer(der: Buffer | Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw);
}

interface IdentityRow {
  device_id: string;
  role: DeskRole;
  cert_pem: string;
  key_pkcs8: Buffer;
}

/**
 * The desk's long-term ECDSA P-256 key and self-signed certificate, created on first use. The subject is
 * a fixed, meaningless name: a certificate seen on the LAN must not name the branch, the desk or anyone.
 */
export async function loadOrCreateIdentity(
  store: Pick<Store, 'db'>,
  now: Date = new Date(),
): Promise<DeskIdentity> {
  const existing = readIdentity(store);
  if (existing) return existing;
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: 'CN=confidant-desk',
    notBefore: new Date(now.getTime() - 24 * 3600_000),
    // Pinned by fingerprint, never validated against a CA or a clock: a long validity avoids a silent expiry.
    notAfter: new Date(now.getTime() + 20 * 365 * 24 * 3600_000),
    signingAlgorithm: alg,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const certPem = cert.toString('pem');
  const deviceId = fingerprintOfDer(Buffer.from(cert.rawData));
  store.db
    .prepare(
      `INSERT INTO lan_identity (id, device_id, role, cert_pem, key_pkcs8, created_at) VALUES (1, ?, 'staff', ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    )
    .run(deviceId, certPem, pkcs8, now.toISOString());
  // A concurrent first run may have won the insert: whatever is stored is the identity.
  return readIdentity(store) as DeskIdentity;
}

export function readIdentity(store: Pick<Store, 'db'>): DeskIdentity | null {
  const row = store.db
    .prepare<[], IdentityRow>('SELECT device_id, role, cert_pem, key_pkcs8 FROM lan_identity WHERE id = 1')
    .get();
  if (!row) return null;
  const keyPem = createPrivateKey({ key: row.key_pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  return { deviceId: row.device_id, role: row.role, certPem: row.cert_pem, keyPem };
}

/** The role is bound at pairing: issuing an invite makes a supervisor desk, joining one a staff desk. */
export function setRole(store: Pick<Store, 'db'>, role: DeskRole): void {
  store.db.prepare('UPDATE lan_identity SET role = ? WHERE id = 1').run(role);
}
