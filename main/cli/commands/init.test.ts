import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store';
import { openUserDirectory } from '../../core/users';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli } from '../testing';

const PASS = 'init-test-passphrase';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    out[name] = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex');
  }
  return out;
}

describe('confidant init (real process)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a missing passphrase with exit 3 and writes nothing', async () => {
    const dataDir = join(root, 'nopass');
    const res = await runCli(
      ['init', '--data-dir', dataDir, '--json'],
      cliEnv({ CONFIDANT_PASSPHRASE: undefined }),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('CONFIDANT_PASSPHRASE');
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: { code: 'KEY_ERROR' } });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a bad admin name with exit 2 before creating anything', async () => {
    const dataDir = join(root, 'badname');
    const res = await runCli(
      ['init', '--data-dir', dataDir, '--role-admin', '<script>'],
      cliEnv({ CONFIDANT_PASSPHRASE: PASS }),
    );
    expect(res.code).toBe(2);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an admin without a password (no CONFIDANT_USER_PASSWORD, no terminal) with exit 3, writing nothing', async () => {
    const dataDir = join(root, 'nopassword');
    const res = await runCli(
      ['init', '--data-dir', dataDir, '--role-admin', 'Ada Admin'],
      cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_USER_PASSWORD: undefined }),
    );
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('CONFIDANT_USER_PASSWORD');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('creates an encrypted store and an admin, then is an idempotent no-op; a wrong key changes nothing', async () => {
    const dataDir = join(root, 'desk');
    const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS });
    const first = await runCli(['init', '--data-dir', dataDir, '--role-admin', 'Ada Admin', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ dataDir, created: true, admin: { name: 'Ada Admin', created: true } });
    expect(report.schemaVersion).toBeGreaterThanOrEqual(11);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);

    const again = await runCli(['init', '--data-dir', dataDir, '--role-admin', 'Ada Admin'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already exists');
    expect(again.stdout).toContain('no-op');

    const before = snapshot(dataDir);
    const wrong = await runCli(['init', '--data-dir', dataDir], cliEnv({ CONFIDANT_PASSPHRASE: 'not-it' }));
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(snapshot(dataDir)).toEqual(before);

    const store = openStore({ dataDir, passphrase: PASS });
    try {
      const users = openUserDirectory(store).list();
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({ name: 'Ada Admin', role: 'admin', hasPassword: true });
      expect(readFileSync(store.dbPath).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    } finally {
      store.close();
    }
  });
});
