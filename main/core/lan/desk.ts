import { createHash, randomUUID } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { DOWN_EVENTS, isDown, isUp, UP_EVENTS, type SupervisorAction } from './events';
import type { Message } from './frames';
import { loadOrCreateIdentity, setRole, type DeskIdentity, type DeskRole } from './identity';
import { invites, macEquals, macKeyFor, pairingMac } from './pairing';
import type { EscalationSnapshot, LanActor, LanPorts } from './ports';
import { lanRepo, TO_SUPERVISORS, type PeerRow } from './repo';
import { lanMark } from './trace';
import { judgeCheckpoint, loadCosigner, verifyCosignature, verifyHeldCosignatures } from './witness';
import { certPemOf, serveDesk, type RevealRequest } from './serve';
import { DEFAULT_TIMEOUTS, dial, Link, type TransportTimeouts } from './transport';

export { MAX_CLOCK_SKEW_MS } from './serve';
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
  /**
   * How often the outbox is checked for events written by other processes (CLI commands beside `lan serve`);
   * a check is one `PRAGMA data_version` until another connection commits. In-process appends wake the
   * links at once and never wait for it.
   */
  pollMs?: number;
  /** A link with events unacknowledged this long (10 s) is reset. */
  ackTimeoutMs?: number;
  /** How often links are looked after: pins re-read, pings, ack timeouts, acks persisted, dialing, checkpoints. */
  houseMs?: number;
  /** How often a staff desk signs and queues a checkpoint for its supervisor desk to witness. */
  checkpointMs?: number;
  /** Reconnect backoff bounds. */
  backoffMs?: { min: number; max: number };
  /**
   * WAL checkpoints off the delivery path: while serving, SQLite's automatic checkpoint (run inside the commit
   * that crosses 1000 pages) is raised to a backstop of WAL_BACKSTOP_PAGES, and a passive checkpoint runs once
   * the store has been idle this long (200 ms). 0 leaves SQLite's automatic checkpoint as it is.
   */
  walIdleMs?: number;
}

