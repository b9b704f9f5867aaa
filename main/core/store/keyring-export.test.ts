import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors';
import { openLedger } from '../audit';
import { erasedSubjects } from '../retention';
import { openStore, restoreBackup, type Store } from './index';
import { readKeyringExport } from './keyring-export';
import { hashTree, tempDir } from '../../test-support';

const PASS = 'store-pass';
const RECOVERY = 'recovery passphrase for tests';
const ALICE = 'subj-canary-alice-7f3a';
const BOB = 'subj-canary-bob-91c2';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
function open(dataDir: string, create = false): Store {
  const s = openStore({ dataDir, passphrase: PASS, create });
  cleanups.unshift(() => s.close());
  return s;
}
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof UserError ? err.code : `not a UserError: ${String(err)}`;
  }
  return 'no error';
}

/** A store with two subjects, each with one sealed field in confidant.db. */
function seeded(dataDir: string): Store {
  const s = open(dataDir, true);
  s.db.exec('CREATE TABLE notes (subject TEXT NOT NULL, body TEXT NOT NULL) STRICT');
  const put = s.db.prepare('INSERT INTO notes (subject, body) VALUES (?, ?)');
  put.run(ALICE, s.cipher.seal(ALICE, 'alice lives at 1 Canary Row'));
  put.run(BOB, s.cipher.seal(BOB, 'bob likes tea'));
  return s;
}
function readNote(s: Store, subject: string): string | null {
  const row = s.db
    .prepare<[string], { body: string }>('SELECT body FROM notes WHERE subject = ?')
    .get(subject);
  if (!row) throw new Error('missing row');
  return s.cipher.open(subject, row.body);
}

/** Backup the source, restore into an empty folder (fresh keyring), open it. */
function restoreElsewhere(src: Store): Store {
  const backupDir = join(dir(), 'backup');
  src.backup(backupDir);
  const target = join(dir(), 'desk');
  const report = restoreBackup({ backupDir, dataDir: target, passphrase: PASS });
  expect(report.keyringKept).toBe(false);
  return open(target);
}

