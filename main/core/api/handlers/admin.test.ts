import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config';
import { startTestCore, type TestCore } from '../../container/testing';
import { builtinPack } from '../../policy';
import { auditEntries, staffSessions } from '../testing';
import { lineDiff } from './diff';

type Overview = {
  domains: Array<{
    domain: string;
    active: { hash: string; version: string; source: string };
    canRollBack: boolean;
  }>;
  packs: Array<{ hash: string; domain: string; version: string; active: boolean }>;
};

describe('admin workspace procedures', () => {
  let running: TestCore | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('activates an uploaded pack, diffs it against the active one, and rolls back, all audited', async () => {
    running = await startTestCore();
    const staff = await staffSessions(running.core);
    const call = staff.admin.call;
    const before = (await call('policy.list', {})) as { ok: true; value: Overview };
    const bank = before.value.domains.find((d) => d.domain === 'bank');
    expect(bank).toMatchObject({ canRollBack: false, active: { source: 'builtin' } });

    const next = { ...builtinPack('bank'), version: `${builtinPack('bank').version}-ui` };
    const activated = await call('policy.activate', { text: JSON.stringify(next) });
    expect(activated).toMatchObject({ ok: true, value: { version: next.version, active: true } });
    const after = (await call('policy.list', {})) as { ok: true; value: Overview };
    expect(after.value.domains.find((d) => d.domain === 'bank')).toMatchObject({ canRollBack: true });

    // The builtin pack, diffed against the now-active one, differs in the version line only.
    const diff = await call('policy.diff', { hash: bank?.active.hash });
    if (!diff.ok) throw new Error(diff.error.message);
    const changed = (diff.value as { lines: Array<{ op: string; text: string }> }).lines.filter(
      (l) => l.op !== ' ',
    );
    expect(changed.map((l) => l.op).sort()).toEqual(['+', '-']);
    expect(changed.every((l) => l.text.includes('"version"'))).toBe(true);

    const rolled = await call('policy.rollback', { domain: 'bank' });
    expect(rolled).toMatchObject({ ok: true, value: { source: 'builtin', active: true } });
    expect(await call('policy.rollback', { domain: 'bank' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(auditEntries(running.core, 'admin.policy_rolled_back')).toHaveLength(1);
    expect(await call('policy.activate', { text: 'id: [broken' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await staff.supervisor.call('policy.rollback', { domain: 'bank' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lists the model catalogue with fit and install state, and refuses to activate a missing model', async () => {
    running = await startTestCore();
    const staff = await staffSessions(running.core);
    const res = await staff.admin.call('models.list', {});
    if (!res.ok) throw new Error(res.error.message);
    const view = res.value as {
      machineRamMb: number;
      models: Array<{ id: string; installed: boolean; fits: boolean; minRamMb: number }>;
    };
    expect(view.models.length).toBeGreaterThan(0);
    for (const m of view.models) expect(m.fits).toBe(m.minRamMb <= view.machineRamMb);
    const missing = view.models.find((m) => !m.installed);
    if (missing)
      expect(await staff.admin.call('models.activate', { modelId: missing.id })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringContaining('not installed') },
      });
  });

  it('pulls a model in the background and fails cleanly, in words, when the source cannot be reached', async () => {
    running = await startTestCore();
    const staff = await staffSessions(running.core);
    // A local manifest (it takes precedence over the shipped one) whose file lives on a closed port.
    const shipped = JSON.parse(readFileSync(join(projectRoot(), 'models', 'manifest.json'), 'utf8')) as {
      models: Array<Record<string, unknown>>;
    };
    const base = shipped.models.at(-1) as Record<string, unknown>;
    const unreachable = {
      ...base,
      id: 'unreachable-test-model',
      files: [{ path: 'model.onnx', url: 'http://127.0.0.1:9/model.onnx', sha256: null, size: 1000 }],
    };
    const modelsDir = running.core.config.modelsDir;
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(
      join(modelsDir, 'manifest.json'),
      JSON.stringify({ ...shipped, defaults: {}, models: [unreachable] }),
    );
    const events: string[] = [];
    running.core.events.subscribe((e) => {
      if (e.topic === 'models.progress') events.push(String(e.data.state));
    });
    const started = await staff.admin.call('models.pull', { modelId: 'unreachable-test-model' });
    if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
    expect(started).toMatchObject({ ok: true, value: { pull: { state: 'running' } } });
    type View = { pull: { state: string; message: string } | null };
    let view: View | null = null;
    for (let i = 0; i < 100 && view?.pull?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const res = await staff.admin.call('models.list', {});
      if (res.ok) view = res.value as View;
    }
    expect(view?.pull?.state).toBe('failed');
    expect(view?.pull?.message).toMatch(/^Could not download .*try again; the download resumes/);
    expect(events).toEqual(['running', 'failed']);
    expect(await staff.admin.call('models.pull', { modelId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('summarises stage latency against budget from the local traces for supervisors', async () => {
    running = await startTestCore();
    const staff = await staffSessions(running.core);
    const pipeline = await running.core.pipeline.get();
    await pipeline.runTurn({
      conversationId: 'o1',
      domain: 'bank',
      text: 'My card was stolen, I am furious',
    });
    const res = await staff.supervisor.call('observability.get', {});
    if (!res.ok) throw new Error(res.error.message);
    const view = res.value as {
      turns: number;
      stages: Array<{ stage: string; count: number; budgetMs: number | null }>;
    };
    expect(view.turns).toBe(1);
    expect((res.value as { turnsRecorded: number }).turnsRecorded).toBe(1);
    expect(view.stages.length).toBeGreaterThan(1);
    expect(view.stages.some((s) => s.budgetMs !== null)).toBe(true);
    expect(JSON.stringify(view)).not.toContain('furious');
  });
});

describe('paired desks', () => {
  it('lists none on a desk that was never paired, and says which role it has', async () => {
    const running = await startTestCore();
    try {
      const staff = await staffSessions(running.core);
      expect(await staff.admin.call('pairing.list', {})).toEqual({
        ok: true,
        value: { role: null, peers: [] },
      });
    } finally {
      await running.stop();
    }
  });
});

describe('line diff', () => {
  it('keeps common lines and marks the rest', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
  });
});
