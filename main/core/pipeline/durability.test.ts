import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import type { AuditAppend } from '../audit';
import { auditTypes, useHarnesses, type Harness } from '../../test-support/pipeline-harness';

const FULL = 2;
const NORMAL = 1;
const DRAFT = 'A replacement debit card is free of charge.';

const harness = useHarnesses();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const level = (h: Harness) => h.store.db.pragma('synchronous', { simple: true });

/** Records every `PRAGMA synchronous = n` the pipeline issues on the connection. */
function recordLevels(h: Harness): number[] {
  const set: number[] = [];
  const db = h.store.db;
  const exec = db.exec.bind(db);
  db.exec = (sql: string) => {
    const m = /PRAGMA synchronous = (\d)/.exec(sql);
    if (m) set.push(Number(m[1]));
    return exec(sql);
  };
  return set;
}

describe('pipeline durability: synchronous levels', () => {
  it('intermediate commits run under NORMAL, the terminal commit finishes the turn under FULL, FULL after', async () => {
    const levelsAtNodes: Array<{ node: string; level: unknown; status: string | undefined }> = [];
    let h: Harness | null = null;
    h = await harness({
      afterCheckpoint: ({ nodeId }) => {
        if (!h) return;
        levelsAtNodes.push({
          node: nodeId,
          level: level(h),
          status: h.service.conversations.turns('d1')[0]?.status,
        });
      },
    });
    const set = recordLevels(h);
    const r = await h.service.runTurn({
      conversationId: 'd1',
      domain: 'bank',
      text: 'How much does a replacement card cost?',
      llm: new ScriptedLlm({ reply: DRAFT }),
    });
    expect(r.delivered).toBe(true);
    expect(level(h)).toBe(FULL);
    // Every switch is followed by the restore to FULL; the last commit (the terminal node's) asks for FULL.
    expect(set.length % 2).toBe(0);
    const pairs = Array.from({ length: set.length / 2 }, (_, i) => [set[2 * i], set[2 * i + 1]]);
    for (const [, restored] of pairs) expect(restored).toBe(FULL);
    expect(pairs.at(-1)).toEqual([FULL, FULL]);
    expect(pairs.filter(([wanted]) => wanted === FULL)).toHaveLength(1);
    // The draft's commit (with the replayable nodes before it) is NORMAL; the connection is FULL between.
    expect(pairs.filter(([wanted]) => wanted === NORMAL).length).toBeGreaterThanOrEqual(1);
    expect(levelsAtNodes.every((l) => l.level === FULL)).toBe(true);
    // The terminal node's checkpoint and the finished turn row are one commit.
    expect(levelsAtNodes.at(-1)).toMatchObject({ node: r.trace.at(-1)?.node, status: 'done' });
    // Nodes up to the draft commit with it (turn still running); the rest commit with the terminal node.
    const draftAt = levelsAtNodes.findIndex((l) => l.node === 'draft');
    expect(draftAt).toBeGreaterThan(0);
    expect(levelsAtNodes.slice(0, draftAt + 1).every((l) => l.status === 'running')).toBe(true);
    expect(levelsAtNodes.slice(draftAt + 1).every((l) => l.status === 'done')).toBe(true);
  });

  it('a commit that fails rolls back its nodes, restores FULL, and the retry resumes after the last commit', async () => {
    const h = await harness();
    const { append, appendMany } = h.audit;
    let fail = true;
    const check = (e: AuditAppend) => {
      if (fail && e.type === 'facts.verified') throw new Error('disk full (simulated)');
    };
    h.audit.append = (e) => {
      check(e);
      return append(e);
    };
    h.audit.appendMany = (es) => {
      es.forEach(check);
      return appendMany(es);
    };
    const input = {
      conversationId: 'd2',
      domain: 'bank' as const,
      text: 'How much does a replacement card cost?',
      idempotencyKey: 'k-d2',
      llm: new ScriptedLlm({ reply: DRAFT }),
    };
    await expect(h.service.runTurn(input)).rejects.toThrow('disk full');
    expect(level(h)).toBe(FULL);
    const turn = h.service.conversations.turns('d2')[0];
    expect(turn?.status).toBe('running');
    const nodes = h.store.db
      .prepare<[string], { node_id: string }>(
        'SELECT node_id FROM turn_checkpoints WHERE turn_id = ? ORDER BY step',
      )
      .all(turn?.id ?? '')
      .map((c) => c.node_id);
    // verify_facts commits with the terminal node, so the failed commit took nothing after the draft.
    expect(nodes.at(-1)).toBe('draft');
    expect(nodes).not.toContain('verify_facts');
    fail = false;
    const r = await h.service.runTurn(input);
    expect(r).toMatchObject({ resumed: true, delivered: true });
    expect(level(h)).toBe(FULL);
    const types = auditTypes(h.store, r.turnId);
    expect(types.filter((t) => t === 'turn.received')).toHaveLength(1);
    expect(types.filter((t) => t === 'retrieval.done')).toHaveLength(1);
    expect(types.filter((t) => t === 'model.called')).toHaveLength(1);
    expect(types.filter((t) => t === 'facts.verified')).toHaveLength(1);
    expect(h.audit.verify().ok).toBe(true);
  });

  it('replayable nodes commit with the next commit point: two commits for a delivered turn', async () => {
    const h = await harness();
    const set = recordLevels(h);
    const r = await h.service.runTurn({
      conversationId: 'd4',
      domain: 'bank',
      text: 'How much does a replacement card cost?',
      llm: new ScriptedLlm({ reply: DRAFT }),
    });
    expect(r.delivered).toBe(true);
    const rows = h.store.db
      .prepare<[string], { node_id: string }>(
        'SELECT node_id FROM turn_checkpoints WHERE turn_id = ? ORDER BY step',
      )
      .all(r.turnId)
      .map((c) => c.node_id);
    // Every node still has its checkpoint row.
    expect(rows).toEqual(r.trace.map((t) => t.node));
    const walkCommits = set.filter((_, i) => i % 2 === 0);
    // Conversation row, turn row and vault writes are NORMAL too; the walk adds the draft's and the terminal's.
    expect(walkCommits.filter((l) => l === FULL)).toHaveLength(1);
    expect(walkCommits.length).toBeLessThan(r.trace.length);
  });
});

