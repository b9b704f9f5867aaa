import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, runCliInProcess } from '../testing';
import { openLedger } from '../../core/audit';
import { openStore } from '../../core/store';

const PASS = 'cli-audit-passphrase';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
const dataDir = join(root, 'desk');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The real dispatcher in-process (a spawned CLI costs seconds per call on this machine). */
const cli = (args: string[], env: Record<string, string | undefined> = { CONFIDANT_PASSPHRASE: PASS }) =>
  runCliInProcess(args, env);

beforeAll(async () => {
  const store = openStore({ dataDir, passphrase: PASS, create: true });
  await addTestUser(store, 'Cora Compliance', 'compliance');
  await addTestUser(store, 'Sam Agent', 'agent');
  const ledger = openLedger(store, { checkpointEvery: 5 });
  for (let i = 0; i < 12; i++)
    ledger.append({
      type: 'reply.delivered',
      actor: { kind: 'agent', id: 'dm', role: 'dialogue_manager' },
      subject: i < 6 ? 'case-1' : 'case-2',
      payload: { turn: i },
      pii: { quote: 'Hello, I am Philomena Canary-Testcase' },
    });
  ledger.close();
  store.close();
});

describe('confidant audit / bundle commands', () => {
  it('audit verify: exit 0 with the exact JSON shape; missing or wrong passphrase exits 3', async () => {
    const ok = await cli(['audit', 'verify', '--data-dir', dataDir, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, entries: 12, checkpoints: 3, firstBad: null });
    expect((await cli(['audit', 'verify', '--data-dir', dataDir], {})).code).toBe(3);
    expect(
      (await cli(['audit', 'verify', '--data-dir', dataDir], { CONFIDANT_PASSPHRASE: 'nope' })).code,
    ).toBe(3);
    expect((await cli(['audit', 'verify', '--data-dir', join(root, 'none')])).code).toBe(4);
  });

  it('audit export + bundle verify: valid, wrong key, corrupt, unreadable', async () => {
    const out = join(root, 'case-1.tar');
    expect((await cli(['audit', 'export', '--data-dir', dataDir, '--include-pii', '--out', out])).code).toBe(
      2,
    );
    expect((await cli(['audit', 'export', '--data-dir', dataDir])).code).toBe(2);
    // The export is an officer's act: no --as is a usage error, an agent or a wrong password exit 3.
    expect((await cli(['audit', 'export', '--data-dir', dataDir, '--out', out])).code).toBe(2);
    expect(
      (await cli(['audit', 'export', '--data-dir', dataDir, '--out', out, '--as', 'Sam Agent'])).code,
    ).toBe(3);
    const wrong = await cli(
      ['audit', 'export', '--data-dir', dataDir, '--out', out, '--as', 'Cora Compliance'],
      {
        CONFIDANT_PASSPHRASE: PASS,
        CONFIDANT_USER_PASSWORD: 'not the password',
      },
    );
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    const exp = await cli([
      'audit',
      'export',
      '--data-dir',
      dataDir,
      '--as',
      'Cora Compliance',
      '--out',
      out,
      '--case',
      'case-1',
      '--json',
    ]);
    expect(exp.code, exp.stderr).toBe(0);
    const summary = JSON.parse(exp.stdout);
    // 12 seeded + the agent's sign-in and denial, the wrong password, the officer's sign-in, the export.
    expect(summary).toMatchObject({ out, entries: 7, treeSize: 17, piiRevealed: 0, consistencyFrom: null });
    expect(exp.stdout).not.toContain('Philomena');

    const good = await cli(['bundle', 'verify', out, '--json'], {});
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, entries: 7, anchor: 'none', problems: [] });

    const stranger = join(root, 'stranger.vkey');
    writeFileSync(stranger, 'someone-else+3e6c3b8d+AcBfRLJRUXuGq8GyxSYY8i1a9fhzUB6xg8A+jKx2x7yH\n');
    const keyCheck = await cli(['bundle', 'verify', out, '--trusted-key', stranger, '--json'], {});
    expect([1, 4]).toContain(keyCheck.code);
    expect(JSON.parse(keyCheck.stdout).ok).toBe(false);

    const garbage = join(root, 'garbage.tar');
    writeFileSync(garbage, Buffer.alloc(1024, 0x41));
    const bad = await cli(['bundle', 'verify', garbage, '--json'], {});
    expect(bad.code).toBe(4);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, entries: 0 });
    expect((await cli(['bundle', 'verify', join(root, 'missing.tar')], {})).code).toBe(4);
    expect((await cli(['bundle', 'verify'], {})).code).toBe(2);
  });

  it('audit verify reports a tampered ledger with exit 1, the first bad seq and the kind', async () => {
    const store = openStore({ dataDir, passphrase: PASS });
    store.db.exec('DROP TRIGGER audit_entries_no_delete');
    store.db.prepare('DELETE FROM audit_entries WHERE seq = 4').run();
    store.close();
    const res = await cli(['audit', 'verify', '--data-dir', dataDir, '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toEqual({
      ok: false,
      entries: 16,
      checkpoints: 6,
      firstBad: { seq: 4, problem: 'deleted_entry' },
    });
    const human = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(human.stdout).toContain('first bad entry 4 (deleted_entry)');
  });
});
