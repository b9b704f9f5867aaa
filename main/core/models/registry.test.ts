import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../audit';
import { openStore, type Store } from '../store';
import { loadManifest, openModelRegistry, type AuditSink } from './index';
import { projectRoot } from '../config';

type Entry = Parameters<AuditSink['append']>[0];
const admin = { id: 'admin-1', role: 'admin' };

describe('model registry', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const open = (): { store: Store; audit: Entry[] } => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    const store = openStore({ dataDir: dir, passphrase: 'registry-test', create: true });
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { store, audit: [] };
  };
  const manifest = loadManifest(join(projectRoot(), 'models', 'manifest.json'));

  it('activates, rolls back step by step, and audits each admin action', () => {
    const { store, audit } = open();
    const reg = openModelRegistry(store, manifest, { append: (e) => audit.push(e) });
    expect(reg.active('llm')).toBeNull();
    reg.activate('llm', 'qwen2.5-1.5b-instruct-q4_k_m', admin);
    reg.activate('llm', 'llama-3.2-3b-instruct-q4_k_m', admin, { reason: 'quality' });
    reg.activate('llm', 'qwen2.5-3b-instruct-q4_k_m', admin);
    expect(reg.active('llm')?.modelId).toBe('qwen2.5-3b-instruct-q4_k_m');
    expect(reg.rollback('llm', admin).modelId).toBe('llama-3.2-3b-instruct-q4_k_m');
    expect(reg.rollback('llm', admin).modelId).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(() => reg.rollback('llm', admin)).toThrow(/no earlier version/);
    expect(reg.history('llm').map((a) => a.action)).toEqual([
      'activate',
      'activate',
      'activate',
      'rollback',
      'rollback',
    ]);
    expect(audit.map((e) => e.type)).toEqual([
      'admin.model_activated',
      'admin.model_activated',
      'admin.model_activated',
      'admin.model_rolled_back',
      'admin.model_rolled_back',
    ]);
    expect(audit[1]).toMatchObject({
      actor: { kind: 'user', id: 'admin-1', role: 'admin' },
      payload: {
        role: 'llm',
        modelId: 'llama-3.2-3b-instruct-q4_k_m',
        sha256: '6c1a2b41161032677be168d354123594c0e6e67d2b9227c84f296ad037c728ff',
      },
    });
  });

  it('writes activations into the real audit ledger, which still verifies', () => {
    const { store } = open();
    const ledger = openLedger(store);
    const reg = openModelRegistry(store, manifest, ledger);
    reg.activate('embedding', 'all-minilm-l6-v2-q8', admin);
    reg.activate('embedding', 'all-minilm-l6-v2-q8', admin);
    reg.rollback('embedding', admin);
    ledger.flush();
    expect(ledger.size()).toBeGreaterThanOrEqual(3);
    expect(ledger.verify()).toMatchObject({ ok: true });
    ledger.close();
  });

  it('refuses unknown models, wrong roles, and rollback with nothing active', () => {
    const { store } = open();
    const reg = openModelRegistry(store, manifest);
    expect(() => reg.activate('llm', 'nope', admin)).toThrow(/no model 'nope'/);
    expect(() => reg.activate('embedding', 'qwen2.5-1.5b-instruct-q4_k_m', admin)).toThrow(/is a llm model/);
    expect(() => reg.rollback('sentiment', admin)).toThrow(/nothing to roll back/);
  });
});