describe('pipeline durability: terminal checkpoint without a finished turn row', () => {
  it('a turn whose terminal checkpoint exists but whose row is unfinished is finished on retry, once', async () => {
    // Stores written before the terminal commit included the finish can hold exactly this state.
    const h = await harness();
    const input = {
      conversationId: 'd3',
      domain: 'bank' as const,
      text: 'How much does a replacement card cost?',
      idempotencyKey: 'k-d3',
      llm: new ScriptedLlm({ reply: DRAFT }),
    };
    const first = await h.service.runTurn(input);
    h.store.db
      .prepare("UPDATE turns SET status = 'running', result_sealed = NULL, finished_at = NULL WHERE id = ?")
      .run(first.turnId);
    const entries = auditTypes(h.store, first.turnId).length;
    const r = await h.service.runTurn(input);
    expect(r).toMatchObject({
      turnId: first.turnId,
      resumed: true,
      reply: first.reply,
      outcome: first.outcome,
    });
    expect(h.service.conversations.turns('d3')[0]?.status).toBe('done');
    expect(auditTypes(h.store, first.turnId)).toHaveLength(entries);
    expect(level(h)).toBe(FULL);
    expect(await h.service.runTurn(input)).toMatchObject({ replayed: true, reply: first.reply });
  });
});

describe('pipeline durability: kill -9 mid-turn', () => {
  it('a process killed right after a NORMAL node commit resumes from that node; nothing is applied twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-kill-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'kill-turn.fixture.ts'), dir, 'draft'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect(signal, err.slice(0, 800)).toBe('SIGKILL');
    const killedAt = /committed step (\d+) draft/.exec(out);
    expect(killedAt).not.toBeNull();

    const h = await harness({ dir });
    const turn = h.service.conversations.turns('kill-1')[0];
    expect(turn?.status).toBe('running');
    const steps = h.store.db
      .prepare<[string], { step: number }>(
        'SELECT step FROM turn_checkpoints WHERE turn_id = ? ORDER BY step',
      )
      .all(turn?.id ?? '')
      .map((c) => c.step);
    // Every NORMAL commit the child reported survived the kill (the WAL was written to the OS).
    expect(steps.at(-1)).toBe(Number(killedAt?.[1]));
    const r = await h.service.runTurn({
      conversationId: 'kill-1',
      domain: 'bank',
      text: 'How much does a replacement card cost?',
      idempotencyKey: 'kill-key',
      llm: new ScriptedLlm({ reply: DRAFT }),
    });
    expect(r).toMatchObject({ resumed: true, delivered: true });
    expect(r.trace.map((t) => t.node)).toContain('draft');
    const types = auditTypes(h.store, r.turnId);
    expect(types.filter((t) => t === 'turn.received')).toHaveLength(1);
    expect(types.filter((t) => t === 'model.called')).toHaveLength(1);
    expect(h.service.conversations.turns('kill-1')).toHaveLength(1);
    expect(h.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(h.audit.verify().ok).toBe(true);
    expect(level(h)).toBe(FULL);
  }, 60_000);
});
