import { randomUUID } from 'node:crypto';
import type { Server, TLSSocket } from 'node:tls';
import { ERROR_CODES, UserError, type ErrorCode } from '../../../shared/errors';
import type { Store } from '../store';
import type { Message } from './frames';
import { setRole, type DeskIdentity, type DeskRole } from './identity';
import { MAX_PAIRING_FAILURES, pairingMac, type invites as invitesRepo } from './pairing';
import type { LanAudit, LanLog } from './ports';
import { onOutboxAppend, type LanRepo, type PeerRow } from './repo';
import { lanMark, lanTracing } from './trace';
import { DEFAULT_TIMEOUTS, dial, Link, startServer } from './transport';
import type { ServeHandle, ServeOptions } from './desk';

/** A peer whose clock is further off than this is flagged (SLA timers run on the supervisor's clock). */
export const MAX_CLOCK_SKEW_MS = 60_000;
const WINDOW = 64;
const ACK_TIMEOUT_MS = 10_000;
const PING_MS = 10_000;
/** While serving, SQLite checkpoints by itself only past this many WAL pages (16 MiB at 4 KiB pages). */
export const WAL_BACKSTOP_PAGES = 4000;

/** What the endpoint needs from the desk that owns it. */
export interface DeskInternals {
  store: Pick<Store, 'db'>;
  repo: LanRepo;
  invites: ReturnType<typeof invitesRepo>;
  identity: DeskIdentity;
  role(): DeskRole;
  log: LanLog;
  audit: LanAudit;
  now(): Date;
  /** Records and applies one event exactly once. */
  receive(peer: PeerRow, seq: number, eventId: string, type: string, body: unknown): void;
  /** Work that can be shared by the events of one batch before they are applied (their new keys). */
  prepareBatch(peer: PeerRow, bodies: readonly unknown[]): void;
  queueCheckpoint(): boolean;
  reconcile(): number;
  /** Staff desk: answers a paired supervisor desk's reveal request (checks, reveals, audits). */
  answerReveal(peer: PeerRow, req: RevealRequest): Promise<unknown>;
}

export interface RevealRequest {
  escalationId: string;
  by: string;
  role: string;
  reason: string;
}

const REVEAL_TIMEOUT_MS = 10_000;

const short = (id: string) => id.slice(0, 16);
const system = { kind: 'system' as const, id: 'lan', role: 'system' };

/**
 * The desk's LAN endpoint: the TLS listener (links and pairing), the staff desk's dialer, and per link the
 * outbox pump (window, cumulative acks, resend from the ack on every new link) and the inbox batcher.
 */
