import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openLedger } from '../../core/audit';
import { builtinPack, packHash } from '../../core/policy';
import { openStore } from '../../core/store';
import { addTestUser, CLI_TEST_TIMEOUT_MS, cliEnv, runCli, runCliInProcess } from '../testing';

const PASS = 'policy-cli-test';

describe('confidant policy', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = cliEnv({ CONFIDANT_PASSPHRASE: PASS });

  it('validates, activates as an admin only, rejects a malformed pack, and rolls back, all audited', async () => {
    const dataDir = join(root, 'desk');
    const store = openStore({ dataDir, passphrase: PASS, create: true });
    await addTestUser(store, 'Ada Admin', 'admin');
    await addTestUser(store, 'Sam Agent', 'agent');
    store.close();

    const good = builtinPack('bank');
    good.version = '1.1.0';
    good.thresholds.highEmotion = 0.8;
    const goodFile = join(root, 'bank-1.1.0.yaml');
    writeFileSync(goodFile, stringify(good));
    const bad = builtinPack('bank') as unknown as {
      version: string;
      graph: { nodes: Array<{ next: Array<{ to: string }> }> };
    };
    bad.version = '1.2.0';
    (bad.graph.nodes[2]?.next[0] as { to: string }).to = 'x';
    const badFile = join(root, 'bank-bad.yaml');
    writeFileSync(badFile, stringify(bad));

    const v = await runCliInProcess(['policy', 'validate', badFile, '--json'], env);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('graph.nodes[2].next[0].to: unknown node "x"');

    const denied = await runCliInProcess(
      ['policy', 'activate', goodFile, '--data-dir', dataDir, '--as', 'Sam Agent'],
      env,
    );
    expect(denied.code).toBe(3);

    const act = await runCli(
      ['policy', 'activate', goodFile, '--data-dir', dataDir, '--as', 'Ada Admin', '--json'],
      env,
    );
    expect(act.code, act.stderr).toBe(0);
    expect(JSON.parse(act.stdout)).toMatchObject({
      ok: true,
      previous: { source: 'builtin' },
      active: { version: '1.1.0', hash: packHash(good), source: 'registry' },
    });

    const rejected = await runCliInProcess(
      ['policy', 'activate', badFile, '--data-dir', dataDir, '--as', 'Ada Admin'],
      env,
    );
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('graph.nodes[2].next[0].to: unknown node "x"');
    const status = await runCliInProcess(
      ['policy', 'status', '--data-dir', dataDir, '--domain', 'bank', '--json'],
      env,
    );
    expect(JSON.parse(status.stdout).active[0]).toMatchObject({ version: '1.1.0' });

    const rb = await runCliInProcess(
      ['policy', 'rollback', '--data-dir', dataDir, '--domain', 'bank', '--as', 'Ada Admin', '--json'],
      env,
    );
    expect(rb.code, rb.stderr).toBe(0);
    expect(JSON.parse(rb.stdout).active).toMatchObject({
      source: 'builtin',
      version: builtinPack('bank').version,
    });

    const check = openStore({ dataDir, passphrase: PASS });
    try {
      const ledger = openLedger(check);
      expect(ledger.verify().ok).toBe(true);
      ledger.close();
      const rows = check.db
        .prepare('SELECT action, audit_seq FROM policy_activations ORDER BY seq')
        .all() as Array<{ action: string; audit_seq: number | null }>;
      expect(rows.map((r) => r.action)).toEqual(['activate', 'rollback']);
      expect(rows.every((r) => typeof r.audit_seq === 'number')).toBe(true);
    } finally {
      check.close();
    }
  });
});
