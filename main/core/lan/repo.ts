import type { Store } from '../store';
import type { DeskRole } from './identity';

/** Outbox targets: one device id, or every paired desk of a role. */
export const TO_SUPERVISORS = '*supervisor';

export interface OutboxRow {
  seq: number;
  event_id: string;
  type: string;
  target: string;
  subject_id: string | null;
  body: string;
  created_at: string;
}

export interface PeerRow {
  device_id: string;
  role: DeskRole;
  cert_pem: string;
  address: string | null;
  paired_at: string;
  paired_by: string;
  revoked_at: string | null;
  last_seen: string | null;
  clock_skew_ms: number | null;
}

/**
 * In-process outbox wake-ups, per database connection: the endpoint hears about an event the moment it is
 * queued (a turn, a supervisor's action) instead of at its next poll. The queue and the endpoint each build
 * their own repo over the same connection, hence a registry keyed by the connection, not by the repo.
 */
const outboxListeners = new WeakMap<object, Set<() => void>>();

/** Calls `listener` after each in-process outbox append on this store's connection; returns the unsubscribe. */
export function onOutboxAppend(store: Pick<Store, 'db'>, listener: () => void): () => void {
  let set = outboxListeners.get(store.db);
  if (!set) outboxListeners.set(store.db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * The LAN tables (migration 018). Bodies of events about a customer are sealed under the subject key, so a
 * shredded customer's queued events become unreadable along with everything else of theirs.
 */
export function lanRepo(store: Pick<Store, 'db' | 'cipher'>) {
  const db = store.db;
  const insertOutbox = db.prepare(
    `INSERT INTO lan_outbox (event_id, type, target, subject_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const pendingFor = db.prepare<[string, string, number, number], OutboxRow>(
    `SELECT * FROM lan_outbox WHERE (target = ? OR target = ?) AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const countPending = db.prepare<[string, string, number], { n: number }>(
    'SELECT count(*) AS n FROM lan_outbox WHERE (target = ? OR target = ?) AND seq > ?',
  );
  const getAck = db.prepare<[string], { acked_seq: number }>('SELECT acked_seq FROM lan_acks WHERE peer = ?');
  const setAck = db.prepare(
    `INSERT INTO lan_acks (peer, acked_seq) VALUES (?, ?)
     ON CONFLICT (peer) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)`,
  );
  const inboxHas = db.prepare<[string], { id: number }>('SELECT id FROM lan_inbox WHERE event_id = ?');
  const insertInbox = db.prepare(
    'INSERT INTO lan_inbox (peer, peer_seq, event_id, type, outcome, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const peerBy = db.prepare<[string], PeerRow>('SELECT * FROM lan_peers WHERE device_id = ?');
  const roleTarget = (role: DeskRole) => (role === 'supervisor' ? TO_SUPERVISORS : '*staff');

  return {
    enqueue(e: {
      eventId: string;
      type: string;
      target: string;
      subjectId: string | null;
      body: object;
      at: string;
    }): boolean {
      const json = JSON.stringify(e.body);
      const body = e.subjectId === null ? json : store.cipher.seal(e.subjectId, json);
      const added = insertOutbox.run(e.eventId, e.type, e.target, e.subjectId, body, e.at).changes === 1;
      // Possibly inside an open transaction: listeners must defer any read until it has committed.
      if (added) for (const listener of outboxListeners.get(db) ?? []) listener();
      return added;
    },
    /** Whether any event about this escalation was queued (event ids start with `<escalation id>:`). */
    hasEventsFor: (escalationId: string): boolean =>
      db
        .prepare('SELECT 1 FROM lan_outbox WHERE event_id > ? AND event_id < ? LIMIT 1')
        .get(`${escalationId}:`, `${escalationId}:\uffff`) !== undefined,
    /** The event body, or null when its customer has been erased since it was queued. */
    openBody(row: OutboxRow): unknown {
      if (row.subject_id === null) return JSON.parse(row.body) as unknown;
      const text = store.cipher.open(row.subject_id, row.body);
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    pending(peer: PeerRow, limit = 256, after?: number): OutboxRow[] {
      return pendingFor.all(
        peer.device_id,
        roleTarget(peer.role),
        after ?? this.acked(peer.device_id),
        limit,
      );
    },
    pendingCount(peer: PeerRow): number {
      return countPending.get(peer.device_id, roleTarget(peer.role), this.acked(peer.device_id))?.n ?? 0;
    },
    acked: (peer: string): number => getAck.get(peer)?.acked_seq ?? 0,
    ack(peer: string, upTo: number): void {
      setAck.run(peer, upTo);
    },
    seen: (eventId: string): boolean => inboxHas.get(eventId) !== undefined,
    recordInbox(
      peer: string,
      peerSeq: number,
      eventId: string,
      type: string,
      outcome: 'applied' | 'rejected',
      at: string,
    ) {
      insertInbox.run(peer, peerSeq, eventId, type, outcome, at);
    },
    peer: (deviceId: string): PeerRow | undefined => peerBy.get(deviceId),
    /** Active (not revoked) pins. */
    activePeers: (): PeerRow[] =>
      db.prepare<[], PeerRow>('SELECT * FROM lan_peers WHERE revoked_at IS NULL ORDER BY paired_at').all(),
    activePeer(deviceId: string): PeerRow | undefined {
      const p = peerBy.get(deviceId);
      return p && p.revoked_at === null ? p : undefined;
    },
    pin(p: {
      deviceId: string;
      role: DeskRole;
      certPem: string;
      address: string | null;
      by: string;
      at: string;
    }) {
      db.prepare(
        `INSERT INTO lan_peers (device_id, role, cert_pem, address, paired_at, paired_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET role = excluded.role, cert_pem = excluded.cert_pem,
           address = COALESCE(excluded.address, address), paired_at = excluded.paired_at,
           paired_by = excluded.paired_by, revoked_at = NULL`,
      ).run(p.deviceId, p.role, p.certPem, p.address, p.at, p.by);
    },
    revoke(deviceId: string, at: string): boolean {
      return (
        db
          .prepare('UPDATE lan_peers SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL')
          .run(at, deviceId).changes === 1
      );
    },
    touch(deviceId: string, at: string, skewMs: number | null) {
      db.prepare(
        'UPDATE lan_peers SET last_seen = ?, clock_skew_ms = COALESCE(?, clock_skew_ms) WHERE device_id = ?',
      ).run(at, skewMs, deviceId);
    },
    alert(peer: string | null, code: string, detail: string, at: string) {
      db.prepare('INSERT INTO lan_alerts (peer, code, detail, at) VALUES (?, ?, ?, ?)').run(
        peer,
        code,
        detail,
        at,
      );
    },
    alerts: () =>
      db
        .prepare<[], { peer: string | null; code: string; detail: string; at: string }>(
          'SELECT peer, code, detail, at FROM lan_alerts ORDER BY id',
        )
        .all(),
    remoteDesk: (escalationId: string): string | null =>
      db
        .prepare<[string], { desk: string }>(
          'SELECT desk FROM lan_remote_escalations WHERE escalation_id = ?',
        )
        .get(escalationId)?.desk ?? null,
    markRemote(escalationId: string, desk: string, at: string) {
      db.prepare(
        'INSERT INTO lan_remote_escalations (escalation_id, desk, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(escalationId, desk, at);
    },
    logStaffEvent(e: {
      eventId: string;
      escalationId: string;
      subjectId: string;
      type: string;
      actor: string | null;
      text: string | null;
      at: string;
    }) {
      db.prepare(
        `INSERT INTO lan_escalation_log (event_id, escalation_id, subject_id, type, actor, text_sealed, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(
        e.eventId,
        e.escalationId,
        e.subjectId,
        e.type,
        e.actor,
        e.text === null ? null : store.cipher.seal(e.subjectId, e.text),
        e.at,
      );
    },
    staffEvents(escalationId: string) {
      return db
        .prepare<
          [string],
          { type: string; actor: string | null; text_sealed: string | null; subject_id: string; at: string }
        >(
          'SELECT type, actor, text_sealed, subject_id, at FROM lan_escalation_log WHERE escalation_id = ? ORDER BY at, rowid',
        )
        .all(escalationId)
        .map((r) => ({
          type: r.type,
          by: r.actor,
          at: r.at,
          text: r.text_sealed === null ? null : store.cipher.open(r.subject_id, r.text_sealed),
        }));
    },
  };
}
export type LanRepo = ReturnType<typeof lanRepo>;

/**
 * What the admin and the desk panels read of this desk's LAN state, without opening the desk (which would
 * create an identity on a desk that never used the LAN): its role, null before it had an identity, and
 * every pin, revoked ones included, newest first.
 */
export function lanOverview(store: Pick<Store, 'db'>) {
  const role = store.db.prepare<[], DeskRole>('SELECT role FROM lan_identity WHERE id = 1').pluck();
  const peers = store.db.prepare<[], PeerRow>('SELECT * FROM lan_peers ORDER BY paired_at DESC');
  return {
    role: (): DeskRole | null => role.get() ?? null,
    peers: (): PeerRow[] => peers.all(),
  };
}
export type LanOverview = ReturnType<typeof lanOverview>;

/** Whether this desk has any active pairing, without creating an identity on a desk that never used the LAN. */
export function hasActivePairing(store: Pick<Store, 'db'>): boolean {
  return store.db.prepare('SELECT 1 FROM lan_peers WHERE revoked_at IS NULL LIMIT 1').get() !== undefined;
}

/** What the supervisor desks did on this desk's escalations, as it arrived (texts opened; null once erased). */
export function staffTimeline(store: Pick<Store, 'db' | 'cipher'>, escalationId: string) {
  return lanRepo(store).staffEvents(escalationId);
}