export async function serveDesk(d: DeskInternals, options: ServeOptions): Promise<ServeHandle> {
  const { store, repo, identity, log, now, role, receive, queueCheckpoint } = d;
  const inv = d.invites;
  const ports = { audit: d.audit };
  const desk = { reconcile: d.reconcile };
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const pollMs = options.pollMs ?? 20;
  const houseMs = options.houseMs ?? 100;
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  const backoff = options.backoffMs ?? { min: 200, max: 5000 };
  const walIdleMs = options.walIdleMs ?? 200;
  const sessions = new Map<string, Session>();
  const dialing = new Map<string, { attempt: number; nextAt: number; busy: boolean }>();
  let failures = 0;
  let stopped = false;
  const asked = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  interface Session {
    link: Link;
    peer: PeerRow;
    hello: boolean;
    sentUpTo: number;
    /** Sequence numbers sent on this link and not yet acknowledged, ascending. */
    inFlight: number[];
    /** The peer's cumulative ack, persisted lazily: a lost ack only means a resend, which is deduped. */
    acked: number;
    ackedSaved: number;
    batch: Array<{ seq: number; id: string; type: string; body: unknown }>;
    lastProgress: number;
    lastPing: number;
  }

  const pump = (s: Session) => {
    if (!s.hello || !s.link.isOpen) return;
    if (s.sentUpTo < s.acked) s.sentUpTo = s.acked;
    while (s.inFlight.length > 0 && s.inFlight[0]! <= s.acked) s.inFlight.shift();
    // At most WINDOW events in flight; only rows after the last one sent are read (and their bodies opened).
    const room = WINDOW - s.inFlight.length;
    if (room <= 0) return;
    for (const row of repo.pending(s.peer, room, s.sentUpTo)) {
      // A customer erased after the event was queued: its body is unreadable, only the sequence survives.
      const body = repo.openBody(row);
      lanMark(row.event_id, 'send');
      s.link.send({
        t: 'event',
        seq: row.seq,
        id: row.event_id,
        type: body === null ? 'void' : row.type,
        body: body ?? {},
      });
      s.sentUpTo = row.seq;
      // The ack clock starts when the window stops being empty: after an idle spell the first event must not
      // count as unacknowledged since the last ack (that reset a healthy link at the next housekeeping).
      if (s.inFlight.length === 0) s.lastProgress = Date.now();
      s.inFlight.push(row.seq);
    }
  };

  /**
   * An in-process append wakes every link at once. The append may sit inside a transaction that has not
   * committed (or will roll back), so the outbox is read on the next turn of the event loop, never inside it.
   */
  let wakeQueued = false;
  const wake = () => {
    if (wakeQueued || stopped) return;
    wakeQueued = true;
    setImmediate(() => {
      wakeQueued = false;
      if (stopped) return;
      if (store.db.inTransaction) {
        setTimeout(wake, 1);
        return;
      }
      for (const s of sessions.values()) pump(s);
    });
  };
  const unsubscribe = onOutboxAppend(store, wake);

  /**
   * Appends by other processes (a CLI `turn` or `escalations claim` beside `lan serve`) cannot call `wake`:
   * `PRAGMA data_version` changes when another connection commits, so each poll costs one pragma until then.
   */
  const dataVersion = store.db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  const watch = () => {
    if (stopped) return;
    const v = dataVersion.get();
    if (v === seenVersion) return;
    seenVersion = v;
    for (const s of sessions.values()) pump(s);
  };

  const saveAck = (s: Session) => {
    if (s.acked > s.ackedSaved) {
      repo.ack(s.peer.device_id, s.acked);
      s.ackedSaved = s.acked;
    }
  };

  const flushBatch = (s: Session) => {
    const events = s.batch.splice(0);
    if (events.length === 0 || !s.link.isOpen) return;
    const tracing = lanTracing();
    if (tracing) for (const e of events) lanMark(e.id, 'flush');
    d.prepareBatch(
      s.peer,
      events.map((e) => e.body),
    );
    store.db
      .transaction(() => {
        for (const e of events) receive(s.peer, e.seq, e.id, e.type, e.body);
        if (tracing) for (const e of events) lanMark(e.id, 'applied');
      })
      .immediate();
    if (tracing) for (const e of events) lanMark(e.id, 'committed');
    lastWrite = Date.now();
    s.link.send({ t: 'ack', upTo: Math.max(...events.map((e) => e.seq)) });
  };

  const attach = (socket: TLSSocket, fp: string) => {
    const peer = repo.activePeer(fp);
    if (!peer) return socket.destroy();
    sessions.get(fp)?.link.socket.destroy();
    const s: Session = {
      peer,
      hello: false,
      sentUpTo: repo.acked(fp),
      inFlight: [],
      acked: repo.acked(fp),
      ackedSaved: repo.acked(fp),
      batch: [],
      lastProgress: Date.now(),
      lastPing: Date.now(),
      link: new Link(
        socket,
        fp,
        log,
        (m) => onMessage(s, m),
        (l) => {
          if (sessions.get(fp)?.link === l) sessions.delete(fp);
        },
        t,
      ),
    };
    sessions.set(fp, s);
    s.link.send({
      t: 'hello',
      deviceId: identity.deviceId,
      role: role(),
      time: now().getTime(),
      proto: 1,
    });
  };

  const onMessage = (s: Session, m: Message) => {
    switch (m.t) {
      case 'hello': {
        if (m.deviceId !== s.peer.device_id || m.role !== s.peer.role) {
          log.warn({ peer: short(s.peer.device_id), reason: 'hello-mismatch' }, 'lan link refused');
          s.link.socket.destroy();
          return;
        }
        const skew = m.time - now().getTime();
        repo.touch(s.peer.device_id, now().toISOString(), skew);
        if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
          repo.alert(s.peer.device_id, 'clock-skew', `${Math.round(skew / 1000)}s`, now().toISOString());
          ports.audit.append({
            type: 'lan.alert',
            actor: system,
            payload: { peer: s.peer.device_id, code: 'clock-skew', skewMs: skew },
          });
        }
        s.hello = true;
        s.lastProgress = Date.now();
        const d = dialing.get(s.peer.device_id);
        if (d) d.attempt = 0;
        pump(s);
        return;
      }
      case 'event':
        if (!s.hello) return s.link.socket.destroy();
        lanMark(m.id, 'received');
        // Events that arrive together are applied in one transaction (one fsync) and acked once.
        if (s.batch.push({ seq: m.seq, id: m.id, type: m.type, body: m.body }) === 1)
          setImmediate(() => flushBatch(s));
        return;
      case 'ack':
        s.acked = Math.max(s.acked, m.upTo);
        s.lastProgress = Date.now();
        pump(s);
        return;
      case 'ping':
        repo.touch(s.peer.device_id, now().toISOString(), null);
        return;
      case 'reveal-req': {
        if (!s.hello) return s.link.socket.destroy();
        const { rid, escalationId, by, role: asRole, reason } = m;
        const answer = (a: { ok: boolean; code?: string; message?: string; result?: unknown }) => {
          if (s.link.isOpen) s.link.send({ t: 'reveal-ans', rid, ...a });
        };
        if (s.peer.role !== 'supervisor') {
          answer({ ok: false, code: 'FORBIDDEN', message: 'Only a supervisor desk may ask for a reveal.' });
          return;
        }
        d.answerReveal(s.peer, { escalationId, by, role: asRole, reason }).then(
          (result) => answer({ ok: true, result }),
          (err: unknown) =>
            answer(
              err instanceof UserError
                ? { ok: false, code: err.code, message: err.message }
                : { ok: false, code: 'INTERNAL', message: 'The staff desk could not answer.' },
            ),
        );
        return;
      }
      case 'reveal-ans': {
        const waiting = asked.get(m.rid);
        if (!waiting) return;
        asked.delete(m.rid);
        clearTimeout(waiting.timer);
        if (m.ok) waiting.resolve(m.result);
        else
          waiting.reject(
            new UserError(
              (ERROR_CODES as readonly string[]).includes(m.code ?? '') ? (m.code as ErrorCode) : 'INTERNAL',
              m.message ?? 'The staff desk refused the reveal.',
            ),
          );
        return;
      }
      case 'bye':
        if (m.reason === 'unpaired') {
          repo.alert(s.peer.device_id, 'peer-unpaired', 'the peer revoked the pairing', now().toISOString());
          repo.revoke(s.peer.device_id, now().toISOString());
        }
        s.link.socket.end();
        return;
      default:
        s.link.socket.destroy();
    }
  };

  const onPairing = (socket: TLSSocket, fp: string) => {
    const link = new Link(
      socket,
      fp,
      log,
      (m) => {
        if (m.t !== 'pair') return socket.destroy();
        const at = now();
        const key = inv.consume(m.mac, fp, identity.deviceId, at);
        if (!key) {
          failures++;
          if (failures >= MAX_PAIRING_FAILURES) {
            inv.voidAll(at);
            failures = 0;
          }
          log.warn({ peer: short(fp), reason: 'bad-code' }, 'lan pairing refused');
          link.send({ t: 'pair-fail', reason: 'bad-code' });
          socket.end();
          return;
        }
        const certPem = certPemOf(socket);
        store.db
          .transaction(() => {
            repo.pin({
              deviceId: fp,
              role: 'staff',
              certPem,
              address: null,
              by: 'invite',
              at: at.toISOString(),
            });
            setRole(store, 'supervisor');
            ports.audit.append({
              type: 'lan.paired',
              actor: system,
              payload: { peer: fp, peerRole: 'staff', as: 'supervisor' },
            });
          })
          .immediate();
        link.send({
          t: 'paired',
          role: 'supervisor',
          mac: pairingMac(key, 'supervisor', identity.deviceId, fp),
        });
        socket.end();
      },
      () => {},
      { ...t, idleMs: Math.min(t.idleMs, 10_000) },
    );
  };

  const server: Server = startServer(
    identity,
    {
      isPinned: (fp) => repo.activePeer(fp) !== undefined,
      pairingOpen: () => inv.anyActive(now()),
      onLink: attach,
      onPairing,
    },
    log,
    t,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const dialPeers = () => {
    if (role() !== 'staff') return;
    for (const p of repo.activePeers()) {
      if (p.role !== 'supervisor' || !p.address || sessions.has(p.device_id)) continue;
      const d = dialing.get(p.device_id) ?? { attempt: 0, nextAt: 0, busy: false };
      dialing.set(p.device_id, d);
      if (d.busy || Date.now() < d.nextAt) continue;
      d.busy = true;
      const i = p.address.lastIndexOf(':');
      dial(
        identity,
        { host: p.address.slice(0, i), port: Number(p.address.slice(i + 1)) },
        { expect: p.device_id },
        t,
      )
        .then(({ socket }) => {
          if (stopped) return socket.destroy();
          attach(socket, p.device_id);
        })
        .catch(() => {
          const delay = Math.min(backoff.max, backoff.min * 2 ** d.attempt);
          d.attempt++;
          // Jitter keeps many staff desks from reconnecting in lockstep after the supervisor restarts.
          d.nextAt = Date.now() + delay * (0.5 + Math.random() / 2);
        })
        .finally(() => {
          d.busy = false;
        });
    }
  };

  /**
   * A checkpoint copies the WAL into the database file and fsyncs it: 20-90 ms under load. Run inside a
   * commit (SQLite's default, every 1000 pages) it lands on one event's delivery; here it runs when nothing
   * has been written for walIdleMs. PASSIVE never waits for readers or writers (other processes) and
   * changes nothing about durability: every commit is already durable in the WAL.
   */
  let lastWrite = Date.now();
  let walDirty = true;
  let lastIdleCheckpoint = 0;
  const previousAutocheckpoint =
    walIdleMs > 0 ? (store.db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
  if (walIdleMs > 0) store.db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const unsubscribeWrites = onOutboxAppend(store, () => {
    lastWrite = Date.now();
    walDirty = true;
  });
  const checkpointIfIdle = () => {
    if (walIdleMs <= 0 || store.db.inTransaction) return;
    if (lastWrite > lastIdleCheckpoint) walDirty = true;
    if (!walDirty || Date.now() - lastWrite < walIdleMs) return;
    walDirty = false;
    lastIdleCheckpoint = Date.now();
    try {
      store.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      log.warn({ err: (err as Error).name }, 'lan idle checkpoint failed');
    }
  };

  let lastCheckpointAt = 0;
  const tick = () => {
    if (stopped) return;
    checkpointIfIdle();
    dialPeers();
    if (Date.now() - lastCheckpointAt > (options.checkpointMs ?? 2000)) {
      lastCheckpointAt = Date.now();
      try {
        queueCheckpoint();
      } catch (err) {
        log.warn({ err: (err as Error).name }, 'lan checkpoint not queued');
      }
    }
    for (const s of sessions.values()) {
      if (!repo.activePeer(s.peer.device_id)) {
        s.link.close('unpaired');
        continue;
      }
      saveAck(s);
      if (Date.now() - s.lastPing > PING_MS) {
        s.lastPing = Date.now();
        s.link.send({ t: 'ping' });
      }
      if (s.sentUpTo > s.acked && Date.now() - s.lastProgress > ackTimeoutMs) {
        log.warn({ peer: short(s.peer.device_id), reason: 'ack-timeout' }, 'lan link reset');
        s.link.socket.destroy();
        continue;
      }
      pump(s);
    }
  };
  desk.reconcile();
  const timer = setInterval(tick, houseMs);
  const watcher = setInterval(watch, pollMs);
  tick();
  return {
    port,
    kick: () => {
      for (const s of sessions.values()) pump(s);
    },
    linkedPeers: () => [...sessions.values()].filter((s) => s.hello).map((s) => s.peer.device_id),
    askReveal(deviceId, req) {
      const s = sessions.get(deviceId);
      if (!s || !s.hello || !s.link.isOpen)
        return Promise.reject(
          new UserError('UNAVAILABLE', 'The staff desk of this escalation is not linked now; try again.'),
        );
      const rid = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          asked.delete(rid);
          reject(new UserError('TIMEOUT', 'The staff desk did not answer the reveal in time.'));
        }, REVEAL_TIMEOUT_MS);
        asked.set(rid, { resolve, reject, timer });
        s.link.send({ t: 'reveal-req', rid, ...req });
      });
    },
    async close() {
      stopped = true;
      clearInterval(timer);
      clearInterval(watcher);
      unsubscribe();
      unsubscribeWrites();
      if (previousAutocheckpoint !== null && store.db.open)
        store.db.pragma(`wal_autocheckpoint = ${previousAutocheckpoint}`);
      for (const [rid, w] of asked) {
        asked.delete(rid);
        clearTimeout(w.timer);
        w.reject(new UserError('UNAVAILABLE', 'The LAN endpoint stopped.'));
      }
      for (const s of sessions.values()) {
        saveAck(s);
        s.link.close('shutdown');
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions.values()) s.link.socket.destroy();
      });
    },
  };
}

export function certPemOf(socket: TLSSocket): string {
  const der = socket.getPeerCertificate(true).raw.toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${der.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
