/**
 * C2SP signed notes (https://c2sp.org/signed-note) and checkpoints (https://c2sp.org/tlog-checkpoint),
 * Ed25519 only, the same rules as Go's golang.org/x/mod/sumdb/note. Parsing never throws on bad text:
 * it returns null or a reason, so a hostile bundle cannot crash the verifier.
 */
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';

export const ALG_ED25519 = 0x01;
/** U+2014 EM DASH starts every signature line. */
export const SIG_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Buffer;
  /** The `<name>+<hex>+<base64>` text form. */
  text: string;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

export interface ParsedNote {
  /** Signed text: everything up to and including the newline before the blank line. */
  body: string;
  signatures: NoteSignature[];
}

/** Key names must be non-empty and free of '+' and whitespace, as in the spec. */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[+\s]/u.test(name);
}

/** First 4 bytes of SHA-256(name || 0x0A || alg || publicKey), big-endian. */
export function keyIdFor(name: string, publicKey: Uint8Array, alg = ALG_ED25519): number {
  const digest = createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([alg]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const id = keyIdFor(name, publicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: rejects anything that does not round-trip, which Buffer.from alone would accept. */
export function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !B64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function parseVerifierKey(text: string): VerifierKey | null {
  const trimmed = text.trim();
  // name+hex+base64, where the base64 itself may contain '+': split on the first two only.
  const a = trimmed.indexOf('+');
  const b = a < 0 ? -1 : trimmed.indexOf('+', a + 1);
  if (b < 0) return null;
  const name = trimmed.slice(0, a);
  const hex = trimmed.slice(a + 1, b);
  const b64 = trimmed.slice(b + 1);
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(hex)) return null;
  const raw = decodeBase64(b64);
  if (!raw || raw.length !== 33 || raw[0] !== ALG_ED25519) return null;
  const publicKey = raw.subarray(1);
  const keyId = keyIdFor(name, publicKey);
  if (keyId !== Number.parseInt(hex, 16)) return null;
  return { name, keyId, publicKey, text: trimmed };
}

function hasBadControl(text: string): boolean {
  // The spec allows no control characters except newline.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f\u007f]/u.test(text);
}

export function parseNote(text: string): ParsedNote | null {
  if (!text.endsWith('\n') || hasBadControl(text)) return null;
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return null;
  const body = text.slice(0, split + 1);
  const sigText = text.slice(split + 2);
  const lines = sigText.split('\n');
  lines.pop(); // the final newline leaves one empty string
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) return null;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) return null;
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space <= 0) return null;
    const name = rest.slice(0, space);
    const raw = decodeBase64(rest.slice(space + 1));
    if (!validKeyName(name) || !raw || raw.length < 5) return null;
    signatures.push({ name, keyId: raw.readUInt32BE(0), signature: raw.subarray(4) });
  }
  return { body, signatures };
}

const keyCache = new Map<string, KeyObject>();

export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  const x = Buffer.from(raw).toString('base64url');
  let key = keyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(x, key);
  }
  return key;
}

export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return cryptoVerify(null, message, ed25519PublicKey(publicKey), signature);
  } catch {
    return false;
  }
}

export interface NoteVerification {
  body: string;
  /** Known keys whose signature verified. */
  verified: VerifierKey[];
  /** Known keys (name and id match) whose signature did NOT verify: a forgery or a damaged note. */
  failed: VerifierKey[];
  /** Signature lines from keys we were not given; the spec says to ignore them. */
  unknown: Array<{ name: string; keyId: number }>;
}

export function verifyNote(text: string, keys: readonly VerifierKey[]): NoteVerification | null {
  const note = parseNote(text);
  if (!note) return null;
  const message = Buffer.from(note.body, 'utf8');
  const result: NoteVerification = { body: note.body, verified: [], failed: [], unknown: [] };
  for (const sig of note.signatures) {
    const key = keys.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!key) result.unknown.push({ name: sig.name, keyId: sig.keyId });
    else if (verifyEd25519(key.publicKey, message, sig.signature)) result.verified.push(key);
    else result.failed.push(key);
  }
  return result;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** Optional extension lines after the root, kept verbatim. */
  extensions: string[];
}

/** Parses a C2SP tlog-checkpoint body (the signed text of the note). */
export function parseCheckpointBody(body: string): Checkpoint | null {
  if (!body.endsWith('\n')) return null;
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin || sizeText === undefined || rootText === undefined) return null;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return null;
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return null;
  const root = decodeBase64(rootText);
  if (!root || root.length !== 32) return null;
  if (extensions.some((line) => line.length === 0)) return null;
  return { origin, size, root, extensions };
}

export function formatCheckpointBody(origin: string, size: number, root: Uint8Array): string {
  return `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`;
}
