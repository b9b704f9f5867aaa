import { createHash, randomUUID } from 'node:crypto';
import type { Server, TLSSocket } from 'node:tls';
import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { DOWN_EVENTS, isDown, isUp, UP_EVENTS, type SupervisorAction } from './events';
import type { Message } from './frames';
import { loadOrCreateIdentity, setRole, type DeskIdentity, type DeskRole } from './identity';
import { invites, macEquals, macKeyFor, MAX_PAIRING_FAILURES, pairingMac } from './pairing';
import type { EscalationSnapshot, LanActor, LanPorts } from './ports';
import { lanRepo, TO_SUPERVISORS, type PeerRow } from './repo';
import { judgeCheckpoint, loadCosigner, verifyCosignature, verifyHeldCosignatures } from './witness';
import { DEFAULT_TIMEOUTS, dial, Link, startServer, type TransportTimeouts } from './transport';

/** A peer whose clock is further off than this is flagged (SLA timers run on the supervisor's clock). */
export const MAX_CLOCK_SKEW_MS = 60_000;
const WINDOW = 64;
const ACK_TIMEOUT_MS = 10_000;
const PING_MS = 10_000;
const LINKED_WINDOW_MS = 25_000;

export interface PeerView {
  deviceId: string;
  role: DeskRole;
  fingerprint: string;
  linked: boolean;
  lastSeen: string | null;
  outbox: number;
  clockSkewMs: number | null;
}

export interface ServeOptions {
  host: string;
  port: number;
  timeouts?: Partial<TransportTimeouts>;
  /** How often the outbox is polled for events written by other processes (CLI commands, turns). */
  pollMs?: number;
  /** How often a staff desk signs and queues a checkpoint for its supervisor desk to witness. */
  checkpointMs?: number;
  /** Reconnect backoff bounds. */
  backoffMs?: { min: number; max: number };
}

export interface ServeHandle {
  port: number;
  /** Delivers in-process outbox writes at once instead of at the next poll. */
  kick(): void;
  linkedPeers(): string[];
  close(): Promise<void>;
}

export class PairingRefused extends UserError {
  constructor() {
    super('UNAUTHORIZED', 'The pairing code is wrong, used or expired.');
  }
}

export interface LanDesk {
  readonly identity: DeskIdentity;
  role(): DeskRole;
  invite(actor: LanActor, ttlMinutes: number): { code: string; expires: string };
  join(input: {
    host: string;
    port: number;
    code: string;
    actor: LanActor;
    timeouts?: Partial<TransportTimeouts>;
  }): Promise<{ deviceId: string; role: DeskRole; fingerprint: string }>;
  peers(): PeerView[];
  unpair(deviceId: string, actor: LanActor): void;
  /** Staff desk: queues the opened/updated events of a conversation's escalations (after each turn). */
  onTurnDone(conversationId: string): number;
  /** Staff desk: queues anything not yet queued (start-up, after pairing). Idempotent. */
  reconcile(): number;
  /** Supervisor desk: acts on an escalation and queues the news for the desk it came from. */
  act(escalationId: string, actor: LanActor, action: SupervisorAction): void;
  deskOf(escalationId: string): string;
  staffTimeline(
    escalationId: string,
  ): Array<{ type: string; by: string | null; at: string; text: string | null }>;
  alerts(): Array<{ peer: string | null; code: string; detail: string; at: string }>;
  /** Staff desk: signs a checkpoint if there is anything new and queues it for the supervisor to witness. */
  queueCheckpoint(): boolean;
  /** Staff desk: checks every co-signature it holds against its own checkpoints. */
  verifyCosignatures(): ReturnType<typeof verifyHeldCosignatures>;
  serve(options: ServeOptions): Promise<ServeHandle>;
}

