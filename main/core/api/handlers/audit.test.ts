import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle-verify';
import { startTestCore, type TestCore } from '../../container/testing';
import { createLogger } from '../../log';
import { createDispatcher, createHandlers } from '..';

const CANARY = 'Philippa Quennell-Barrowcliffe';

describe('compliance procedures', () => {
  let running: TestCore | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  async function setup() {
    running = await startTestCore();
    const { core } = running;
    const dispatch = createDispatcher(createHandlers(core), createLogger({ level: 'silent' }));
    const officer = core.users.create({ name: 'officer', role: 'compliance' });
    const agent = core.users.create({ name: 'agent', role: 'agent' });
    const pipeline = await core.pipeline.get();
    await pipeline.runTurn({
      conversationId: 'c1',
      domain: 'bank',
      text: `I'm ${CANARY} and my card was stolen`,
    });
    return { core, dir: running.dir, dispatch, officer, agent };
  }

  it('verifies the ledger and exports a bundle that the offline verifier accepts, without customer text', async () => {
    const { dispatch, officer, dir } = await setup();
    const verified = await dispatch('audit.verify', {});
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.value).toMatchObject({ ok: true, firstBad: null });
    expect((verified.value as { entries: number }).entries).toBeGreaterThan(3);

    const exported = await dispatch('audit.export', { actorId: officer.id });
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
    const { dispatch, agent, officer } = await setup();
    const denied = await dispatch('audit.export', { actorId: agent.id });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    const bad = await dispatch('audit.export', { actorId: officer.id, from: 'yesterday' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
  });
});
