import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BugError, UserError } from '../../../shared/errors';
import type { Database } from './db';
import { fsyncDir } from './keyfile';
import { passphraseProvider } from './master-key';
import { newKey, unwrapKey, wrapKey } from './wrap';

/**
 * Keyring export for disaster recovery (docs/STORE.md, "Keyring export for disaster recovery").
 *
 * File = JSON `{ sha256, body }`; `body` is the JSON text of the header plus the sealed payload, and
 * `sha256` its digest (accidental damage is CORRUPT, told apart from a wrong passphrase). The payload
 * (live subject keys and the shred log) is sealed with AES-256-GCM (`wrapKey`) under a random file key;
 * the file key is wrapped by a scrypt-derived key from the recovery passphrase (`passphraseProvider`,
 * the same KDF and parameters as the master key). Format, version, store id and creation time are the
 * AAD of both, so an edited header fails authentication.
 */
export const KEYRING_EXPORT_FORMAT = 'confidant-keyring-export';
export const RECOVERY_PASSPHRASE_MIN_LENGTH = 12;

const wrappedSchema = z.object({ iv: z.string(), ct: z.string(), tag: z.string() });
const bodySchema = z.object({
  format: z.literal(KEYRING_EXPORT_FORMAT),
  version: z.literal(1),
  storeId: z.string().min(1),
  createdAt: z.string().min(1),
  protector: z.object({
    kind: z.literal('passphrase'),
    kdf: z.object({
      name: z.literal('scrypt'),
      // Bounded: a crafted file must not make the import allocate gigabytes for scrypt.
      N: z
        .number()
        .int()
        .min(2 ** 14)
        .max(2 ** 20),
      r: z.number().int().min(1).max(64),
      p: z.number().int().min(1).max(16),
      salt: z.string().min(16),
    }),
    wrapped: wrappedSchema,
  }),
  payload: wrappedSchema,
});
const fileSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), body: z.string() });
const payloadSchema = z.object({
  storeId: z.string().min(1),
  createdAt: z.string().min(1),
  keys: z.array(
    z.object({
      subjectId: z.string().min(1).max(200),
      keyId: z.string().regex(/^sk-[0-9a-f]{16}$/),
      key: z.string(),
      createdAt: z.number().int(),
    }),
  ),
  shredLog: z.array(
    z.object({
      subjectId: z.string().min(1).max(200),
      keyId: z.string().nullable(),
      shreddedAt: z.number().int(),
      reason: z.string(),
    }),
  ),
});
type Payload = z.infer<typeof payloadSchema>;

const aadFor = (storeId: string, createdAt: string): string =>
  `${KEYRING_EXPORT_FORMAT}/v1/${storeId}/${createdAt}`;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function checkPassphrase(passphrase: string | undefined): string {
  if (!passphrase)
    throw new UserError('KEY_ERROR', 'No recovery passphrase: set CONFIDANT_RECOVERY_PASSPHRASE.');
  if ([...passphrase].length < RECOVERY_PASSPHRASE_MIN_LENGTH)
    throw new UserError(
      'KEY_ERROR',
      `The recovery passphrase must have at least ${RECOVERY_PASSPHRASE_MIN_LENGTH} characters.`,
    );
  return passphrase;
}

export interface KeyringExportOptions {
  recoveryPassphrase: string;
}

export interface KeyringExportInfo {
  file: string;
  storeId: string;
  createdAt: string;
  /** Live subject keys written. */
  keys: number;
  /** Shred-log records written. */
  shredRecords: number;
}