export interface ServeHandle {
  port: number;
  /** Reads the outbox now for every link (in-process appends already do this by themselves). */
  kick(): void;
  linkedPeers(): string[];
  /** Supervisor desk: asks a linked staff desk for an audited reveal; the answer is held in memory only. */
  askReveal(deviceId: string, req: RevealRequest): Promise<unknown>;
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
  /** Whether this escalation came from a staff desk over the LAN (its originals stay there). */
  isRemote(escalationId: string): boolean;
  /**
   * Supervisor desk: an audited reveal asked of the escalation's staff desk over the running endpoint's link.
   * The answer is returned for display and never stored here; both ledgers record the reveal.
   */
  reveal(escalationId: string, actor: LanActor, reason: string): Promise<unknown>;
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
          topic: `escalation.${result}`,
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
      // The open conversation view (renderer ConversationView) refreshes on `escalation.*` about its id.
      ports.events.publish({
        topic: type,
        data: { conversationId: s.conversationId, escalationId: s.id, via: 'lan' },
      });
      return;
    }
    throw new UserError('VALIDATION', `A ${peer.role} desk may not send ${type}.`);
  };

  /** Records and applies one event exactly once; a duplicate id is acknowledged and ignored. */
  const receive = (peer: PeerRow, seq: number, eventId: string, type: string, body: unknown): void => {
    lanMark(eventId, 'begin');
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

  /**
   * Before a batch is applied: the keys of the new customers its escalations name are created in one
   * durable keyring commit (before the batch's own commit, as a single seal would), not one commit each.
   */
  const prepareBatch = (peer: PeerRow, bodies: readonly unknown[]): void => {
    if (peer.role !== 'staff' || bodies.length < 2) return;
    const subjects: string[] = [];
    for (const b of bodies) {
      const id = (b as { escalation?: { subjectId?: unknown } } | null)?.escalation?.subjectId;
      if (typeof id === 'string' && id.length > 0 && id.length <= 200) subjects.push(id);
    }
    if (subjects.length < 2) return;
    try {
      store.cipher.prepareKeys(subjects);
    } catch (err) {
      // Only an optimisation: each event's own seal creates its key (or fails) as before.
      log.warn({ err: (err as Error).name }, 'lan batch keys not prepared');
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

  let running: ServeHandle | null = null;

  /**
   * Staff desk: a paired supervisor desk (the link is pinned) asks for a reveal on behalf of its signed-in
   * supervisor. The pipeline's reveal checks the flag, the role, the reason and that this supervisor claimed
   * it, and audits escalation.pii_revealed; the link is recorded next to it.
   */
  const answerReveal = async (peer: PeerRow, req: RevealRequest): Promise<unknown> => {
    if (role() !== 'staff' || peer.role !== 'supervisor')
      throw new UserError('FORBIDDEN', 'Only a paired supervisor desk may ask this desk for a reveal.');
    if (req.role !== 'supervisor')
      throw new UserError('FORBIDDEN', 'Only a supervisor can reveal the originals of a handoff packet.');
    if (!ports.escalations.snapshot(req.escalationId) || repo.remoteDesk(req.escalationId) !== null)
      throw new UserError('NOT_FOUND', 'Not an escalation of this desk.');
    let outcome = 'refused';
    try {
      const result = await ports.escalations.revealForRemote(req.escalationId, req.by, req.reason);
      outcome = 'shown';
      return result;
    } finally {
      ports.audit.append({
        type: 'lan.event_received',
        actor: system,
        payload: {
          event: 'reveal',
          peer: peer.device_id,
          escalationId: req.escalationId,
          by: req.by,
          outcome,
        },
      });
    }
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
    isRemote: (escalationId) => repo.remoteDesk(escalationId) !== null,

    async reveal(escalationId, actor, reason) {
      const origin = repo.remoteDesk(escalationId);
      if (origin === null) throw new UserError('NOT_FOUND', 'This escalation did not come over the LAN.');
      if (actor.role !== 'supervisor')
        throw new UserError('FORBIDDEN', 'Only a supervisor can reveal the originals of a handoff packet.');
      if (!running) throw new UserError('UNAVAILABLE', 'The LAN endpoint is not running on this desk.');
      const record = (outcome: string, extra: Record<string, string | number | boolean | null>) =>
        ports.audit.append({
          type: 'lan.reveal',
          actor: { kind: 'user', id: actor.id, role: actor.role },
          payload: { peer: origin, escalationId, outcome, ...extra },
        });
      try {
        const result = await running.askReveal(origin, {
          escalationId,
          by: actor.name,
          role: actor.role,
          reason,
        });
        const r = result as { revealed?: unknown; auditSeq?: unknown };
        // Counts and the staff desk's ledger position only: never a revealed value, never the reason.
        record('shown', {
          revealed: typeof r.revealed === 'number' ? r.revealed : null,
          staffAuditSeq: typeof r.auditSeq === 'number' ? r.auditSeq : null,
        });
        return result;
      } catch (err) {
        record('refused', { code: err instanceof UserError ? err.code : 'INTERNAL' });
        throw err;
      }
    },
    staffTimeline: (escalationId) => repo.staffEvents(escalationId),
    alerts: () => repo.alerts(),

    serve: async (options) => {
      // New customers' keys come from a pool made ahead of need: applying an escalation about a customer
      // this desk has not seen binds a pooled key inside the apply's transaction, with no keyring commit.
      store.cipher.enableKeyPool();
      const handle = await serveDesk(
        {
          store,
          repo,
          invites: inv,
          identity,
          role,
          log,
          audit: ports.audit,
          now,
          receive,
          prepareBatch,
          queueCheckpoint,
          reconcile: queue.reconcile,
          answerReveal,
        },
        options,
      );
      running = handle;
      return {
        ...handle,
        close: async () => {
          if (running === handle) running = null;
          await handle.close();
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

/** The signed text of a note: everything before the blank line, with its final newline. */
function noteBody(note: string): string {
  return note.slice(0, note.indexOf('\n\n') + 1);
}

function parseCheckpointSize(note: string): number {
  const size = Number(note.split('\n')[1]);
  return Number.isSafeInteger(size) && size >= 0 ? size : 0;
}
