import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, runCliInProcess } from '../testing';
import { openStore, restoreBackup } from '../../core/store';

const PASS = 'cli-keyring-passphrase';
const RECOVERY = 'a long recovery passphrase';
const SUBJECT = 'subj-canary-cli-5e1d';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
const dataDir = join(root, 'desk');
const restoredDir = join(root, 'restored');
let sealed = '';
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The real dispatcher in-process (a spawned CLI costs seconds per call on this machine). */
const cli = runCliInProcess;
const both = { CONFIDANT_PASSPHRASE: PASS, CONFIDANT_RECOVERY_PASSPHRASE: RECOVERY };

beforeAll(async () => {
  const store = openStore({ dataDir, passphrase: PASS, create: true });
  sealed = store.cipher.seal(SUBJECT, 'a sealed customer field');
  await addTestUser(store, 'Ada Admin', 'admin');
  await addTestUser(store, 'Sam Agent', 'agent');
  store.backup(join(root, 'backup'));
  store.close();
  restoreBackup({ backupDir: join(root, 'backup'), dataDir: restoredDir, passphrase: PASS });
});

describe('confidant keyring export / import', () => {
  it('export then import into a restored store makes sealed fields readable; audited', async () => {
    const out = join(root, 'keyring.cfk');
    const exp = await cli(
      ['keyring', 'export', '--as', 'Ada Admin', '--data-dir', dataDir, '--out', out, '--json'],
      both,
    );
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ file: out, keys: 1, shredRecords: 0 });
    expect(readFileSync(out).toString('latin1')).not.toContain(SUBJECT);

    const imp = await cli(
      ['keyring', 'import', '--as', 'Ada Admin', out, '--data-dir', restoredDir, '--json'],
      both,
    );
    expect(imp.code, imp.stderr).toBe(0);
    const report = JSON.parse(imp.stdout);
    expect(report).toMatchObject({ imported: 1, skippedShredded: 0, skippedErased: 0, conflicts: 0 });
    expect(typeof report.auditSeq).toBe('number');
    expect(imp.stdout).not.toContain(SUBJECT);

    const store = openStore({ dataDir: restoredDir, passphrase: PASS });
    try {
      expect(store.cipher.open(SUBJECT, sealed)).toBe('a sealed customer field');
      const entry = store.db
        .prepare<[], { type: string; subject: string | null }>(
          'SELECT type, subject FROM audit_entries ORDER BY seq DESC LIMIT 1',
        )
        .get();
      expect(entry).toEqual({ type: 'keyring.imported', subject: null });
    } finally {
      store.close();
    }
  });

  it('exit codes: missing recovery passphrase 3, wrong passphrase 3, bad file 4, usage 2', async () => {
    const out = join(root, 'second.cfk');
    const noRecovery = await cli(
      ['keyring', 'export', '--as', 'Ada Admin', '--data-dir', dataDir, '--out', out],
      {
        CONFIDANT_PASSPHRASE: PASS,
      },
    );
    expect(noRecovery.code).toBe(3);
    expect(noRecovery.stderr).toContain('CONFIDANT_RECOVERY_PASSPHRASE');
    expect((await cli(['keyring', 'export', '--as', 'Ada Admin', '--data-dir', dataDir], both)).code).toBe(2);
    expect(
      (await cli(['keyring', 'import', '--as', 'Ada Admin', '--data-dir', restoredDir], both)).code,
    ).toBe(2);
    expect(
      (await cli(['keyring', 'export', '--as', 'Ada Admin', '--data-dir', dataDir, '--out', out], both)).code,
    ).toBe(0);
    expect(
      (
        await cli(['keyring', 'import', '--as', 'Ada Admin', out, '--data-dir', restoredDir], {
          CONFIDANT_PASSPHRASE: PASS,
        })
      ).code,
    ).toBe(3);
    expect(
      (
        await cli(['keyring', 'import', '--as', 'Ada Admin', out, '--data-dir', restoredDir], {
          ...both,
          CONFIDANT_RECOVERY_PASSPHRASE: 'the wrong recovery passphrase',
        })
      ).code,
    ).toBe(3);
    const bad = join(root, 'bad.cfk');
    writeFileSync(bad, 'not a keyring export');
    expect(
      (await cli(['keyring', 'import', '--as', 'Ada Admin', bad, '--data-dir', restoredDir], both)).code,
    ).toBe(4);
  });

  it('only an enabled admin named with --as may export or import; the refusal writes nothing', async () => {
    const out = join(root, 'third.cfk');
    expect((await cli(['keyring', 'export', '--data-dir', dataDir, '--out', out], both)).code).toBe(2);
    const agent = await cli(
      ['keyring', 'export', '--as', 'Sam Agent', '--data-dir', dataDir, '--out', out],
      both,
    );
    expect(agent.code).not.toBe(0);
    expect(agent.stderr).toContain('Only admin may export the keyring');
    expect(() => readFileSync(out)).toThrow();
  });
});