/** Writes the export atomically (temp file 0600, fsync, rename, fsync folder). Refuses to overwrite. */
export function exportKeyringFile(
  keyringDb: Database,
  storeId: string,
  file: string,
  options: KeyringExportOptions,
): KeyringExportInfo {
  const passphrase = checkPassphrase(options.recoveryPassphrase);
  if (existsSync(file)) throw new UserError('CONFLICT', `${file} already exists; choose a new file.`);
  const createdAt = new Date().toISOString();
  // One read transaction: keys and shred log are a consistent snapshot.
  const payload: Payload = keyringDb.transaction(() => ({
    storeId,
    createdAt,
    keys: keyringDb
      .prepare<[], { subject_id: string; key_id: string; key: Buffer; created_at: number }>(
        'SELECT subject_id, key_id, key, created_at FROM subject_keys ORDER BY subject_id',
      )
      .all()
      .map((r) => ({
        subjectId: r.subject_id,
        keyId: r.key_id,
        key: r.key.toString('base64'),
        createdAt: r.created_at,
      })),
    shredLog: keyringDb
      .prepare<[], { subject_id: string; key_id: string | null; shredded_at: number; reason: string }>(
        'SELECT subject_id, key_id, shredded_at, reason FROM shred_log ORDER BY subject_id',
      )
      .all()
      .map((r) => ({
        subjectId: r.subject_id,
        keyId: r.key_id,
        shreddedAt: r.shredded_at,
        reason: r.reason,
      })),
  }))();
  const aad = aadFor(storeId, createdAt);
  const fileKey = newKey();
  const protector = passphraseProvider(passphrase).protect(fileKey, aad);
  if (protector.kind !== 'passphrase') throw new BugError('unexpected protector kind');
  const plain = Buffer.from(JSON.stringify(payload), 'utf8');
  const sealed = wrapKey(fileKey, plain, aad);
  plain.fill(0);
  fileKey.fill(0);
  const body = JSON.stringify({
    format: KEYRING_EXPORT_FORMAT,
    version: 1,
    storeId,
    createdAt,
    protector,
    payload: sealed,
  } satisfies z.infer<typeof bodySchema>);
  const text = `${JSON.stringify({ sha256: sha256(body), body })}\n`;

  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (err) {
    throw new UserError(
      'NOT_FOUND',
      `Cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dirname(file));
  return { file, storeId, createdAt, keys: payload.keys.length, shredRecords: payload.shredLog.length };
}

export interface KeyringImportOptions {
  recoveryPassphrase: string;
  /**
   * An export from another store id is refused (CONFLICT) unless this is true. A data restore keeps the
   * store id, so disaster recovery never needs it; it exists for a deliberate migration between stores.
   */
  allowForeignStore?: boolean;
  /**
   * Subjects the target's own data records as erased (its ledger's `subject.erased` entries, retention
   * tombstones): their keys are never imported, so an export taken before an erasure cannot undo it. The
   * store owns neither table; the caller reads them through their owners (`erasedSubjects` in retention).
   */
  erased: ReadonlySet<string>;
}

export interface KeyringImportReport {
  storeId: string;
  exportCreatedAt: string;
  /** Keys added to the target keyring. */
  imported: number;
  /** Identical key already present (a repeated import is a no-op). */
  alreadyPresent: number;
  /** Subject shredded in the target's shred log or in the export's own shred log. */
  skippedShredded: number;
  /** Subject with an erasure recorded in the target's audit ledger or retention tombstones. */
  skippedErased: number;
  /** Target holds a different key for the subject (kept), or a key id clash; nothing overwritten. */
  conflicts: number;
  /** Export shred-log records added to the target's shred log (subjects without a live key there). */
  shredRecordsMerged: number;
}

/** Verifies and decrypts an export. Wrong passphrase: KEY_ERROR; damaged or edited file: CORRUPT. */
export function readKeyringExport(file: string, recoveryPassphrase: string): Payload & { storeId: string } {
  const passphrase = checkPassphrase(recoveryPassphrase);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(
      'NOT_FOUND',
      `Cannot read keyring export ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const corrupt = (): UserError =>
    new UserError('CORRUPT', `${file} is not a valid Confidant keyring export (damaged or altered).`);
  let outer: z.infer<typeof fileSchema>;
  let body: z.infer<typeof bodySchema>;
  try {
    outer = fileSchema.parse(JSON.parse(text));
    if (sha256(outer.body) !== outer.sha256) throw corrupt();
    body = bodySchema.parse(JSON.parse(outer.body));
  } catch {
    throw corrupt();
  }
  const aad = aadFor(body.storeId, body.createdAt);
  // A body edited with a recomputed checksum also lands here: GCM cannot tell it from a wrong passphrase.
  const fileKey = passphraseProvider(passphrase).recover(body.protector, aad);
  if (!fileKey || fileKey.length !== 32)
    throw new UserError('KEY_ERROR', 'Wrong recovery passphrase (or the export was altered).');
  const plain = unwrapKey(fileKey, body.payload, aad);
  fileKey.fill(0);
  if (!plain) throw corrupt();
  let payload: Payload;
  try {
    payload = payloadSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw corrupt();
  } finally {
    plain.fill(0);
  }
  if (payload.storeId !== body.storeId || payload.createdAt !== body.createdAt) throw corrupt();
  for (const k of payload.keys) if (Buffer.from(k.key, 'base64').length !== 32) throw corrupt();
  return payload;
}

/**
 * Imports an export into an open store's keyring, in one keyring transaction (all or nothing). A key is
 * never imported for a subject shredded in the target or in the export, or erased per the target's
 * ledger/retention records; an existing different key is never overwritten.
 */
export function importKeyringFile(
  target: { db: Database; keyringDb: Database; storeId: string },
  file: string,
  options: KeyringImportOptions,
): KeyringImportReport {
  const payload = readKeyringExport(file, options.recoveryPassphrase);
  if (payload.storeId !== target.storeId && options.allowForeignStore !== true)
    throw new UserError(
      'CONFLICT',
      'This keyring export belongs to another store; importing it needs an explicit override.',
    );
  const erased = options.erased;
  const exportShredded = new Set(payload.shredLog.map((r) => r.subjectId));
  const kr = target.keyringDb;
  const getKey = kr.prepare<[string], { key_id: string; key: Buffer }>(
    'SELECT key_id, key FROM subject_keys WHERE subject_id = ?',
  );
  const keyIdTaken = kr.prepare<[string], { subject_id: string }>(
    'SELECT subject_id FROM subject_keys WHERE key_id = ?',
  );
  const isShred = kr.prepare<[string], { subject_id: string }>(
    'SELECT subject_id FROM shred_log WHERE subject_id = ?',
  );
  const putKey = kr.prepare<[string, string, Buffer, number]>(
    'INSERT INTO subject_keys (subject_id, key_id, key, created_at) VALUES (?, ?, ?, ?)',
  );
  const putShred = kr.prepare<[string, string | null, number, string]>(
    'INSERT OR IGNORE INTO shred_log (subject_id, key_id, shredded_at, reason) VALUES (?, ?, ?, ?)',
  );
  // A pooled key (keyring row `pool:<key id>`) belongs to the subject the data database binds it to, and a
  // shred records its key id: a key shredded under any name is never brought back.
  const shreddedKeyIds = new Set(
    kr.prepare<[], string>('SELECT key_id FROM shred_log WHERE key_id IS NOT NULL').pluck().all(),
  );
  for (const r of payload.shredLog) if (r.keyId) shreddedKeyIds.add(r.keyId);
  const hasBindings =
    target.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'subject_key_bindings'")
      .get() !== undefined;
  const boundTo = hasBindings
    ? target.db
        .prepare<[string], string>('SELECT subject_id FROM subject_key_bindings WHERE key_id = ?')
        .pluck()
    : null;
  const subjectOf = (k: { subjectId: string; keyId: string }) =>
    k.subjectId.startsWith('pool:') ? (boundTo?.get(k.keyId) ?? k.subjectId) : k.subjectId;
  const report: KeyringImportReport = {
    storeId: payload.storeId,
    exportCreatedAt: payload.createdAt,
    imported: 0,
    alreadyPresent: 0,
    skippedShredded: 0,
    skippedErased: 0,
    conflicts: 0,
    shredRecordsMerged: 0,
  };
  kr.transaction(() => {
    for (const rec of payload.shredLog) {
      if (isShred.get(rec.subjectId)) continue;
      // A live key in the target for a subject the export says was erased: kept, reported as a conflict.
      if (getKey.get(rec.subjectId)) {
        report.conflicts++;
        continue;
      }
      putShred.run(rec.subjectId, rec.keyId, rec.shreddedAt, rec.reason);
      report.shredRecordsMerged++;
    }
    for (const k of payload.keys) {
      const subject = subjectOf(k);
      if (exportShredded.has(subject) || isShred.get(subject) || shreddedKeyIds.has(k.keyId)) {
        report.skippedShredded++;
        continue;
      }
      if (erased.has(subject)) {
        report.skippedErased++;
        continue;
      }
      const key = Buffer.from(k.key, 'base64');
      const existing = getKey.get(k.subjectId);
      if (existing) {
        if (existing.key_id === k.keyId && existing.key.equals(key)) report.alreadyPresent++;
        else report.conflicts++;
        continue;
      }
      if (keyIdTaken.get(k.keyId)) {
        report.conflicts++;
        continue;
      }
      putKey.run(k.subjectId, k.keyId, key, k.createdAt);
      report.imported++;
    }
  })();
  if (report.shredRecordsMerged > 0) kr.pragma('wal_checkpoint(TRUNCATE)');
  return report;
}
