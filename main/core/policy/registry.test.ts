import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type AuditAppend } from '../audit';
import type { Store } from '../store';
import { builtinPack, openPolicyRegistry, packHash, type PolicyAuditSink, type PolicyActor } from '.';
import { tempStore } from '../../test-support';

const admin: PolicyActor = { kind: 'user', id: 'u-admin', role: 'admin' };

let store: Store | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  store = undefined;
  cleanup = undefined;
});

function setup() {
  ({ store, cleanup } = tempStore());
  const ledger = openLedger(store);
  const seen: AuditAppend[] = [];
  const sink: PolicyAuditSink = {
    append(e) {
      seen.push(e);
      return ledger.append(e);
    },
  };
  return { store, ledger, seen, registry: openPolicyRegistry(store, sink) };
}

function bankV(version: string, highEmotion = 0.8) {
  const p = builtinPack('bank');
  p.version = version;
  p.thresholds.highEmotion = highEmotion;
  return p;
}

describe('policy registry', () => {
  it('starts on the builtin pack, activates and rolls back as audited admin actions', () => {
    const { registry, ledger, seen } = setup();
    const builtin = registry.activeInfo('bank');
    expect(builtin.source).toBe('builtin');
    expect(builtin.hash).toBe(packHash(builtinPack('bank')));

    const v11 = registry.activate(bankV('1.1.0'), admin);
    expect(v11).toMatchObject({ source: 'registry', hash: packHash(bankV('1.1.0')) });
    expect(registry.active('bank').thresholds.highEmotion).toBe(0.8);
    const v12 = registry.activate(bankV('1.2.0', 0.9), admin);
    expect(registry.active('bank').version).toBe('1.2.0');
    expect(registry.active('clinic').version).toBe(builtinPack('clinic').version);

    const back = registry.rollback('bank', admin);
    expect(back.hash).toBe(v11.hash);
    expect(registry.rollback('bank', admin).source).toBe('builtin');
    expect(() => registry.rollback('bank', admin)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));

    expect(seen.map((e) => e.type)).toEqual([
      'admin.policy_activated',
      'admin.policy_activated',
      'admin.policy_rolled_back',
      'admin.policy_rolled_back',
    ]);
    expect(seen[1]?.payload).toMatchObject({
      domain: 'bank',
      version: '1.2.0',
      packHash: v12.hash,
      previousPackHash: v11.hash,
    });
    expect(seen[3]?.payload).toMatchObject({ toBuiltin: true, fromPackHash: v11.hash });
    expect(seen.every((e) => e.actor.id === 'u-admin')).toBe(true);
    expect(ledger.verify().ok).toBe(true);

    const h = registry.history('bank');
    expect(h.map((x) => [x.action, x.version])).toEqual([
      ['activate', '1.1.0'],
      ['activate', '1.2.0'],
      ['rollback', '1.1.0'],
      ['rollback', builtinPack('bank').version],
    ]);
    expect(h.every((x) => typeof x.auditSeq === 'number')).toBe(true);
    // Turns resume on the exact pack they started with, by hash.
    expect(registry.byHash(v12.hash)?.thresholds.highEmotion).toBe(0.9);
    expect(registry.byHash(builtin.hash)?.id).toBe('bank-default');
    expect(registry.byHash('0'.repeat(64))).toBeNull();
  });

  it('finds a registered pack by id and version, and nothing else', () => {
    const { registry } = setup();
    const v = registry.activate(bankV('1.6.0', 0.7), admin);
    const found = registry.byIdVersion(v.pack.id, '1.6.0');
    expect(found && packHash(found)).toBe(v.hash);
    expect(found?.thresholds.highEmotion).toBe(0.7);
    expect(registry.byIdVersion(v.pack.id, '9.9.9')).toBeNull();
    expect(registry.byIdVersion('no-such-pack', '1.6.0')).toBeNull();
  });

  it('rejects a malformed pack with a path-level error and keeps the active pack', () => {
    const { registry, seen } = setup();
    const good = registry.activate(bankV('1.1.0'), admin);
    const bad = bankV('1.2.0') as unknown as { graph: { nodes: Array<{ next: Array<{ to: string }> }> } };
    (bad.graph.nodes[2]?.next[0] as { to: string }).to = 'x';
    expect(() => registry.activate(bad, admin)).toThrow('graph.nodes[2].next[0].to: unknown node "x"');
    expect(() => registry.activate({ ...bankV('1.3.0'), version: 'latest' }, admin)).toThrow(/version: /);
    expect(registry.activeInfo('bank').hash).toBe(good.hash);
    expect(seen).toHaveLength(1);
    expect(registry.history('bank')).toHaveLength(1);
  });

  it('refuses different content under an existing id@version', () => {
    const { registry } = setup();
    registry.activate(bankV('1.1.0'), admin);
    expect(() => registry.activate(bankV('1.1.0', 0.5), admin)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    // Re-activating identical content is fine (e.g. roll forward again).
    expect(registry.activate(bankV('1.1.0'), admin).source).toBe('registry');
  });

  it('does not activate when the audit append fails', () => {
    ({ store, cleanup } = tempStore());
    const failing: PolicyAuditSink = {
      append() {
        throw new Error('ledger unavailable');
      },
    };
    const registry = openPolicyRegistry(store, failing);
    expect(() => registry.activate(bankV('2.0.0'), admin)).toThrow('ledger unavailable');
    expect(registry.activeInfo('bank').source).toBe('builtin');
    expect(registry.history('bank')).toEqual([]);
  });

  it('survives a restart: the log is the source of truth', () => {
    const { registry } = setup();
    const v = registry.activate(bankV('1.4.0'), admin);
    const again = openPolicyRegistry(store as Store, { append: () => ({ seq: 0, entryHash: '' }) });
    expect(again.activeInfo('bank').hash).toBe(v.hash);
  });
});
