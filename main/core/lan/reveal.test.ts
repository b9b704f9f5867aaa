import { readFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../container/testing';
import type { LanActor } from '.';
import { until } from '../../test-support';

const CANARY = 'zebulon.canary@example.org';
const ESCALATING = `My card 4111 1111 1111 1111 was stolen!!! I want a human NOW. Write to ${CANARY}`;

const ledger = (t: TestCore, type: string) => {
  t.core.audit.flush();
  return (t.core.store.db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').pluck().all() as Buffer[])
    .map(
      (l) =>
        JSON.parse(Buffer.from(l).toString('utf8')) as { type: string; payload: Record<string, unknown> },
    )
    .filter((e) => e.type === type);
};

/** Every row of every table of the store, decrypted by the page cipher, as text. */
const everyRow = (t: TestCore) =>
  (t.core.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
    .map((table) => JSON.stringify(t.core.store.db.prepare(`SELECT * FROM "${table}"`).all()))
    .join('\n');

describe('reveal over the link', { timeout: 60_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('the staff desk reveals to the supervisor who claimed it; nothing revealed is stored on the supervisor desk', async () => {
    const saved = process.env.CONFIDANT_FLAGS;
    // The staff desk holds the originals and decides: only its flag is on.
    process.env.CONFIDANT_FLAGS = 'rehydrateForStaff=on';
    const staff = await startTestCore();
    if (saved === undefined) delete process.env.CONFIDANT_FLAGS;
    else process.env.CONFIDANT_FLAGS = saved;
    const sup = await startTestCore();
    cleanups.push(staff.stop, sup.stop);
    const supUser = sup.core.users.create({ name: 'Sam Supervisor', role: 'supervisor' });
    const other = sup.core.users.create({ name: 'Olga Other', role: 'supervisor' });
    const staffUser = staff.core.users.create({ name: 'Ada Agent', role: 'agent' });
    const sam: LanActor = { kind: 'user', id: supUser.id, name: supUser.name, role: 'supervisor' };
    const olga: LanActor = { kind: 'user', id: other.id, name: other.name, role: 'supervisor' };
    const sd = await staff.core.lan.desk();
    const vd = await sup.core.lan.desk();
    const vServe = await vd.serve({ host: '127.0.0.1', port: 0, pollMs: 20 });
    cleanups.push(() => vServe.close());
    const { code } = vd.invite(sam, 10);
    await sd.join({
      host: '127.0.0.1',
      port: vServe.port,
      code,
      actor: { kind: 'user', id: staffUser.id, name: staffUser.name, role: 'agent' },
    });
    const pipeline = await staff.core.pipeline.get();
    expect(
      (await pipeline.runTurn({ conversationId: 'rv-1', text: ESCALATING, domain: 'bank' })).escalated,
    ).toBe(true);
    const sServe = await sd.serve({
      host: '127.0.0.1',
      port: 0,
      pollMs: 20,
      backoffMs: { min: 20, max: 200 },
    });
    cleanups.push(() => sServe.close());
    const id = staff.core.store.db.prepare('SELECT id FROM escalations').pluck().get() as string;
    await until('escalation on the supervisor desk', () => vd.isRemote(id));
    await until('the link', () => vServe.linkedPeers().length === 1);

    await expect(vd.reveal(id, sam, 'Customer disputes the block, verifying identity')).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    vd.act(id, sam, { kind: 'claim' });
    await until('the claim on the staff desk', () =>
      staff.core.store.db.prepare("SELECT 1 FROM escalations WHERE id = ? AND status = 'claimed'").get(id),
    );
    await expect(
      vd.reveal(id, olga, 'Customer disputes the block, verifying identity'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      vd.reveal(id, { ...sam, role: 'agent' }, 'Customer disputes the block, verifying identity'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const shown = (await vd.reveal(id, sam, 'Customer disputes the block, verifying identity')) as {
      revealed: number;
      types: string[];
    };
    expect(JSON.stringify(shown)).toContain(CANARY);
    expect(shown.revealed).toBeGreaterThan(0);

    // Both ledgers record it: the reveal itself on the staff desk, the request and its outcome here.
    expect(ledger(staff, 'escalation.pii_revealed')).toHaveLength(1);
    expect(
      ledger(staff, 'lan.event_received')
        .filter((e) => e.payload.event === 'reveal')
        .map((e) => e.payload.outcome),
    ).toEqual(['refused', 'refused', 'shown']);
    expect(ledger(sup, 'lan.reveal').map((e) => e.payload.outcome)).toEqual(['refused', 'refused', 'shown']);
    expect(staff.core.audit.verify().ok).toBe(true);
    expect(sup.core.audit.verify().ok).toBe(true);

    // Nothing revealed at rest on the supervisor desk: not in any row (decrypted), nor in the file or its WAL.
    expect(everyRow(sup)).not.toContain(CANARY);
    sup.core.audit.flush();
    for (const f of [sup.core.store.dbPath, `${sup.core.store.dbPath}-wal`].filter((p) => existsSync(p)))
      expect(readFileSync(f).includes(Buffer.from(CANARY))).toBe(false);
  });
});
