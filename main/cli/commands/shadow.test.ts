import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openLedger } from '../../core/audit';
import { builtinPack, openPolicyRegistry, packHash, type PolicyPack } from '../../core/policy';
import { openStore } from '../../core/store';
import { addTestUser, CLI_TEST_TIMEOUT_MS, cliEnv, runCli, runCliInProcess } from '../testing';

const PASS = 'shadow-cli-test';

describe('confidant policy shadow / shadow-report', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS });
  /** Stages `ref` (a file or ID@VERSION) as the admin and checks the candidate is that pack. */
  async function expectStaged(ref: string, dataDir: string, pack: PolicyPack): Promise<void> {
    const staged = await runCliInProcess(
      ['policy', 'shadow', ref, '--data-dir', dataDir, '--as', 'Ada Admin', '--json'],
      env,
    );
    expect(staged.code, staged.stderr).toBe(0);
    expect(JSON.parse(staged.stdout)).toMatchObject({
      ok: true,
      staged: { domain: pack.domain, version: pack.version, hash: packHash(pack) },
    });
  }

  it('stages a candidate as an admin, replays live turns with shadowRuns on, reports agreement, clears', async () => {
    const dataDir = join(root, 'desk');
    const store = openStore({ dataDir, passphrase: PASS, create: true });
    await addTestUser(store, 'Ada Admin', 'admin');
    await addTestUser(store, 'Sam Agent', 'agent');
    store.close();

    const candidate = builtinPack('bank');
    candidate.version = '1.1.0-shadow';
    candidate.thresholds.highEmotion = 0.05;
    const file = join(root, 'bank-shadow.yaml');
    writeFileSync(file, stringify(candidate));

    const denied = await runCliInProcess(
      ['policy', 'shadow', file, '--data-dir', dataDir, '--as', 'Sam Agent'],
      env,
    );
    expect(denied.code).toBe(3);
    const missing = await runCliInProcess(
      ['policy', 'shadow', 'bank-default@9.9.9', '--data-dir', dataDir, '--as', 'Ada Admin'],
      env,
    );
    expect(missing.code).toBe(4);
    await expectStaged(file, dataDir, candidate);

    // A real process with the flag on: the live reply is unchanged, the replay is recorded before exit.
    const turn = await runCli(
      [
        'turn',
        '--data-dir',
        dataDir,
        '--conversation',
        'cli-shadow',
        '--domain',
        'bank',
        '--as',
        'Sam Agent',
        '--json',
      ],
      { ...env, CONFIDANT_FLAGS: 'shadowRuns=on' },
      'I am a bit annoyed, I want to know about my statement please.\n',
    );
    expect(turn.code, turn.stderr).toBe(0);

    const report = await runCliInProcess(
      ['policy', 'shadow-report', '--data-dir', dataDir, '--domain', 'bank', '--json'],
      env,
    );
    expect(report.code, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as {
      reports: Array<{ runs: number; agreementRate: number | null; candidate: { version: string } | null }>;
    };
    expect(parsed.reports).toHaveLength(1);
    expect(parsed.reports[0]).toMatchObject({ runs: 1, candidate: { version: '1.1.0-shadow' } });
    expect(typeof parsed.reports[0]?.agreementRate).toBe('number');

    const badFlags = await runCli(
      ['turn', '--data-dir', dataDir, '--conversation', 'cli-shadow', '--as', 'Sam Agent', '--json'],
      { ...env, CONFIDANT_FLAGS: 'warpDrive=on' },
      'Hello\n',
    );
    expect(badFlags.code).toBe(2);
    expect(badFlags.stderr).toContain('Unknown flag "warpDrive"');

    const cleared = await runCliInProcess(
      [
        'policy',
        'shadow',
        '--clear',
        '--domain',
        'bank',
        '--data-dir',
        dataDir,
        '--as',
        'Ada Admin',
        '--json',
      ],
      env,
    );
    expect(JSON.parse(cleared.stdout)).toEqual({ ok: true, domain: 'bank', cleared: true });
    const text = await runCliInProcess(['policy', 'shadow-report', '--data-dir', dataDir], env);
    expect(text.stdout).toContain('bank: no shadow candidate staged');
  });

  it('stages a pack the registry holds by ID@VERSION, read through the policy registry', async () => {
    const dataDir = join(root, 'desk-registered');
    const store = openStore({ dataDir, passphrase: PASS, create: true });
    await addTestUser(store, 'Ada Admin', 'admin');
    const registered = builtinPack('bank');
    registered.version = '1.2.0-registered';
    registered.thresholds.highEmotion = 0.3;
    const ledger = openLedger(store);
    openPolicyRegistry(store, ledger).activate(registered, { kind: 'system', id: 'test', role: 'system' });
    ledger.close();
    store.close();

    await expectStaged(`${registered.id}@1.2.0-registered`, dataDir, registered);
  });
});
