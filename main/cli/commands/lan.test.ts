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

const PASS = 'lan-test-passphrase';
const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_LAN_ANNOUNCE: '0' });
const inEnv = { CONFIDANT_PASSPHRASE: PASS };

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const json = <T>(r: { stdout: string }) => JSON.parse(r.stdout) as T;

describe('two desks as two real processes on 127.0.0.1', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-lan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('pairs, escalates on the staff desk, and every supervisor action arrives back on it', async () => {
    const supDir = join(root, 'sup');
    const staffDir = join(root, 'staff');
    expect((await runCliInProcess(['init', '--data-dir', supDir, '--role-admin', 'Boss'], inEnv)).code).toBe(
      0,
    );
    expect((await runCliInProcess(['init', '--data-dir', staffDir, '--role-admin', 'Ada'], inEnv)).code).toBe(
      0,
    );
    const addAgent = await runCliInProcess(
      ['users', 'add', 'Alex', '--role', 'agent', '--data-dir', staffDir, '--as', 'Ada'],
      { ...inEnv, CONFIDANT_NEW_PASSWORD: TEST_USER_PASSWORD },
    );
    expect(addAgent.code).toBe(0);

    const sup = await startCli(
      ['lan', 'serve', '--data-dir', supDir, '--port', '0', '--bind', '127.0.0.1', '--json'],
      env,
      /^(\{.*\})\n/,
    );
    let staff: Awaited<ReturnType<typeof startCli>> | null = null;
    try {
      const supHello = JSON.parse(sup.match[1] as string) as { deviceId: string; role: string; port: number };
      expect(Object.keys(supHello)).toEqual(['deviceId', 'role', 'port']);
      expect(supHello.deviceId).toMatch(/^[0-9a-f]{64}$/);

      const invite = await runCliInProcess(
        ['lan', 'invite', '--data-dir', supDir, '--as', 'Boss', '--json'],
        inEnv,
      );
      expect(invite.code).toBe(0);
      const { code, expires } = json<{ code: string; expires: string }>(invite);
      expect(code.replace('-', '').length).toBeGreaterThanOrEqual(6);
      expect(Date.parse(expires)).toBeGreaterThan(Date.now());

      const peer = `127.0.0.1:${supHello.port}`;
      const wrong = await runCliInProcess(
        ['lan', 'join', '--data-dir', staffDir, '--peer', peer, '--code', 'ZZZZ-ZZZZ', '--as', 'Ada'],
        inEnv,
      );
      expect(wrong.code).toBe(3);
      expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
      const badPassword = await runCliInProcess(['lan', 'invite', '--data-dir', supDir, '--as', 'Boss'], {
        ...inEnv,
        CONFIDANT_USER_PASSWORD: 'not the password',
      });
      expect(badPassword.code).toBe(3);
      const join1 = await runCliInProcess(
        ['lan', 'join', '--data-dir', staffDir, '--peer', peer, '--code', code, '--as', 'Ada', '--json'],
        inEnv,
      );
      expect(join1.code).toBe(0);
      expect(json(join1)).toEqual({
        peer: { deviceId: supHello.deviceId, role: 'supervisor', fingerprint: supHello.deviceId },
      });
      const reused = await runCliInProcess(
        ['lan', 'join', '--data-dir', staffDir, '--peer', peer, '--code', code, '--as', 'Ada'],
        inEnv,
      );
      expect(reused.code).toBe(3);

      // The escalating turn runs with no staff endpoint: its event waits in the outbox.
      const turn = await runCli(
        [
          'turn',
          '--data-dir',
          staffDir,
          '--conversation',
          'lan-conv-1',
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
      expect(json<{ escalated: boolean }>(turn).escalated).toBe(true);
      const peers = json<{ peers: Array<Record<string, unknown>> }>(
        await runCliInProcess(['lan', 'peers', '--data-dir', staffDir, '--json'], inEnv),
      );
      expect(peers.peers).toEqual([
        expect.objectContaining({
          deviceId: supHello.deviceId,
          role: 'supervisor',
          fingerprint: supHello.deviceId,
          outbox: 1,
        }),
      ]);

      staff = await startCli(
        ['lan', 'serve', '--data-dir', staffDir, '--port', '0', '--bind', '127.0.0.1', '--json'],
        env,
        /^(\{.*\})\n/,
      );
      const staffHello = JSON.parse(staff.match[1] as string) as { deviceId: string; role: string };
      expect(staffHello.role).toBe('staff');

      type Listed = {
        escalations: Array<{
          id: string;
          conversationId: string;
          desk: string;
          state: string;
          claimedBy: string | null;
          dueAt: string;
          openedAt: string;
        }>;
      };
      const listed = await until('the escalation on the supervisor desk', async () => {
        const r = json<Listed>(
          await runCliInProcess(
            ['escalations', 'list', '--data-dir', supDir, '--as', 'Boss', '--json'],
            inEnv,
          ),
        );
        return r.escalations.length === 1 ? r.escalations[0]! : null;
      });
      expect(listed).toMatchObject({
        conversationId: 'lan-conv-1',
        desk: staffHello.deviceId,
        state: 'open',
        claimedBy: null,
      });
      const staffList = json<Listed>(
        await runCliInProcess(
          ['escalations', 'list', '--data-dir', staffDir, '--as', 'Ada', '--json'],
          inEnv,
        ),
      );
      expect(staffList.escalations.map((e) => e.id)).toEqual([listed.id]);

      const act = (args: string[]) =>
        runCliInProcess(['escalations', ...args, '--data-dir', supDir, '--as', 'Boss', '--json'], inEnv);
      expect((await act(['claim', listed.id])).code).toBe(0);
      expect((await act(['whisper', listed.id, '--text', 'Check the last four digits only.'])).code).toBe(0);
      expect(
        (await act(['respond', listed.id, '--text', 'Your card is blocked and a new one is on its way.']))
          .code,
      ).toBe(0);
      const resolved = await act(['resolve', listed.id, '--outcome', 'resolved']);
      expect(resolved.stderr).toBe('');
      expect(resolved.code).toBe(0);

      type Shown = {
        id: string;
        turns: unknown[];
        escalation: {
          id: string;
          state: string;
          claimedBy: string | null;
          events: Array<{ type: string; text: string | null }>;
        } | null;
      };
      const shown = await until('the supervisor actions on the staff desk', async () => {
        const r = json<Shown>(
          await runCliInProcess(
            ['conversation', 'show', 'lan-conv-1', '--data-dir', staffDir, '--as', 'Ada', '--json'],
            inEnv,
          ),
        );
        return r.escalation?.events.length === 4 ? r : null;
      });
      expect(shown.turns).toHaveLength(1);
      expect(shown.escalation).toMatchObject({ id: listed.id, state: 'resolved', claimedBy: 'Boss' });
      expect(shown.escalation!.events.map((e) => e.type)).toEqual([
        'claimed',
        'whisper',
        'response',
        'resolved',
      ]);
      expect(shown.escalation!.events[1]!.text).toBe('Check the last four digits only.');
      expect(shown.escalation!.events[2]!.text).toBe('Your card is blocked and a new one is on its way.');
    } finally {
      if (staff) expect(await stopCli(staff.child, 'SIGTERM')).toBe(0);
      expect(await stopCli(sup.child, 'SIGTERM')).toBe(0);
    }
    expect(staff!.output().stderr).not.toContain('4111');
    expect(sup.output().stderr).not.toContain('4111');
  });
});
