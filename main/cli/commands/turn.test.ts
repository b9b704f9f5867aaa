import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli, runCliInProcess } from '../testing';

const env = cliEnv({ CONFIDANT_PASSPHRASE: 'turn-test-passphrase' });

describe('confidant demo, turn and eval (real process)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('demo seeds escalating conversations; turn prints exactly the contract JSON', async () => {
    const dataDir = join(root, 'desk');
    const init = await runCli(['init', '--data-dir', dataDir, '--role-admin', 'Ada Admin'], env);
    expect(init.code, init.stderr).toBe(0);
    const demo = await runCli(['demo', '--data-dir', dataDir, '--as', 'Ada Admin', '--json'], env);
    expect(demo.code, demo.stderr).toBe(0);
    const seeded = JSON.parse(demo.stdout) as {
      conversations: Array<{ escalated: boolean }>;
      users: Record<string, string>;
    };
    expect(seeded.conversations.some((c) => c.escalated)).toBe(true);
    expect(seeded.conversations.some((c) => !c.escalated)).toBe(true);
    expect(Object.keys(seeded.users).sort()).toEqual(['admin', 'agent', 'compliance', 'supervisor']);

    const turn = await runCli(
      [
        'turn',
        '--data-dir',
        dataDir,
        '--conversation',
        'cli-1',
        '--domain',
        'bank',
        '--as',
        'demo-agent',
        '--json',
      ],
      env,
      'My card 4111 1111 1111 1111 was stolen!!! I want a human NOW\n',
    );
    expect(turn.code).toBe(0);
    const out = JSON.parse(turn.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['delivered', 'reply', 'escalated', 'reasons', 'degraded', 'auditSeq']);
    expect(out).toMatchObject({ delivered: true, escalated: true });
    expect(out.reasons).toEqual(expect.arrayContaining(['fraud', 'customer_request']));
    expect(String(out.reply)).not.toContain('4111');
    expect(turn.stderr).not.toContain('4111');

    const empty = await runCli(
      ['turn', '--data-dir', dataDir, '--conversation', 'cli-2', '--as', 'demo-agent'],
      env,
      '\n',
    );
    expect(empty.code).toBe(2);
    // The store passphrase alone is not a user: no --as is a usage error, a wrong password exit 3.
    const anonymous = await runCli(['turn', '--data-dir', dataDir, '--conversation', 'cli-3'], env, 'Hi\n');
    expect(anonymous.code).toBe(2);
    const wrong = await runCli(
      ['turn', '--data-dir', dataDir, '--conversation', 'cli-3', '--as', 'demo-agent'],
      { ...env, CONFIDANT_USER_PASSWORD: 'not the password' },
      'Hi\n',
    );
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('demo bootstraps a store with no accounts without --as, and then needs an admin', async () => {
    const dataDir = join(root, 'fresh');
    const passphrase = { CONFIDANT_PASSPHRASE: 'turn-test-passphrase' };
    const first = await runCliInProcess(['demo', '--data-dir', dataDir, '--json'], {
      ...passphrase,
      CONFIDANT_USER_PASSWORD: undefined,
    });
    expect(first.code, first.stderr).toBe(0);
    // No password in the environment: a generated one, announced on stderr as demo-only.
    const announced = /DEMO ONLY: the demo users .* have the password (demo-[\w-]+)/.exec(first.stderr);
    expect(announced).not.toBeNull();
    const again = await runCliInProcess(['demo', '--data-dir', dataDir], passphrase);
    expect(again.code).toBe(2);
    const asAdmin = await runCliInProcess(['demo', '--data-dir', dataDir, '--as', 'demo-admin'], {
      ...passphrase,
      CONFIDANT_USER_PASSWORD: announced?.[1],
    });
    expect(asAdmin.code, asAdmin.stderr).toBe(0);
  });

  it('eval exits 1 when a scenario fails and prints the report', async () => {
    const file = join(root, 'fail.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'cli-fail',
        domain: 'bank',
        turns: [
          { customer: 'What time do you open?', expect: { escalated: false, replyMustMatch: ['zebra'] } },
        ],
      }),
    );
    const res = await runCli(['eval', '--scenarios', file, '--json'], env);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout) as {
      summary: { failed: number };
      scenarios: Array<{ passed: boolean }>;
    };
    expect(report.summary.failed).toBe(1);
    expect(res.stderr).toMatch(/0 PII leaks/);
  });
});
