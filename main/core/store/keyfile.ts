import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import type { MasterKeyProvider, ProtectorRecord } from './master-key';
import { newId, newKey, unwrapKey, wrapKey, type Wrapped } from './wrap';

/**
 * The key file (keys.json) holds no secret in the clear:
 *   master key  <- wrapped by each protector (passphrase/scrypt, OS keychain)
 *   data key    <- wrapped by the master key; encrypts confidant.db (SQLite3MC page cipher)
 *   keyring key <- wrapped by the master key; encrypts keyring.db (subject keys + shred log)
 * `*Next` slots exist only while a page rekey is in flight, so a crash mid-rekey never strands the file.
 */
export const PAGE_CIPHER = 'chacha20';

const wrappedSchema = z.object({ iv: z.string(), ct: z.string(), tag: z.string() });
const slotSchema = z.object({ id: z.string().min(1), wrapped: wrappedSchema });
const protectorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('passphrase'),
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z.number().int(),
      r: z.number().int().min(1).max(64),
      p: z.number().int().min(1).max(16),
      salt: z.string().min(16),
    }),
    wrapped: wrappedSchema,
  }),
  z.object({
    kind: z.literal('os-keychain'),
    backend: z.string(),
    acceptedInsecureBackend: z.boolean(),
    blob: z.string(),
  }),
]);

export const keyFileSchema = z.object({
  format: z.literal('confidant-keys'),
  version: z.literal(1),
  storeId: z.string().min(1),
  cipher: z.literal(PAGE_CIPHER),
  master: z.object({ id: z.string().min(1), protectors: z.array(protectorSchema).min(1) }),
  data: slotSchema,
  dataNext: slotSchema.optional(),
  keyring: slotSchema,
  keyringNext: slotSchema.optional(),
  /** The ledger's latest stored signed checkpoint (see head.ts): a second copy outside the database. */
  ledgerHead: z
    .string()
    .max(16 * 1024)
    .optional(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
export type KeySlotName = 'data' | 'keyring';

export interface KeySlot {
  id: string;
  wrapped: Wrapped;
}

export const masterAad = (kf: Pick<KeyFile, 'storeId'>, masterId: string): string =>
  `confidant/v1/${kf.storeId}/master/${masterId}`;
const slotAad = (kf: Pick<KeyFile, 'storeId'>, slot: KeySlotName, masterId: string, keyId: string): string =>
  `confidant/v1/${kf.storeId}/${slot}/${keyId}/under/${masterId}`;

export function readKeyFile(path: string): KeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UserError('CORRUPT', `Key file ${path} is missing or unreadable.`);
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) throw new UserError('CORRUPT', `Key file ${path} is not a valid Confidant key file.`);
  return parsed.data;
}

/** Atomic replace: write a sibling, fsync it, rename over, fsync the folder. */
export function writeKeyFile(path: string, kf: KeyFile): void {
  const tmp = `${path}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(kf, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    // A full disk must not leave a half-written sibling behind.
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dirname(path));
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory; rename is still atomic there.
  }
}

/** Tries every protector with this provider. Wrong passphrase / other keychain -> KEY_ERROR. */
export function recoverMasterKey(kf: KeyFile, provider: MasterKeyProvider): Buffer {
  const aad = masterAad(kf, kf.master.id);
  for (const record of kf.master.protectors) {
    if (record.kind !== provider.kind) continue;
    const key = provider.recover(record as ProtectorRecord, aad);
    if (key) return key;
  }
  if (!kf.master.protectors.some((p) => p.kind === provider.kind))
    throw new UserError('KEY_ERROR', `This store is not unlocked by ${provider.kind}.`);
  throw new UserError(
    'KEY_ERROR',
    provider.kind === 'passphrase' ? 'Wrong passphrase.' : 'The OS keychain could not unlock this store.',
  );
}

/** Candidate page keys for a slot: the committed one first, then an in-flight rekey target. */
export function slotKeys(
  kf: KeyFile,
  master: Buffer,
  slot: KeySlotName,
): Array<{ id: string; key: Buffer; pending: boolean }> {
  const out: Array<{ id: string; key: Buffer; pending: boolean }> = [];
  const entries: Array<[KeySlot | undefined, boolean]> = [
    [kf[slot], false],
    [slot === 'data' ? kf.dataNext : kf.keyringNext, true],
  ];
  for (const [s, pending] of entries) {
    if (!s) continue;
    out.push({ id: s.id, key: unwrapSlot(kf, kf.master.id, master, slot, s), pending });
  }
  return out;
}

export function unwrapSlot(
  kf: Pick<KeyFile, 'storeId'>,
  masterId: string,
  master: Buffer,
  slot: KeySlotName,
  s: KeySlot,
): Buffer {
  const key = unwrapKey(master, s.wrapped, slotAad(kf, slot, masterId, s.id));
  // The master key authenticated, so a slot that fails to unwrap was tampered with.
  if (!key) throw new UserError('CORRUPT', `Key file ${slot} key is damaged.`);
  return key;
}

export function wrapSlot(
  kf: Pick<KeyFile, 'storeId'>,
  slot: KeySlotName,
  masterId: string,
  master: Buffer,
  key: Buffer,
  id = newId(slot === 'data' ? 'dk' : 'kk'),
): KeySlot {
  return { id, wrapped: wrapKey(master, key, slotAad(kf, slot, masterId, id)) };
}

export interface FreshKeys {
  keyFile: KeyFile;
  master: Buffer;
  dataKey: Buffer;
  keyringKey: Buffer;
}

export function freshKeyFile(provider: MasterKeyProvider): FreshKeys {
  const storeId = newId('store');
  const masterId = newId('mk');
  const master = newKey();
  const dataKey = newKey();
  const keyringKey = newKey();
  const base = { storeId };
  const keyFile: KeyFile = {
    format: 'confidant-keys',
    version: 1,
    storeId,
    cipher: PAGE_CIPHER,
    master: { id: masterId, protectors: [provider.protect(master, masterAad(base, masterId))] },
    data: wrapSlot(base, 'data', masterId, master, dataKey),
    keyring: wrapSlot(base, 'keyring', masterId, master, keyringKey),
  };
  return { keyFile, master, dataKey, keyringKey };
}
