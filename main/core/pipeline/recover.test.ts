/**
 * Interrupted turns found at start-up: one killed after a checkpoint is finished from it (nothing applied
 * twice); one killed before its first ledger entry is marked failed and audited; a recent one is left
 * to whoever may still be running it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import { decodeLeaf } from '../audit';
import { createHarness, type Harness } from '../../test-support/pipeline-harness';
import { recoverInterruptedTurns } from './recover';

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterAll(() => {
  for (const h of harnesses) h.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const DRAFT = 'A replacement debit card is free of charge.';
const later = () => new Date(Date.now() + 10 * 60_000);

function auditTypes(h: Harness): Array<{ type: string; payload: Record<string, unknown> }> {
  return h.store.db
    .prepare<[], { leaf: Buffer }>('SELECT leaf FROM audit_entries ORDER BY seq')
    .all()
    .map((r) => decodeLeaf(r.leaf)!)
    .map((e) => ({ type: e.type, payload: e.payload as Record<string, unknown> }));
}

function recover(h: Harness, now = later) {
  return recoverInterruptedTurns({
    store: h.store,
    audit: h.audit,
    log: { info: () => undefined, warn: () => undefined } as never,
    packExists: (hash) => h.service.policies.byHash(hash) != null,
    resume: (input) => h.service.runTurn({ ...input, llm: new ScriptedLlm({ reply: DRAFT }) }),
    now,
  });
}

describe('interrupted turns at start-up', () => {
  it('a turn killed after its draft checkpoint is finished from it, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-kill-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'kill-turn.fixture.ts'), dir, 'draft'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, s) => resolve(s)),
    );
    expect(signal).toBe('SIGKILL');
    const h = await createHarness({ dir });
    harnesses.push(h);
    expect(h.service.conversations.turns('kill-1')[0]?.status).toBe('running');
    // Too recent: another process might still be running it.
    expect(await recover(h, () => new Date())).toEqual({ resumed: [], failed: [] });
    const report = await recover(h);
    expect(report.resumed).toHaveLength(1);
    expect(report.failed).toEqual([]);
    const turn = h.service.conversations.turns('kill-1')[0]!;
    expect(turn.status).toBe('done');
    expect(turn.delivered).toBe(1);
    const types = auditTypes(h).map((e) => e.type);
    expect(types.filter((t) => t === 'turn.received')).toHaveLength(1);
    expect(types.filter((t) => t === 'model.called')).toHaveLength(1);
    expect(await recover(h)).toEqual({ resumed: [], failed: [] });
    expect(h.audit.verify().ok).toBe(true);
  }, 60_000);

  it('a turn killed before its first ledger entry is marked failed and audited; a retry is refused', async () => {
    const h = await createHarness();
    harnesses.push(h);
    dirs.push(h.dir);
    const repo = h.service.conversations;
    const conv = repo.ensure('conv-x', 'bank', new Date().toISOString());
    const policy = h.service.policies.activeInfo('bank');
    repo.startTurn({
      id: 'turn_x',
      conversationId: conv.id,
      key: 'key-x',
      customerSealed: h.store.cipher.seal(conv.subject_id, 'My card was stolen'),
      packId: policy.pack.id,
      packVersion: policy.pack.version,
      packHash: policy.hash,
      now: new Date().toISOString(),
    });
    const report = await recover(h);
    expect(report).toEqual({ resumed: [], failed: [{ turnId: 'turn_x', reason: 'no_checkpoint' }] });
    const turn = repo.turns('conv-x')[0]!;
    expect(turn.status).toBe('failed');
    expect(turn.failure).toBe('interrupted:no_checkpoint');
    const entry = auditTypes(h).find((e) => e.type === 'turn.interrupted');
    expect(entry?.payload).toEqual({ turn: 'turn_x', conversation: 'conv-x', reason: 'no_checkpoint' });
    expect(JSON.stringify(auditTypes(h))).not.toContain('stolen');
    await expect(
      h.service.runTurn({ conversationId: 'conv-x', text: 'My card was stolen', idempotencyKey: 'key-x' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(h.audit.verify().ok).toBe(true);
  });
});