export async function openLanDesk(store: Pick<Store, 'db' | 'cipher'>, ports: LanPorts): Promise<LanDesk> {
  const now = ports.now ?? (() => new Date());
  const identity = await loadOrCreateIdentity(store, now());
  const repo = lanRepo(store);
  const inv = invites(store);
  const { log } = ports;
  const role = (): DeskRole =>
    store.db.prepare<[], { role: DeskRole }>('SELECT role FROM lan_identity WHERE id = 1').get()?.role ??
    'staff';
  const system = { kind: 'system' as const, id: 'lan', role: 'system' };
  const short = (id: string) => id.slice(0, 16);

  const queue = createLanQueue(store, ports);

  // --- witnessing -----------------------------------------------------------------------------------------
  const raise = (peer: string | null, code: string, detail: string, at: string) => {
    repo.alert(peer, code, detail, at);
    ports.audit.append({ type: 'lan.alert', actor: system, payload: { peer, code, detail } });
    ports.events.publish({ topic: 'lan.alert', data: { peer, code } });
    log.warn({ peer: peer ? short(peer) : null, code }, 'lan alert');
  };

  /** Supervisor desk: verify a staff desk's checkpoint, then co-sign it or refuse and raise the alarm. */
  const witnessCheckpoint = (
    peer: PeerRow,
    b: { note: string; vkey: string; from: number; proof: string[] },
    at: string,
  ) => {
    const last = store.db
      .prepare<[string], { size: number; root: string; desk_vkey: string }>(
        'SELECT size, root, desk_vkey FROM lan_witnessed WHERE peer = ? ORDER BY size DESC LIMIT 1',
      )
      .get(peer.device_id);
    const verdict = judgeCheckpoint(b, last);
    if (!verdict.ok) {
      raise(
        peer.device_id,
        'ledger-' + verdict.reason,
        `refused a co-signature (last co-signed size ${last?.size ?? 0})`,
        at,
      );
      repo.enqueue({
        eventId: `evt_${randomUUID()}`,
        type: 'audit.refused',
        target: peer.device_id,
        subjectId: null,
        body: { size: parseCheckpointSize(b.note), reason: verdict.reason },
        at,
      });
      return;
    }
    const cosigner = loadCosigner(store, identity.deviceId, now());
    store.db
      .prepare(
        'INSERT INTO lan_witnessed (peer, size, root, note, desk_vkey, cosigned_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(peer.device_id, verdict.size, verdict.root, b.note, b.vkey, at);
    repo.enqueue({
      eventId: `cosig:${verdict.size}:${verdict.root}`,
      type: 'audit.cosignature',
      target: peer.device_id,
      subjectId: null,
      body: {
        size: verdict.size,
        root: verdict.root,
        line: cosigner.cosign(verdict.body, Math.floor(now().getTime() / 1000)),
        vkey: cosigner.vkey,
      },
      at,
    });
  };

  /** Staff desk: keep a co-signature of one of our own checkpoints, after checking it. */
  const storeCosignature = (
    peer: PeerRow,
    b: { size: number; root: string; line: string; vkey: string },
    at: string,
  ) => {
    const pinned = store.db
      .prepare<[string], { witness_vkey: string }>(
        'SELECT witness_vkey FROM lan_cosignatures WHERE peer = ? LIMIT 1',
      )
      .get(peer.device_id);
    if (pinned && pinned.witness_vkey !== b.vkey)
      throw new UserError('VALIDATION', 'The witness key changed.');
    const own = ports.audit.checkpoints().find((c) => c.size === b.size && c.root === b.root);
    if (!own || !verifyCosignature(b.line, noteBody(own.note), b.vkey))
      throw new UserError('VALIDATION', 'Co-signature does not verify over our checkpoint.');
    store.db
      .prepare(
        'INSERT INTO lan_cosignatures (peer, size, root, line, witness_vkey, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(peer.device_id, b.size, b.root, b.line, b.vkey, at);
  };

  // --- applying what peers send -------------------------------------------------------------------------
  const apply = (peer: PeerRow, type: string, eventId: string, body: unknown): void => {
    const at = now().toISOString();
    if (peer.role === 'staff' && type === 'audit.checkpoint')
      return witnessCheckpoint(peer, UP_EVENTS[type].parse(body), at);
    if (peer.role === 'supervisor' && type === 'audit.cosignature')
      return storeCosignature(peer, DOWN_EVENTS[type].parse(body), at);
    if (peer.role === 'supervisor' && type === 'audit.refused') {
      const b = DOWN_EVENTS[type].parse(body);
      raise(peer.device_id, 'witness-refused', `checkpoint ${b.size}: ${b.reason}`, at);
      return;
    }
    if (type === 'void') return; // an event whose customer was erased before it was sent
    if (peer.role === 'staff' && type === 'erasure') {
      const b = UP_EVENTS[type].parse(body);
      const deleted = ports.escalations.eraseSubject(b.subjectId);
      repo.enqueue({
        eventId: `erasure-ack:${b.subjectId}`,
        type: 'erasure.ack',
        target: peer.device_id,
        subjectId: null,
        body: { subjectId: b.subjectId, deleted },
        at,
      });
      ports.audit.append({
        type: 'lan.event_received',
        actor: system,
        subject: b.subjectId,
        payload: { event: 'erasure', peer: peer.device_id, deleted },
      });
      return;
    }
    if (peer.role === 'supervisor' && type === 'erasure.ack') {
      const b = DOWN_EVENTS[type].parse(body);
      ports.audit.append({
        type: 'lan.event_received',
        actor: system,
        subject: b.subjectId,
        payload: { event: 'erasure.ack', peer: peer.device_id, deleted: b.deleted },
      });
      return;
    }
    if (peer.role === 'staff' && isUp(type) && type !== 'audit.checkpoint' && type !== 'erasure') {
      const b = UP_EVENTS[type].parse(body);
      const result = ports.escalations.importRemote(b.escalation, at, b.slaMs);
      repo.markRemote(b.escalation.id, peer.device_id, at);
      if (result !== 'unchanged')
        ports.events.publish({
          topic: 'escalations.changed',
          data: { escalationId: b.escalation.id, change: result },
        });
      return;
    }
    if (peer.role === 'supervisor' && isDown(type) && type.startsWith('escalation.')) {
      const b = DOWN_EVENTS[type].parse(body) as {
        escalationId: string;
        by: string;
        text?: string;
        outcome?: 'resolved' | 'taken_over' | 'returned_to_agent';
      };
      const s = ports.escalations.snapshot(b.escalationId);
      if (!s || repo.remoteDesk(b.escalationId) !== null)
        throw new UserError('NOT_FOUND', 'Not an escalation of this desk.');
      if (type === 'escalation.claimed') ports.escalations.applyRemote(s.id, { kind: 'claimed', by: b.by });
      if (type === 'escalation.released') ports.escalations.applyRemote(s.id, { kind: 'released' });
      if (type === 'escalation.resolved' && b.outcome)
        ports.escalations.applyRemote(s.id, { kind: 'resolved', by: b.by, outcome: b.outcome });
      repo.logStaffEvent({
        eventId,
        escalationId: s.id,
        subjectId: s.subjectId,
        type:
          type.slice('escalation.'.length) + (b.outcome && b.outcome !== 'resolved' ? `:${b.outcome}` : ''),
        actor: b.by,
        text: b.text ?? null,
        at,
      });
      ports.events.publish({
        topic: 'conversation.changed',
        data: { conversationId: s.conversationId, escalationId: s.id, event: type },
      });
      return;
    }
    throw new UserError('VALIDATION', `A ${peer.role} desk may not send ${type}.`);
  };

  /** Records and applies one event exactly once; a duplicate id is acknowledged and ignored. */
  const receive = (peer: PeerRow, seq: number, eventId: string, type: string, body: unknown): void => {
    if (repo.seen(eventId)) return;
    const at = now().toISOString();
    try {
      store.db
        .transaction(() => {
          apply(peer, type, eventId, body);
          repo.recordInbox(peer.device_id, seq, eventId, type, 'applied', at);
        })
        .immediate();
    } catch (err) {
      // Acknowledged all the same: a peer's bad event must not stall every event behind it.
      log.warn(
        { peer: short(peer.device_id), type, err: err instanceof UserError ? err.code : (err as Error).name },
        'lan event rejected',
      );
      repo.recordInbox(peer.device_id, seq, eventId, type, 'rejected', at);
      repo.alert(peer.device_id, 'event-rejected', `${type} seq ${seq}`, at);
    }
  };

  const queueCheckpoint = (): boolean => {
    if (role() !== 'staff' || !repo.activePeers().some((p) => p.role === 'supervisor')) return false;
    if (ports.audit.size() === 0) return false;
    const cp = ports.audit.checkpoint();
    const prev = store.db
      .prepare<[], { body: string }>(
        "SELECT body FROM lan_outbox WHERE type = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1",
      )
      .get();
    const from = prev ? parseCheckpointSize((JSON.parse(prev.body) as { note: string }).note) : 0;
    if (cp.size <= from) return false;
    return repo.enqueue({
      eventId: `ckpt:${cp.size}:${cp.root}`,
      type: 'audit.checkpoint',
      target: TO_SUPERVISORS,
      subjectId: null,
      body: {
        note: cp.note,
        vkey: ports.audit.deskVerifierKey(),
        from,
        proof: from === 0 ? [] : ports.audit.consistencyProof(from, cp.size),
      },
      at: now().toISOString(),
    });
  };

  const desk: LanDesk = {
    identity,
    queueCheckpoint,
    verifyCosignatures: () => verifyHeldCosignatures(store, ports.audit),
    role,
    invite(actor, ttlMinutes) {
      if (!['supervisor', 'admin'].includes(actor.role))
        throw new UserError('FORBIDDEN', 'Only a supervisor or admin can invite a desk.');
      if (repo.activePeers().some((p) => p.role === 'supervisor'))
        throw new UserError('CONFLICT', 'This is a staff desk (paired with a supervisor desk).');
      if (!Number.isFinite(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > 24 * 60)
        throw new UserError('VALIDATION', '--ttl must be 1-1440 minutes.');
      setRole(store, 'supervisor');
      return inv.create(actor.id, ttlMinutes, now());
    },

    async join({ host, port, code, actor, timeouts }) {
      if (role() === 'supervisor' && repo.activePeers().some((p) => p.role === 'staff'))
        throw new UserError('CONFLICT', 'This is a supervisor desk; join from a staff desk.');
      const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
      let conn;
      try {
        conn = await dial(identity, { host, port }, { pairing: true }, t);
      } catch {
        throw new UserError('UNAVAILABLE', `Could not reach a desk at ${host}:${port}.`);
      }
      const key = macKeyFor(code);
      const supFp = conn.fingerprint;
      const supCert = certPemOf(conn.socket);
      const reply = await new Promise<Message | null>((resolve) => {
        const link = new Link(
          conn.socket,
          supFp,
          log,
          (m) => resolve(m),
          () => resolve(null),
          t,
        );
        link.send({ t: 'pair', mac: pairingMac(key, 'staff', identity.deviceId, supFp) });
      });
      conn.socket.destroy();
      if (!reply || reply.t !== 'paired' || reply.role !== 'supervisor') throw new PairingRefused();
      if (!macEquals(pairingMac(key, 'supervisor', supFp, identity.deviceId), reply.mac))
        throw new PairingRefused();
      const certPem = supCert;
      const at = now().toISOString();
      store.db
        .transaction(() => {
          repo.pin({
            deviceId: supFp,
            role: 'supervisor',
            certPem,
            address: `${host}:${port}`,
            by: actor.id,
            at,
          });
          setRole(store, 'staff');
          ports.audit.append({
            type: 'lan.paired',
            actor,
            payload: { peer: supFp, peerRole: 'supervisor', as: 'staff' },
          });
        })
        .immediate();
      desk.reconcile();
      return { deviceId: supFp, role: 'supervisor', fingerprint: supFp };
    },

    peers() {
      const cutoff = now().getTime() - LINKED_WINDOW_MS;
      return repo.activePeers().map((p) => ({
        deviceId: p.device_id,
        role: p.role,
        fingerprint: p.device_id,
        linked: p.last_seen !== null && Date.parse(p.last_seen) >= cutoff,
        lastSeen: p.last_seen,
        outbox: repo.pendingCount(p),
        clockSkewMs: p.clock_skew_ms,
      }));
    },

    unpair(deviceId, actor) {
      const at = now().toISOString();
      store.db
        .transaction(() => {
          if (!repo.revoke(deviceId, at)) throw new UserError('NOT_FOUND', 'No such paired desk.');
          ports.audit.append({ type: 'lan.unpaired', actor, payload: { peer: deviceId } });
        })
        .immediate();
    },

    onTurnDone: queue.onTurnDone,
    reconcile: queue.reconcile,

    act(escalationId, actor, action) {
      const desk = repo.remoteDesk(escalationId);
      const at = now().toISOString();
      store.db
        .transaction(() => {
          const e = ports.escalations;
          let type: keyof typeof DOWN_EVENTS;
          let extra: Record<string, string> = {};
          switch (action.kind) {
            case 'claim':
              e.claim(escalationId, actor);
              type = 'escalation.claimed';
              break;
            case 'release':
              e.release(escalationId, actor);
              type = 'escalation.released';
              break;
            case 'note':
            case 'whisper':
              e.note(escalationId, actor, action.text, 'note');
              type = action.kind === 'note' ? 'escalation.note' : 'escalation.whisper';
              extra = { text: action.text.trim() };
              break;
            case 'respond':
              e.note(escalationId, actor, action.text, 'response');
              type = 'escalation.response';
              extra = { text: action.text.trim() };
              break;
            case 'resolve':
              e.resolve(escalationId, actor, action.outcome);
              type = 'escalation.resolved';
              extra = { outcome: action.outcome };
              break;
          }
          if (desk === null) return;
          const s = e.snapshot(escalationId);
          repo.enqueue({
            eventId: `evt_${randomUUID()}`,
            type,
            target: desk,
            subjectId: s?.subjectId ?? null,
            body: { escalationId, by: actor.name, ...extra },
            at,
          });
        })
        .immediate();
    },

    deskOf: (escalationId) => repo.remoteDesk(escalationId) ?? identity.deviceId,
    staffTimeline: (escalationId) => repo.staffEvents(escalationId),
    alerts: () => repo.alerts(),

    async serve(options) {
      const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
      const pollMs = options.pollMs ?? 100;
      const backoff = options.backoffMs ?? { min: 200, max: 5000 };
      const sessions = new Map<string, Session>();
      const dialing = new Map<string, { attempt: number; nextAt: number; busy: boolean }>();
      let failures = 0;
      let stopped = false;

      interface Session {
        link: Link;
        peer: PeerRow;
        hello: boolean;
        sentUpTo: number;
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
        // The first WINDOW unacknowledged events: at most that many are ever in flight.
        for (const row of repo.pending(s.peer, WINDOW, s.acked)) {
          if (row.seq <= s.sentUpTo) continue;
          // A customer erased after the event was queued: its body is unreadable, only the sequence survives.
          const body = repo.openBody(row);
          s.link.send({
            t: 'event',
            seq: row.seq,
            id: row.event_id,
            type: body === null ? 'void' : row.type,
            body: body ?? {},
          });
          s.sentUpTo = row.seq;
        }
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
        store.db
          .transaction(() => {
            for (const e of events) receive(s.peer, e.seq, e.id, e.type, e.body);
          })
          .immediate();
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
          case 'bye':
            if (m.reason === 'unpaired') {
              repo.alert(
                s.peer.device_id,
                'peer-unpaired',
                'the peer revoked the pairing',
                now().toISOString(),
              );
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

      let lastCheckpointAt = 0;
      const tick = () => {
        if (stopped) return;
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
          if (s.sentUpTo > s.acked && Date.now() - s.lastProgress > ACK_TIMEOUT_MS) {
            log.warn({ peer: short(s.peer.device_id), reason: 'ack-timeout' }, 'lan link reset');
            s.link.socket.destroy();
            continue;
          }
          pump(s);
        }
      };
      desk.reconcile();
      const timer = setInterval(tick, pollMs);
      tick();
      return {
        port,
        kick: () => {
          for (const s of sessions.values()) pump(s);
        },
        linkedPeers: () => [...sessions.values()].filter((s) => s.hello).map((s) => s.peer.device_id),
        async close() {
          stopped = true;
          clearInterval(timer);
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
    },
  };
  return desk;
}

/**
 * The staff desk's half of replication that needs no network or identity: queueing escalations for the
 * supervisor desks. Synchronous, so a `turn` that escalates has its event in the outbox before it returns.
 */
export function createLanQueue(
  store: Pick<Store, 'db' | 'cipher'>,
  ports: Pick<LanPorts, 'escalations' | 'now'>,
) {
  const now = ports.now ?? (() => new Date());
  const repo = lanRepo(store);
  const role = (): DeskRole =>
    store.db.prepare<[], { role: DeskRole }>('SELECT role FROM lan_identity WHERE id = 1').get()?.role ??
    'staff';
  const hasSupervisor = () => repo.activePeers().some((p) => p.role === 'supervisor');

  /** One event per distinct reason set: the first is `opened`, later ones (new triggers) `updated`. */
  const queueEscalation = (s: EscalationSnapshot): boolean => {
    const slaMs = Math.max(0, Date.parse(s.slaDueAt) - Date.parse(s.createdAt));
    const tag = createHash('sha256')
      .update([...s.reasons].sort().join(','))
      .digest('hex')
      .slice(0, 16);
    return repo.enqueue({
      eventId: `${s.id}:r:${tag}`,
      type: repo.hasEventsFor(s.id) ? 'escalation.updated' : 'escalation.opened',
      target: TO_SUPERVISORS,
      subjectId: s.subjectId,
      body: { escalation: s, slaMs },
      at: now().toISOString(),
    });
  };
  const queueIds = (ids: string[]): number => {
    if (role() !== 'staff' || !hasSupervisor()) return 0;
    let n = 0;
    for (const id of ids) {
      if (repo.remoteDesk(id) !== null) continue;
      const s = ports.escalations.snapshot(id);
      if (s && queueEscalation(s)) n++;
    }
    return n;
  };

  return {
    /** Staff desk, inside the erasure's transaction: tells the supervisor desks to drop their copies. */
    queueErasure(subjectId: string): number {
      if (role() !== 'staff' || !hasSupervisor()) return 0;
      repo.enqueue({
        eventId: `erasure:${subjectId}`,
        type: 'erasure',
        target: TO_SUPERVISORS,
        subjectId: null,
        body: { subjectId },
        at: now().toISOString(),
      });
      return 0;
    },
    onTurnDone: (conversationId: string) => queueIds(ports.escalations.idsForConversation(conversationId)),
    reconcile: () => queueIds(ports.escalations.allIds()),
  };
}
export type LanQueue = ReturnType<typeof createLanQueue>;

function certPemOf(socket: TLSSocket): string {
  const der = socket.getPeerCertificate(true).raw.toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${der.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** The signed text of a note: everything before the blank line, with its final newline. */
function noteBody(note: string): string {
  return note.slice(0, note.indexOf('\n\n') + 1);
}

function parseCheckpointSize(note: string): number {
  const size = Number(note.split('\n')[1]);
  return Number.isSafeInteger(size) && size >= 0 ? size : 0;
}
