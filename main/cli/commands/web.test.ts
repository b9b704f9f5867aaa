import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli, startCli, stopCli } from '../testing';
import { parsePort } from './web';

describe('confidant web', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('parses --port strictly', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    for (const bad of ['-1', '65536', 'http', '80a', '']) expect(() => parsePort(bad)).toThrow(/--port/);
  });

  it('exits 3 without a passphrase and 2 on a bad port, touching nothing', async () => {
    const dataDir = join(root, 'refused');
    const noKey = await runCli(['web', '--data-dir', dataDir], cliEnv({ CONFIDANT_PASSPHRASE: undefined }));
    expect(noKey.code).toBe(3);
    const badPort = await runCli(
      ['web', '--data-dir', dataDir, '--port', 'x'],
      cliEnv({ CONFIDANT_PASSPHRASE: 'p' }),
    );
    expect(badPort.code).toBe(2);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('serves on loopback with a token, and SIGTERM closes the store cleanly', async () => {
    const dataDir = join(root, 'served');
    const { child, match } = await startCli(
      ['web', '--data-dir', dataDir, '--port', '0'],
      cliEnv({ CONFIDANT_PASSPHRASE: 'web-test' }),
      /(http:\/\/127\.0\.0\.1:(\d+))\/#token=([\w-]+)/,
    );
    try {
      const [, origin, , token] = match;
      const anonymous = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'status.get', input: {} }),
      });
      expect(anonymous.status).toBe(401);
      const authed = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'status.get', input: {} }),
      });
      // The launch token opens the sign-in, nothing more; a new store has no account to sign in with.
      expect(await authed.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      const signIn = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'auth.sign_in', input: { name: 'anyone', password: 'whatever it is' } }),
      });
      expect(await signIn.json()).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password.' },
      });
      // ...so the first visit offers to create the admin.
      const setup = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'auth.setup_needed', input: {} }),
      });
      expect(await setup.json()).toEqual({ ok: true, value: { needed: true } });
      expect(existsSync(join(dataDir, 'confidant.db-wal'))).toBe(true);
    } finally {
      expect(await stopCli(child, 'SIGTERM')).toBe(0);
    }
    // SQLite removes the WAL when the last connection closes cleanly: proof that shutdown closed the store.
    expect(existsSync(join(dataDir, 'confidant.db-wal'))).toBe(false);
  });
});
