import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle-verify';
import { auditEntries } from '../testing';
import { coreAfterTurns } from '../../../test-support/core-after-turns';

const CANARY = 'Philippa Quennell-Barrowcliffe';

describe('compliance procedures', () => {
  async function setup() {
    const { core, dir, staff } = await coreAfterTurns([
      { conversationId: 'c1', domain: 'bank', text: `I'm ${CANARY} and my card was stolen` },
    ]);
    return { core, dir, dispatch: staff.compliance.call, agent: staff.agent.call };
  }

  it('verifies the ledger and exports a bundle that the offline verifier accepts, without customer text', async () => {
    const { dispatch, dir } = await setup();
    const verified = await dispatch('audit.verify', {});
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value).toMatchObject({ ok: true, firstBad: null });
    expect((verified.value as { entries: number }).entries).toBeGreaterThan(3);

    const exported = await dispatch('audit.export', {});
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    const { file, entries } = exported.value as { file: string; entries: number };
    expect(file.startsWith(join(dir, 'exports'))).toBe(true);
    const bytes = readFileSync(file);
    const report = await verifyBundle(bytes);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(entries);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(bytes).includes(Buffer.from(CANARY))).toBe(false);

    const checkpoints = await dispatch('audit.checkpoints', {});
    expect(checkpoints.ok).toBe(true);
    if (checkpoints.ok) {
      const list = checkpoints.value as Array<{ exported: boolean; signatures: number }>;
      expect(list.some((c) => c.exported && c.signatures >= 1)).toBe(true);
    }
  });

  it('refuses exports by staff without a compliance role and rejects malformed dates', async () => {
    const { core, dispatch, agent } = await setup();
    const denied = await agent('audit.export', {});
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    // The denial is on the record: procedure and role, nothing of the request.
    const denial = auditEntries(core, 'auth.denied').at(-1);
    expect(denial?.payload).toEqual({ procedure: 'audit.export', role: 'agent' });
    // Naming someone else is not an input: a forged actor fails validation.
    expect(await dispatch('audit.export', { actorId: 'u_admin' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const bad = await dispatch('audit.export', { from: 'yesterday' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
  });
});
