import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createCore, type Core } from '../container';
import { startTestCore, type TestCore } from '../container/testing';
import { createLogger } from '../log';
import { escalationService } from '../escalations';
import { conversationRepo } from '../pipeline';
import { startLinkCutter } from '../../test-support/link-cutter';
import type { LanActor, ServeOptions } from '.';
import { until as untilDefault } from '../../test-support';

/** This file's waits are short: the links are local and the intervals tight. */
const until = <T>(what: string, fn: () => T | undefined | null | false, ms = 5000) =>
  untilDefault(what, fn, { ms, everyMs: 10 });

const ESCALATING = 'My card 4111 1111 1111 1111 was stolen!!! I want a human NOW';
/** Polls and housekeeping far slower than any wait below: only the in-process wake can deliver in time. */
const NEVER = 10 * 60_000;

describe('LAN delivery wakes on append', { timeout: 60_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function linkedPair(
    staffPollMs: number,
    o: { relay?: boolean; staffServe?: Partial<ServeOptions>; supServe?: Partial<ServeOptions> } = {},
  ) {
    const staff: TestCore = await startTestCore();
    const sup: TestCore = await startTestCore();
    cleanups.push(staff.stop, sup.stop);
    const boss = sup.core.users.create({ name: 'Sam Supervisor', role: 'supervisor' });
    const actor: LanActor = { kind: 'user', id: boss.id, name: boss.name, role: 'supervisor' };
    const sd = await staff.core.lan.desk();
    const vd = await sup.core.lan.desk();
    const vServe = await vd.serve({
      host: '127.0.0.1',
      port: 0,
      pollMs: NEVER,
      houseMs: NEVER,
      ...o.supServe,
    });
    cleanups.push(() => vServe.close());
    // Through a relay the link can be held up without touching either desk.
    const relay = o.relay ? await startLinkCutter({ host: '127.0.0.1', port: vServe.port }) : null;
    if (relay) cleanups.push(() => relay.close());
    const port = relay?.port ?? vServe.port;
    await sd.join({ host: '127.0.0.1', port, code: vd.invite(actor, 10).code, actor });
    // One seed turn gives a valid handoff packet to copy; its escalation goes out on the first link.
    const pipeline = await staff.core.pipeline.get();
    await pipeline.runTurn({ conversationId: 'seed', text: ESCALATING, domain: 'bank' });
    const sServe = await sd.serve({
      host: '127.0.0.1',
      port: 0,
      pollMs: staffPollMs,
      houseMs: NEVER,
      ...o.staffServe,
    });
    cleanups.push(() => sServe.close());
    const inbox = (core: Core) =>
      core.store.db.prepare<[], { event_id: string }>('SELECT event_id FROM lan_inbox ORDER BY id').all();
    await until('seed escalation delivered', () =>
      inbox(sup.core).some((r) => !r.event_id.startsWith('ckpt:')),
    );
    const packet = staff.core.escalations.get(staff.core.escalations.forConversation('seed')[0]!.id).packet!;
    /** Opens an escalation on a connection to the staff store and queues it as a turn does. */
    const escalateOn = (core: Core, conversationId: string) => {
      const conv = conversationRepo(core.store).ensure(conversationId, 'bank', new Date().toISOString());
      const e = escalationService({
        store: core.store,
        audit: core.audit,
        conversations: core.conversations,
      }).open({
        conversationId: conv.id,
        subjectId: conv.subject_id,
        packet: { ...packet, conversationId: conv.id, turnId: `t-${conversationId}` },
        actor: { kind: 'system', id: 'test', role: 'system' },
      });
      core.lan.queue.onTurnDone(conv.id);
      return e.id;
    };
    return { staff, sup, sd, vd, actor, inbox, escalateOn, relay };
  }

  it('delivers in-process appends both ways at once, with every poll and timer minutes away', async () => {
    const { staff, sup, vd, actor, inbox, escalateOn } = await linkedPair(NEVER);
    const arrived = (core: Core, id: string) =>
      core.store.db.prepare('SELECT 1 FROM escalations WHERE id = ?').get(id) !== undefined;
    const up = escalateOn(staff.core, 'c1');
    await until('escalation on the supervisor desk', () => arrived(sup.core, up));
    vd.act(up, actor, { kind: 'claim' });
    await until('claim on the staff desk', () =>
      inbox(staff.core).some((r) => r.event_id.startsWith('evt_')),
    );
    expect(staff.core.store.db.prepare('SELECT status FROM escalations WHERE id = ?').pluck().get(up)).toBe(
      'claimed',
    );
  });

  it('never sends an event whose transaction rolled back', async () => {
    const { staff, sup, inbox, escalateOn } = await linkedPair(NEVER);
    let doomed = '';
    expect(() =>
      staff.core.store.db.transaction(() => {
        doomed = escalateOn(staff.core, 'rolled-back');
        throw new Error('abort the turn');
      })(),
    ).toThrow('abort the turn');
    const kept = escalateOn(staff.core, 'kept');
    await until('the kept escalation delivered', () =>
      inbox(sup.core).some((r) => r.event_id.startsWith(kept)),
    );
    expect(doomed).not.toBe('');
    expect(inbox(sup.core).filter((r) => r.event_id.startsWith(doomed))).toEqual([]);
    expect(sup.core.store.db.prepare('SELECT 1 FROM escalations WHERE id = ?').get(doomed)).toBeUndefined();
  });

  it('notices an append by another connection to the store at the next poll', async () => {
    const { staff, sup, inbox, escalateOn } = await linkedPair(20);
    // A second connection stands for another process (a CLI `turn` beside `lan serve`): it cannot wake us.
    const other = await createCore({
      config: loadConfig({ dataDir: staff.dir, mode: 'cli', modelsDir: `${staff.dir}/no-models` }),
      passphrase: 'test passphrase',
      log: createLogger({ level: 'silent' }),
    });
    cleanups.push(() => other.shutdown());
    const id = escalateOn(other, 'from-the-cli');
    await until('the other connection’s escalation delivered', () =>
      inbox(sup.core).some((r) => r.event_id.startsWith(id)),
    );
  });

  it('does not reset a healthy link whose first event after an idle spell is acknowledged late', async () => {
    const ackTimeoutMs = 400;
    const { staff, sup, sd, inbox, escalateOn, relay } = await linkedPair(20, {
      relay: true,
      staffServe: { houseMs: 20, ackTimeoutMs, checkpointMs: NEVER },
      supServe: { houseMs: 20, ackTimeoutMs, checkpointMs: NEVER },
    });
    await until('outbox acknowledged', () => sd.peers()[0]?.outbox === 0);
    // Idle for longer than the ack timeout (pings come every 10 s, checkpoints never), then the next event's
    // ack is held back for less than the ack timeout.
    await new Promise((r) => setTimeout(r, ackTimeoutMs + 300));
    // The pairing went through the relay too: count from here.
    const connections = relay!.stats().connections;
    relay!.blackhole(ackTimeoutMs / 2);
    const id = escalateOn(staff.core, 'after-idle');
    await until('delivered after the hold-up', () => inbox(sup.core).some((r) => r.event_id.startsWith(id)));
    await new Promise((r) => setTimeout(r, 100));
    expect(relay!.stats().connections).toBe(connections);
  });
});