describe('keyring export / import', () => {
  it('round trip: backup + export -> restore into an empty folder + import -> readable again', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring.cfk');
    const info = src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    expect(info).toMatchObject({ storeId: src.storeId, keys: 2, shredRecords: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restored = restoreElsewhere(src);
    expect(restored.storeId).toBe(src.storeId);
    expect(readNote(restored, ALICE)).toBeNull();
    const report = restored.importKeyring(file, {
      recoveryPassphrase: RECOVERY,
      erased: erasedSubjects(restored),
    });
    expect(report).toMatchObject({
      imported: 2,
      skippedShredded: 0,
      skippedErased: 0,
      conflicts: 0,
      alreadyPresent: 0,
    });
    expect(readNote(restored, ALICE)).toBe('alice lives at 1 Canary Row');
    expect(readNote(restored, BOB)).toBe('bob likes tea');
    // Importing again changes nothing.
    expect(
      restored.importKeyring(file, { recoveryPassphrase: RECOVERY, erased: erasedSubjects(restored) }),
    ).toMatchObject({
      imported: 0,
      alreadyPresent: 2,
      conflicts: 0,
    });
  });

  it('no plaintext subject id or key in the file bytes', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring.cfk');
    src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    for (const canary of [ALICE, BOB, 'canary', RECOVERY]) expect(text).not.toContain(canary);
    // Raw keys, in every encoding the payload could leak them in (read back through the verified decrypt).
    const payload = readKeyringExport(file, RECOVERY);
    expect(payload.keys.map((k) => k.subjectId).sort()).toEqual([ALICE, BOB].sort());
    for (const k of payload.keys) {
      const raw = Buffer.from(k.key, 'base64');
      expect(bytes.includes(raw)).toBe(false);
      for (const enc of ['base64', 'hex', 'base64url'] as const)
        expect(text).not.toContain(raw.toString(enc));
      expect(text).not.toContain(k.keyId);
    }
  });

  it('a subject shredded after the export stays unreadable (target shred log)', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring.cfk');
    src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    src.cipher.shred(ALICE, 'request');
    const report = src.importKeyring(file, { recoveryPassphrase: RECOVERY, erased: erasedSubjects(src) });
    expect(report).toMatchObject({ imported: 0, skippedShredded: 1, alreadyPresent: 1, conflicts: 0 });
    expect(readNote(src, ALICE)).toBeNull();
    expect(src.cipher.hasKey(ALICE)).toBe(false);
    expect(readNote(src, BOB)).toBe('bob likes tea');
  });

  it("the export's own shred log travels and blocks the subject on a fresh keyring", () => {
    const src = seeded(join(dir(), 'desk'));
    src.cipher.shred(ALICE, 'request');
    const file = join(dir(), 'keyring.cfk');
    expect(src.exportKeyring(file, { recoveryPassphrase: RECOVERY })).toMatchObject({
      keys: 1,
      shredRecords: 1,
    });
    const restored = restoreElsewhere(src);
    const report = restored.importKeyring(file, {
      recoveryPassphrase: RECOVERY,
      erased: erasedSubjects(restored),
    });
    expect(report).toMatchObject({ imported: 1, shredRecordsMerged: 1, skippedShredded: 0 });
    expect(restored.cipher.isShredded(ALICE)).toBe(true);
    expect(readNote(restored, ALICE)).toBeNull();
    expect(() => restored.cipher.seal(ALICE, 'x')).toThrow(UserError);
    expect(readNote(restored, BOB)).toBe('bob likes tea');
  });

  it('an export taken before an erasure cannot resurrect it on a store whose ledger records the erasure', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring-old.cfk');
    src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    // Erasure after the export: ledger entry + shred (what retention.erase does, minus row deletion).
    const ledger = openLedger(src, { checkpointEvery: 0 });
    ledger.append({
      type: 'subject.erased',
      actor: { kind: 'user', id: 'dpo', role: 'compliance' },
      subject: ALICE,
      payload: { reason: 'request', deletedRows: 0 },
    });
    ledger.close();
    src.cipher.shred(ALICE, 'request');
    // The backup carries the ledger; the fresh keyring has an empty shred log.
    const restored = restoreElsewhere(src);
    expect(restored.cipher.isShredded(ALICE)).toBe(false);
    const report = restored.importKeyring(file, {
      recoveryPassphrase: RECOVERY,
      erased: erasedSubjects(restored),
    });
    expect(report).toMatchObject({ imported: 1, skippedErased: 1, skippedShredded: 0 });
    expect(restored.cipher.hasKey(ALICE)).toBe(false);
    expect(readNote(restored, ALICE)).toBeNull();
    expect(readNote(restored, BOB)).toBe('bob likes tea');
  });

  it('never overwrites a different key; refuses a foreign store unless allowed', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring.cfk');
    src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    const restored = restoreElsewhere(src);
    const fresh = restored.cipher.seal(ALICE, 'new data under a new key');
    const report = restored.importKeyring(file, {
      recoveryPassphrase: RECOVERY,
      erased: erasedSubjects(restored),
    });
    expect(report).toMatchObject({ imported: 1, conflicts: 1 });
    expect(restored.cipher.open(ALICE, fresh)).toBe('new data under a new key');

    const other = open(join(dir(), 'other'), true);
    const before = hashTree(other.dataDir);
    expect(
      codeOf(() =>
        other.importKeyring(file, { recoveryPassphrase: RECOVERY, erased: erasedSubjects(other) }),
      ),
    ).toBe('CONFLICT');
    expect(hashTree(other.dataDir)).toEqual(before);
    expect(
      other.importKeyring(file, {
        recoveryPassphrase: RECOVERY,
        allowForeignStore: true,
        erased: erasedSubjects(other),
      }),
    ).toMatchObject({ imported: 2 });
  });

  it('wrong passphrase, short passphrase, tampered byte, existing file: clear errors, nothing changed', () => {
    const src = seeded(join(dir(), 'desk'));
    const file = join(dir(), 'keyring.cfk');
    expect(codeOf(() => src.exportKeyring(file, { recoveryPassphrase: 'short' }))).toBe('KEY_ERROR');
    src.exportKeyring(file, { recoveryPassphrase: RECOVERY });
    expect(codeOf(() => src.exportKeyring(file, { recoveryPassphrase: RECOVERY }))).toBe('CONFLICT');
    const restored = restoreElsewhere(src);
    const before = hashTree(restored.dataDir);
    expect(
      codeOf(() =>
        restored.importKeyring(file, {
          recoveryPassphrase: 'wrong passphrase!!',
          erased: erasedSubjects(restored),
        }),
      ),
    ).toBe('KEY_ERROR');
    const good = readFileSync(file);
    const positions = [0, 20, Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 40];
    for (const at of positions) {
      const bad = Buffer.from(good);
      bad[at] = bad[at] === 0x41 ? 0x42 : 0x41;
      const badFile = join(dir(), `bad-${at}.cfk`);
      writeFileSync(badFile, bad);
      expect(
        codeOf(() =>
          restored.importKeyring(badFile, { recoveryPassphrase: RECOVERY, erased: erasedSubjects(restored) }),
        ),
      ).toBe('CORRUPT');
    }
    expect(
      codeOf(() =>
        restored.importKeyring(join(dir(), 'none.cfk'), { recoveryPassphrase: RECOVERY, erased: new Set() }),
      ),
    ).toBe('NOT_FOUND');
    // An edited header with a recomputed checksum fails authentication (store id and time are the AAD).
    const outer = JSON.parse(good.toString('utf8')) as { sha256: string; body: string };
    const body = JSON.parse(outer.body) as { createdAt: string };
    body.createdAt = new Date(0).toISOString();
    const edited = JSON.stringify(body);
    const editedFile = join(dir(), 'edited.cfk');
    writeFileSync(
      editedFile,
      JSON.stringify({ sha256: createHash('sha256').update(edited).digest('hex'), body: edited }),
    );
    expect(
      codeOf(() =>
        restored.importKeyring(editedFile, {
          recoveryPassphrase: RECOVERY,
          erased: erasedSubjects(restored),
        }),
      ),
    ).toBe('KEY_ERROR');
    expect(hashTree(restored.dataDir)).toEqual(before);
    expect(readNote(restored, ALICE)).toBeNull();
  });
});
