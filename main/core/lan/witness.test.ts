import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../container/testing';
import type { LanActor } from '.';
import { judgeCheckpoint, loadCosigner, verifyCosignature } from './witness';
import { until } from '../../test-support';

const entry = (i: number) => ({
  type: 'degradation' as const,
  actor: { kind: 'system' as const, id: 'test', role: 'system' },
  payload: { i },
});

describe('witnessing a staff desk ledger', { timeout: 60_000 }, () => {
  const cores: TestCore[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.stop();
  });
  const core = async () => {
    const c = await startTestCore();
    cores.push(c);
    return c;
  };

  it('signs C2SP cosignature/v1 lines that verify, and only over the same body and key', async () => {
    const t = await core();
    const c = loadCosigner(t.core.store, 'ab'.repeat(32), new Date());
    const body = 'origin\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const line = c.cosign(body, 1_700_000_000);
    expect(line).toMatch(/^\u2014 confidant-witness-abababababababab [A-Za-z0-9+/]+=*\n$/);
    expect(Buffer.from(line.split(' ')[2]!.trim(), 'base64')).toHaveLength(4 + 8 + 64);
    expect(verifyCosignature(line, body, c.vkey)).toBe(true);
    expect(verifyCosignature(line, body.replace('3', '4'), c.vkey)).toBe(false);
    const other = loadCosigner((await core()).core.store, 'cd'.repeat(32), new Date());
    expect(verifyCosignature(line, body, other.vkey)).toBe(false);
  });

  it('accepts a consistent extension and refuses a rollback, a fork and a changed key', async () => {
    const a = await core();
    for (let i = 0; i < 10; i++) a.core.audit.append(entry(i));
    const first = a.core.audit.checkpoint();
    const vkey = a.core.audit.deskVerifierKey();
    for (let i = 10; i < 25; i++) a.core.audit.append(entry(i));
    const second = a.core.audit.checkpoint();
    const last = { size: first.size, root: first.root, desk_vkey: vkey };
    const input = {
      note: second.note,
      vkey,
      from: first.size,
      proof: a.core.audit.consistencyProof(first.size, second.size),
    };
    expect(judgeCheckpoint(input, last)).toMatchObject({ ok: true, size: second.size });
    expect(
      judgeCheckpoint({ ...input, note: first.note }, { ...last, size: second.size, root: second.root }),
    ).toEqual({ ok: false, reason: 'rollback' });
    expect(judgeCheckpoint(input, { ...last, root: second.root })).toEqual({ ok: false, reason: 'fork' });
    expect(judgeCheckpoint(input, { ...last, desk_vkey: 'x+00000000+AA==' })).toEqual({
      ok: false,
      reason: 'key-changed',
    });
    expect(judgeCheckpoint({ ...input, from: 3 }, last)).toEqual({ ok: false, reason: 'proof-base' });
  });

  it('co-signs each new checkpoint over the link; a ledger behind what was co-signed is refused and raises alerts on both desks', async () => {
    const staff = await core();
    const sup = await core();
    const boss = sup.core.users.create({ name: 'Boss', role: 'supervisor' });
    const actor: LanActor = { kind: 'user', id: boss.id, name: 'Boss', role: 'supervisor' };
    const vd = await sup.core.lan.desk();
    const sd = await staff.core.lan.desk();
    const vServe = await vd.serve({ host: '127.0.0.1', port: 0, pollMs: 20 });
    await sd.join({ host: '127.0.0.1', port: vServe.port, code: vd.invite(actor, 10).code, actor });
    const sServe = await sd.serve({ host: '127.0.0.1', port: 0, pollMs: 20, checkpointMs: 50 });
    try {
      const cosigned = () =>
        staff.core.store.db
          .prepare<[], { size: number }>('SELECT size FROM lan_cosignatures ORDER BY size')
          .all();
      for (let i = 0; i < 5; i++) staff.core.audit.append(entry(i));
      await until('first co-signature', () => cosigned().length >= 1);
      for (let i = 5; i < 40; i++) staff.core.audit.append(entry(i));
      const size = staff.core.audit.size();
      await until('second co-signature', () => cosigned().some((r) => r.size === size));
      expect(sd.verifyCosignatures()).toEqual({ cosignatures: cosigned().length, problems: [] });

      // The supervisor desk remembers a larger tree than the staff desk now has (its tail was lost).
      sup.core.store.db
        .prepare('UPDATE lan_witnessed SET size = size + 1000 WHERE peer = ? AND size = ?')
        .run(sd.identity.deviceId, size);
      staff.core.audit.append(entry(99));
      const alerted = await until('alert on the staff desk', () =>
        sd.alerts().find((a) => a.code === 'witness-refused'),
      );
      expect(alerted.detail).toMatch(/rollback/);
      expect(vd.alerts().map((a) => a.code)).toContain('ledger-rollback');
      // A forged co-signature held by the staff desk fails its check.
      const held = staff.core.store.db
        .prepare<[number], { line: string }>('SELECT line FROM lan_cosignatures WHERE size = ?')
        .get(size)!.line;
      const at = held.length - 10;
      const forged = `${held.slice(0, at)}${held[at] === 'Q' ? 'R' : 'Q'}${held.slice(at + 1)}`;
      staff.core.store.db.prepare('UPDATE lan_cosignatures SET line = ? WHERE size = ?').run(forged, size);
      expect(sd.verifyCosignatures().problems).toEqual([{ size, problem: 'bad-cosignature' }]);
    } finally {
      await sServe.close();
      await vServe.close();
    }
  });
});
