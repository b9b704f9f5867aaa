import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLI_TEST_TIMEOUT_MS,
  cliEnv,
  runCli,
  runCliInProcess,
  startCli,
  stopCli,
  TEST_USER_PASSWORD,
} from '../testing';

const PASS = 'web-lan-test-passphrase';
const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_LAN_ANNOUNCE: '0' });
const inEnv = { CONFIDANT_PASSPHRASE: PASS };
const READY = /^(\{.*\})\n/;
type WebHello = { url: string; lan: { deviceId: string; role: string; port: number } | null };

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('confidant web runs the LAN endpoint', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-web-lan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('off by default on an unpaired desk, on with --lan on, and by default once paired; stops cleanly', async () => {
    const supDir = join(root, 'sup');
    const staffDir = join(root, 'staff');
    for (const [dir, admin] of [
      [supDir, 'Boss'],
      [staffDir, 'Ada'],
    ] as const)
      expect((await runCliInProcess(['init', '--data-dir', dir, '--role-admin', admin], inEnv)).code).toBe(0);
    const addAgent = await runCliInProcess(
      ['users', 'add', 'Alex', '--role', 'agent', '--data-dir', staffDir, '--as', 'Ada'],
      { ...inEnv, CONFIDANT_NEW_PASSWORD: TEST_USER_PASSWORD },
    );
    expect(addAgent.code).toBe(0);
    const web = (dir: string, extra: string[] = []) =>
      startCli(
        [
          'web',
          '--data-dir',
          dir,
          '--port',
          '0',
          '--lan-port',
          '0',
          '--lan-bind',
          '127.0.0.1',
          '--json',
          ...extra,
        ],
        env,
        READY,
      );

    const unpaired = await web(staffDir);
    expect((JSON.parse(unpaired.match[1] as string) as WebHello).lan).toBeNull();
    expect(await stopCli(unpaired.child)).toBe(0);

    const sup = await web(supDir, ['--lan', 'on']);
    let staff: Awaited<ReturnType<typeof web>> | null = null;
    try {
      const supLan = (JSON.parse(sup.match[1] as string) as WebHello).lan!;
      expect(supLan.port).toBeGreaterThan(0);
      const invite = await runCliInProcess(
        ['lan', 'invite', '--data-dir', supDir, '--as', 'Boss', '--json'],
        inEnv,
      );
      const { code } = JSON.parse(invite.stdout) as { code: string };
      const peer = `127.0.0.1:${supLan.port}`;
      const joined = await runCliInProcess(
        ['lan', 'join', '--data-dir', staffDir, '--peer', peer, '--code', code, '--as', 'Ada'],
        inEnv,
      );
      expect(joined.code).toBe(0);
      const turn = await runCli(
        [
          'turn',
          '--data-dir',
          staffDir,
          '--conversation',
          'web-lan-1',
          '--domain',
          'bank',
          '--as',
          'Alex',
          '--json',
        ],
        env,
        'My card 4111 1111 1111 1111 was stolen!!! I want a human NOW\n',
      );
      expect(turn.stderr).not.toContain('4111');
      expect(turn.code).toBe(0);

      // Paired now: no flag needed, the staff desk's browser mode dials its supervisor desk.
      staff = await web(staffDir);
      const staffLan = (JSON.parse(staff.match[1] as string) as WebHello).lan!;
      expect(staffLan.role).toBe('staff');
      const listed = await until('the escalation in the supervisor queue', async () => {
        const r = await runCliInProcess(
          ['escalations', 'list', '--data-dir', supDir, '--as', 'Boss', '--json'],
          inEnv,
        );
        const e = (JSON.parse(r.stdout) as { escalations: Array<{ conversationId: string; desk: string }> })
          .escalations;
        return e.length === 1 ? e[0]! : null;
      });
      expect(listed).toMatchObject({ conversationId: 'web-lan-1', desk: staffLan.deviceId });
    } finally {
      if (staff) expect(await stopCli(staff.child)).toBe(0);
      expect(await stopCli(sup.child)).toBe(0);
    }
    expect(sup.output().stderr).not.toContain('4111');
  });
});
