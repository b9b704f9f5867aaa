import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lanPorts } from '../container';
import { startTestCore, type TestCore } from '../container/testing';
import { createLogger } from '../log';
import { openLanDesk, type LanActor, type LanDesk, type ServeHandle } from '.';
import { encodeFrame, FRAME_VERSION, MAX_FRAME } from './frames';
import { loadOrCreateIdentity, readIdentity, type DeskIdentity } from './identity';
import { dial } from './transport';
import { browseDesks, startDiscovery } from './discovery';
import { until as untilDefault } from '../../test-support';

/** This file's waits are short: the links are local and the intervals tight. */
const until = <T>(what: string, fn: () => T | undefined | null | false, ms = 10000) =>
  untilDefault(what, fn, { ms, everyMs: 20 });

const FAST = { handshakeMs: 400, idleMs: 1500 };

interface Captured {
  msg: string;
  reason?: string;
}

describe('LAN link security (loopback)', { timeout: 60_000 }, () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const staff: TestCore = await startTestCore();
    const sup: TestCore = await startTestCore();
    cleanups.push(staff.stop, sup.stop);
    const logs: Captured[] = [];
    const capture = {
      info: () => {},
      warn: (o: object, msg: string) => logs.push({ msg, ...(o as { reason?: string }) }),
    };
    const portsOf = (t: TestCore) => ({
      ...lanPorts({
        store: t.core.store,
        audit: t.core.audit,
        users: t.core.users,
        events: t.core.events,
        log: createLogger({ level: 'silent' }),
      }),
      log: capture,
    });
    const vd: LanDesk = await openLanDesk(sup.core.store, portsOf(sup));
    const sd: LanDesk = await openLanDesk(staff.core.store, portsOf(staff));
    const supUser = sup.core.users.create({ name: 'Sam', role: 'supervisor' });
    const actor: LanActor = { kind: 'user', id: supUser.id, name: 'Sam', role: 'supervisor' };
    const serve: ServeHandle = await vd.serve({ host: '127.0.0.1', port: 0, pollMs: 20, timeouts: FAST });
    cleanups.push(() => serve.close());
    const { code } = vd.invite(actor, 10);
    await sd.join({ host: '127.0.0.1', port: serve.port, code, actor: { ...actor, role: 'agent' } });
    const staffId = readIdentity(staff.core.store) as DeskIdentity;
    return { staff, sup, vd, sd, serve, logs, staffId, actor };
  }

  /** A raw client speaking frames by hand, as the paired staff desk (or anyone holding a key). */
  async function raw(id: DeskIdentity, port: number, expect: string) {
    const { socket } = await dial(id, { host: '127.0.0.1', port }, { expect }, FAST);
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => received.push(c));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    cleanups.push(() => void socket.destroy());
    return { socket, received, closed };
  }

  const hello = (id: DeskIdentity, n: number) =>
    encodeFrame({ t: 'hello', n, deviceId: id.deviceId, role: 'staff', time: Date.now(), proto: 1 });

  it('refuses an unpaired desk at the handshake, before any frame', async () => {
    const { serve, vd, logs } = await setup();
    const stranger = await startTestCore();
    cleanups.push(stranger.stop);
    const id = await loadOrCreateIdentity(stranger.core.store);
    const c = await raw(id, serve.port, vd.identity.deviceId);
    c.socket.write(hello(id, 0));
    await c.closed;
    expect(Buffer.concat(c.received).length).toBe(0);
    expect(logs.some((l) => l.reason === 'not-pinned')).toBe(true);
    expect(serve.linkedPeers()).toEqual([]);
  });

  it('refuses another certificate under a paired id, on both ends', async () => {
    const { serve, vd, staffId, logs } = await setup();
    const impostor = await startTestCore();
    cleanups.push(impostor.stop);
    const other = await loadOrCreateIdentity(impostor.core.store);
    // Claims the paired staff desk's device id in its hello, but its certificate is not the pinned one.
    const c = await raw(other, serve.port, vd.identity.deviceId);
    c.socket.write(hello({ ...other, deviceId: staffId.deviceId }, 0));
    await c.closed;
    expect(Buffer.concat(c.received).length).toBe(0);
    expect(logs.filter((l) => l.reason === 'not-pinned')).toHaveLength(1);
    // And a staff desk dialing its pinned supervisor refuses a server with any other certificate.
    await expect(
      dial(staffId, { host: '127.0.0.1', port: serve.port }, { expect: staffId.deviceId }, FAST),
    ).rejects.toThrow(/not the pinned one/);
  });

  it('drops replayed and reordered frames, bad versions, oversized and malformed frames, and goes on delivering', async () => {
    const { serve, vd, staffId, logs, sup } = await setup();
    const c = await raw(staffId, serve.port, vd.identity.deviceId);
    c.socket.write(hello(staffId, 0));
    await until('linked', () => serve.linkedPeers().length === 1);
    const event = (n: number, seq: number, id: string) =>
      encodeFrame({
        t: 'event',
        n,
        seq,
        id,
        type: 'escalation.whisper',
        body: { escalationId: 'x', by: 'y', text: 'z' },
      });
    const huge = Buffer.alloc(9);
    huge.writeUInt8(FRAME_VERSION, 0);
    huge.writeUInt32BE(MAX_FRAME + 1, 1);
    c.socket.write(
      Buffer.concat([
        event(5, 1, 'e-1'),
        event(5, 2, 'e-2'), // replayed frame number
        event(3, 3, 'e-3'), // reordered (older) frame number
        encodeFrame({ t: 'ping', n: 6 }, 7), // unknown version
        encodeFrame({ t: 'event', n: 7, seq: 4, id: 'e-4', type: 'escalation.whisper', body: {}, evil: 1 }), // fails the schema
        huge, // claims more than the cap: skipped by its length, never buffered
      ]),
    );
    c.socket.write(Buffer.alloc(MAX_FRAME + 1 - 4, 0x20));
    c.socket.write(Buffer.concat([event(8, 5, 'e-1'), event(9, 6, 'e-6')])); // duplicate event id, then a new one
    const inbox = () =>
      sup.core.store.db.prepare<[], { event_id: string }>('SELECT event_id FROM lan_inbox ORDER BY id').all();
    await until('e-6 received', () => inbox().some((r) => r.event_id === 'e-6'));
    expect(inbox().map((r) => r.event_id)).toEqual(['e-1', 'e-6']);
    const reasons = logs.map((l) => l.reason).filter(Boolean);
    expect(reasons.filter((r) => r === 'replayed-or-reordered')).toHaveLength(2);
    expect(reasons).toEqual(expect.arrayContaining(['unknown-version', 'malformed', 'oversized']));
    // Acks are cumulative and cover the duplicate too: the sender can move on.
    await until('the cumulative ack', () => Buffer.concat(c.received).toString('utf8').includes('"upTo":6'));
  });

  it('flags a peer whose clock is more than a minute off', async () => {
    const { serve, vd, staffId } = await setup();
    const c = await raw(staffId, serve.port, vd.identity.deviceId);
    c.socket.write(
      encodeFrame({
        t: 'hello',
        n: 0,
        deviceId: staffId.deviceId,
        role: 'staff',
        time: Date.now() + 5 * 60_000,
        proto: 1,
      }),
    );
    const alert = await until('clock alert', () => vd.alerts().find((a) => a.code === 'clock-skew'));
    expect(alert.peer).toBe(staffId.deviceId);
    expect(vd.peers()[0]?.clockSkewMs).toBeGreaterThan(60_000);
  });

  it('cuts slow-loris connections: a silent TCP client at the handshake, and a stalled link', async () => {
    const { serve, vd, staffId, logs } = await setup();
    const silent = tcpConnect(serve.port, '127.0.0.1');
    const closedAt = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      silent.on('close', () => resolve(Date.now() - t0));
      silent.on('error', () => {});
    });
    expect(closedAt).toBeLessThan(3000);
    expect(logs.some((l) => l.reason === 'handshake-timeout')).toBe(true);
    const c = await raw(staffId, serve.port, vd.identity.deviceId);
    c.socket.write(hello(staffId, 0));
    c.socket.write(encodeFrame({ t: 'ping', n: 1 }).subarray(0, 3)); // and then nothing
    await c.closed;
    expect(logs.some((l) => l.reason === 'idle')).toBe(true);
  });

  it('announces only a rotating blinded id and the role over mDNS, nothing stable across restarts', async () => {
    const network = { interface: '127.0.0.1', bind: '0.0.0.0' };
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const ad = startDiscovery({ port: 40000 + i, role: 'supervisor', network });
      try {
        const desks = await browseDesks({ timeoutMs: 1500, network });
        const mine = desks.find((d) => d.id === ad.currentId());
        expect(mine).toEqual({
          id: ad.currentId(),
          role: 'supervisor',
          address: expect.stringMatching(/:4000\d$/),
        });
        ids.push(ad.currentId());
      } finally {
        await ad.stop();
      }
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});
