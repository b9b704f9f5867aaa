/** Ed25519 signing for C2SP signed notes, with node:crypto (no hand-rolled crypto). */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import {
  ALG_ED25519,
  SIG_PREFIX,
  formatVerifierKey,
  keyIdFor,
  parseVerifierKey,
  validKeyName,
  type VerifierKey,
} from '../bundle-verify';

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  /** `<name>+<hex key id>+<base64(0x01 || public key)>` */
  readonly vkey: string;
  sign(message: Uint8Array): Buffer;
  verifier(): VerifierKey;
}

export function signerFromPkcs8(name: string, pkcs8: Buffer): NoteSigner {
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return makeSigner(name, privateKey);
}

export function generateSigner(name: string): { signer: NoteSigner; pkcs8: Buffer } {
  if (!validKeyName(name)) throw new UserError('VALIDATION', 'Key names may not contain "+" or spaces.');
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return { signer: makeSigner(name, privateKey), pkcs8 };
}

// RFC 8410 PKCS#8 wrapping of a raw 32-byte Ed25519 seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  if (!validKeyName(name) || seed.length !== 32) throw new UserError('VALIDATION', 'Bad Ed25519 signer key.');
  return signerFromPkcs8(name, Buffer.concat([PKCS8_ED25519_PREFIX, seed]));
}

/** Parses a signed-note private key `PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>` (Go's format). */
export function parseSignerKey(skey: string): NoteSigner {
  const bad = (): never => {
    throw new UserError('VALIDATION', 'Not a signed-note Ed25519 private key.');
  };
  const text = skey.trim();
  if (!text.startsWith('PRIVATE+KEY+')) return bad();
  const rest = text.slice('PRIVATE+KEY+'.length);
  // name+hex+base64, where the base64 itself may contain '+': split on the first two only.
  const a = rest.indexOf('+');
  const b = a < 0 ? -1 : rest.indexOf('+', a + 1);
  if (b < 0) return bad();
  const name = rest.slice(0, a);
  const hex = rest.slice(a + 1, b);
  const b64 = rest.slice(b + 1);
  if (!/^[0-9a-f]{8}$/.test(hex)) return bad();
  const raw = Buffer.from(b64, 'base64');
  if (raw.toString('base64') !== b64 || raw.length !== 33 || raw[0] !== ALG_ED25519) return bad();
  const signer = signerFromSeed(name, raw.subarray(1));
  if (signer.keyId.toString(16).padStart(8, '0') !== hex) return bad();
  return signer;
}

export function exportSignerKey(name: string, pkcs8: Buffer): string {
  const signer = signerFromPkcs8(name, pkcs8);
  const seed = pkcs8.subarray(pkcs8.length - 32);
  const id = signer.keyId.toString(16).padStart(8, '0');
  return `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
}

function makeSigner(name: string, privateKey: KeyObject): NoteSigner {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new UserError('CORRUPT', 'Signing key is not Ed25519.');
  const publicKey = Buffer.from(jwk.x, 'base64url');
  const vkey = formatVerifierKey(name, publicKey);
  const keyId = keyIdFor(name, publicKey);
  return {
    name,
    keyId,
    publicKey,
    vkey,
    sign: (message) => sign(null, message, privateKey),
    verifier: () => {
      const parsed = parseVerifierKey(vkey);
      if (!parsed) throw new UserError('CORRUPT', 'Could not parse our own verifier key.');
      return parsed;
    },
  };
}

/** One signature line: `— <name> <base64(key id || signature)>\n`. */
export function signatureLine(signer: NoteSigner, body: string): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId, 0);
  const sig = signer.sign(Buffer.from(body, 'utf8'));
  return `${SIG_PREFIX}${signer.name} ${Buffer.concat([id, sig]).toString('base64')}\n`;
}

/** A signed note: body (ending in a newline), a blank line, then one line per signer. */
export function signNote(body: string, signers: readonly NoteSigner[]): string {
  if (!body.endsWith('\n')) throw new UserError('VALIDATION', 'A note body must end with a newline.');
  return `${body}\n${signers.map((s) => signatureLine(s, body)).join('')}`;
}

/** A witness co-signs an existing note by appending its own line over the same body. */
export function cosignNote(noteText: string, body: string, witness: NoteSigner): string {
  return `${noteText}${signatureLine(witness, body)}`;
}
