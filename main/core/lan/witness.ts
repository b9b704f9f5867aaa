import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  decodeBase64,
  parseCheckpointBody,
  parseVerifierKey,
  verifyConsistency,
  verifyNote,
} from '../bundle-verify';
import type { Store } from '../store';

/** C2SP tlog-cosignature: Ed25519 cosignatures sign `cosignature/v1\ntime <t>\n<checkpoint body>`. */
const ALG_COSIGNATURE_V1 = 0x04;
const SIG_PREFIX = '\u2014 ';

function keyId(name: string, pub: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ALG_COSIGNATURE_V1]), pub]))
    .digest()
    .subarray(0, 4);
}

const rawPublic = (k: KeyObject) =>
  Buffer.from(createPublicKey(k).export({ format: 'jwk' }).x as string, 'base64url');
const message = (time: number, body: string) => Buffer.from(`cosignature/v1\ntime ${time}\n${body}`, 'utf8');

export interface Cosigner {
  name: string;
  /** `<name>+<hex key id>+<base64(0x04 || public key)>` (signed-note vkey with the cosignature type). */
  vkey: string;
  /** One note signature line over the checkpoint body, ending in a newline. */
  cosign(body: string, time: number): string;
}

/** The supervisor desk's cosigner key, created on first use; its name carries no person or branch. */
export function loadCosigner(store: Pick<Store, 'db'>, deviceId: string, now: Date): Cosigner {
  let row = store.db
    .prepare<[], { name: string; key_pkcs8: Buffer }>(
      'SELECT name, key_pkcs8 FROM lan_witness_key WHERE id = 1',
    )
    .get();
  if (!row) {
    const { privateKey } = generateKeyPairSync('ed25519');
    store.db
      .prepare(
        'INSERT INTO lan_witness_key (id, name, key_pkcs8, created_at) VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(
        `confidant-witness-${deviceId.slice(0, 16)}`,
        privateKey.export({ format: 'der', type: 'pkcs8' }),
        now.toISOString(),
      );
    row = store.db
      .prepare<[], { name: string; key_pkcs8: Buffer }>(
        'SELECT name, key_pkcs8 FROM lan_witness_key WHERE id = 1',
      )
      .get()!;
  }
  const key = createPrivateKey({ key: row.key_pkcs8, format: 'der', type: 'pkcs8' });
  const pub = rawPublic(key);
  const id = keyId(row.name, pub);
  const name = row.name;
  return {
    name,
    vkey: `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.from([ALG_COSIGNATURE_V1]), pub]).toString('base64')}`,
    cosign(body, time) {
      const ts = Buffer.alloc(8);
      ts.writeBigUInt64BE(BigInt(time));
      const sig = sign(null, message(time, body), key);
      return `${SIG_PREFIX}${name} ${Buffer.concat([id, ts, sig]).toString('base64')}\n`;
    },
  };
}

/** Checks one cosignature line over a checkpoint body against a cosigner vkey. */
export function verifyCosignature(line: string, body: string, vkey: string): boolean {
  const m = /^(\S+)\+([0-9a-f]{8})\+(\S+)$/.exec(vkey);
  const raw = m ? decodeBase64(m[3] as string) : null;
  if (!m || !raw || raw.length !== 33 || raw[0] !== ALG_COSIGNATURE_V1) return false;
  const name = m[1] as string;
  const pub = raw.subarray(1);
  if (keyId(name, pub).toString('hex') !== m[2]) return false;
  const prefix = `${SIG_PREFIX}${name} `;
  if (!line.startsWith(prefix) || !line.endsWith('\n')) return false;
  const sig = decodeBase64(line.slice(prefix.length, -1));
  if (!sig || sig.length !== 4 + 8 + 64 || !sig.subarray(0, 4).equals(keyId(name, pub))) return false;
  const time = Number(sig.readBigUInt64BE(4));
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]);
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verify(null, message(time, body), publicKey, sig.subarray(12));
}

export type WitnessVerdict =
  | { ok: true; body: string; size: number; root: string }
  | { ok: false; reason: 'bad-signature' | 'key-changed' | 'rollback' | 'fork' | 'proof-base' };

/**
 * What the supervisor desk checks before co-signing a staff desk's checkpoint: the desk's signature (its
 * ledger key, pinned on first sight over the authenticated link), and that the new tree extends the last one
 * it co-signed for that desk: never smaller, never a different root at the same size, a valid RFC 9162
 * consistency proof otherwise.
 */
export function judgeCheckpoint(
  input: { note: string; vkey: string; from: number; proof: string[] },
  last: { size: number; root: string; desk_vkey: string } | undefined,
): WitnessVerdict {
  if (last && last.desk_vkey !== input.vkey) return { ok: false, reason: 'key-changed' };
  const key = parseVerifierKey(input.vkey);
  const check = key ? verifyNote(input.note, [key]) : null;
  if (!key || !check || check.verified.length !== 1 || check.failed.length > 0)
    return { ok: false, reason: 'bad-signature' };
  const cp = parseCheckpointBody(check.body);
  if (!cp) return { ok: false, reason: 'bad-signature' };
  const root = cp.root.toString('base64');
  const ok = { ok: true as const, body: check.body, size: cp.size, root };
  if (!last) return ok;
  if (cp.size < last.size) return { ok: false, reason: 'rollback' };
  if (cp.size === last.size) return root === last.root ? ok : { ok: false, reason: 'fork' };
  if (input.from !== last.size) return { ok: false, reason: 'proof-base' };
  const proof = input.proof.map((p) => decodeBase64(p));
  if (proof.some((p) => p === null)) return { ok: false, reason: 'fork' };
  return verifyConsistency(last.size, cp.size, Buffer.from(last.root, 'base64'), cp.root, proof as Buffer[])
    ? ok
    : { ok: false, reason: 'fork' };
}

export interface CosignatureProblem {
  size: number;
  problem: 'ledger-behind-cosigned' | 'cosigned-checkpoint-missing' | 'bad-cosignature';
}

/**
 * Staff desk: checks every co-signature it holds against its own ledger. A co-signed checkpoint that is gone,
 * or a ledger now smaller than a co-signed size, means the ledger went backwards after being witnessed.
 */
export function verifyHeldCosignatures(
  store: Pick<Store, 'db'>,
  audit: { checkpoints(): Array<{ size: number; root: string; note: string }>; size(): number },
): { cosignatures: number; problems: CosignatureProblem[] } {
  const rows = store.db
    .prepare<[], { size: number; root: string; line: string; witness_vkey: string }>(
      'SELECT size, root, line, witness_vkey FROM lan_cosignatures ORDER BY size',
    )
    .all();
  const own = audit.checkpoints();
  const problems: CosignatureProblem[] = [];
  for (const r of rows) {
    const cp = own.find((c) => c.size === r.size && c.root === r.root);
    if (!cp)
      problems.push({
        size: r.size,
        problem: r.size > audit.size() ? 'ledger-behind-cosigned' : 'cosigned-checkpoint-missing',
      });
    else if (!verifyCosignature(r.line, cp.note.slice(0, cp.note.indexOf('\n\n') + 1), r.witness_vkey))
      problems.push({ size: r.size, problem: 'bad-cosignature' });
  }
  return { cosignatures: rows.length, problems };
}
