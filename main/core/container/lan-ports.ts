import { UserError } from '../../../shared/errors';
import { HandoffPacketSchema } from '../agents';
import type { AuditLedger } from '../audit';
import type { LanEscalations, LanPorts, EscalationSnapshot } from '../lan';
import type { Logger } from '../log';
import type { Flags } from '../../../shared/flags';
import { escalationService } from '../pipeline';
import type { Store } from '../store';
import type { UserDirectory } from '../users';
import type { CoreEvents } from './events';

const DOMAINS = new Set(['bank', 'clinic', 'generic']);

interface EscRow {
  id: string;
  conversation_id: string;
  turn_id: string;
  subject_id: string;
  status: EscalationSnapshot['status'];
  priority: EscalationSnapshot['priority'];
  reasons: string;
  sla_due_at: string;
  created_at: string;
  claimed_by: string | null;
  domain: string | null;
}

/**
 * Adapts today's escalations (pipeline/escalations.ts and the tables of migration 008) to the LAN's port.
 * When escalations move to their own module, this file is what changes.
 */
export function lanEscalations(
  store: Store,
  audit: AuditLedger,
  now: () => Date = () => new Date(),
  /** The rehydrateForStaff flag of this (the staff) desk: the staff desk decides whether originals may leave. */
  revealAllowed: () => boolean = () => false,
): LanEscalations {
  const db = store.db;
  const svc = escalationService(store, audit, now);
  const row = db.prepare<[string], EscRow>(
    `SELECT e.*, c.domain AS domain FROM escalations e LEFT JOIN conversations c ON c.id = e.conversation_id WHERE e.id = ?`,
  );
  const lanActor = (by: string) => ({ kind: 'user' as const, id: `lan:${by}`, role: 'supervisor' });
  const auditRemote = (
    type: 'escalation.claimed' | 'escalation.released' | 'escalation.resolved',
    r: EscRow,
    extra: Record<string, string>,
  ) =>
    audit.append({
      type,
      actor: lanActor(extra.by ?? 'supervisor'),
      subject: r.subject_id,
      payload: { escalationId: r.id, conversationId: r.conversation_id, via: 'lan', ...extra },
    });
  return {
    snapshot(id) {
      const r = row.get(id);
      if (!r) return null;
      const packet: unknown = svc.get(id).packet;
      return {
        id: r.id,
        conversationId: r.conversation_id,
        turnId: r.turn_id,
        subjectId: r.subject_id,
        domain: r.domain ?? 'generic',
        status: r.status,
        priority: r.priority,
        reasons: JSON.parse(r.reasons) as string[],
        createdAt: r.created_at,
        slaDueAt: r.sla_due_at,
        claimedBy: r.claimed_by,
        packet,
      };
    },
    idsForConversation: (cid) => svc.forConversation(cid).map((e) => e.id),
    allIds: () =>
      db
        .prepare<[], { id: string }>('SELECT id FROM escalations ORDER BY created_at')
        .all()
        .map((r) => r.id),
    importRemote(s, receivedAt, slaMs) {
      const packet = HandoffPacketSchema.parse(s.packet);
      const existing = row.get(s.id);
      if (existing) {
        const merged = [...new Set([...(JSON.parse(existing.reasons) as string[]), ...s.reasons])];
        if (merged.length === (JSON.parse(existing.reasons) as string[]).length) return 'unchanged';
        db.prepare('UPDATE escalations SET reasons = ?, packet_sealed = ? WHERE id = ?').run(
          JSON.stringify(merged),
          store.cipher.seal(existing.subject_id, JSON.stringify({ ...packet, reasons: merged })),
          s.id,
        );
        return 'updated';
      }
      const domain = DOMAINS.has(s.domain) ? s.domain : 'generic';
      db.prepare(
        `INSERT INTO conversations (id, domain, subject_id, status, turn_count, created_at, updated_at)
         VALUES (?, ?, ?, 'escalated', 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ).run(s.conversationId, domain, s.subjectId, receivedAt, receivedAt);
      // The SLA clock starts at receipt, on this desk's clock: the staff desk's clock is not trusted.
      const due = new Date(Date.parse(receivedAt) + slaMs).toISOString();
      db.prepare(
        `INSERT INTO escalations (id, conversation_id, turn_id, subject_id, status, priority, reasons,
          packet_sealed, sla_due_at, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      ).run(
        s.id,
        s.conversationId,
        s.turnId,
        s.subjectId,
        s.priority,
        JSON.stringify(s.reasons),
        store.cipher.seal(s.subjectId, JSON.stringify(packet)),
        due,
        receivedAt,
      );
      audit.append({
        type: 'escalation.opened',
        actor: { kind: 'system', id: 'lan', role: 'system' },
        subject: s.subjectId,
        payload: {
          escalationId: s.id,
          conversationId: s.conversationId,
          via: 'lan',
          reasons: s.reasons,
          priority: s.priority,
          slaDueAt: due,
        },
      });
      return 'opened';
    },
    claim: (id, a) => void svc.claim(id, { kind: 'user', id: a.id, role: a.role }),
    release(id, a) {
      const r = row.get(id);
      if (!r || r.status !== 'claimed' || r.claimed_by !== a.id)
        throw new UserError('CONFLICT', 'Only the supervisor who claimed it can release it.');
      db.prepare(
        "UPDATE escalations SET status = 'open', claimed_by = NULL, claimed_at = NULL WHERE id = ?",
      ).run(id);
      audit.append({
        type: 'escalation.released',
        actor: { kind: 'user', id: a.id, role: a.role },
        subject: r.subject_id,
        payload: { escalationId: id, conversationId: r.conversation_id },
      });
    },
    note: (id, a, text, kind) => void svc.note(id, { kind: 'user', id: a.id, role: a.role }, text, kind),
    resolve: (id, a, outcome) => void svc.resolve(id, { kind: 'user', id: a.id, role: a.role }, outcome),
    applyRemote(id, change) {
      const r = row.get(id);
      if (!r) return;
      const at = now().toISOString();
      switch (change.kind) {
        case 'claimed':
          db.prepare(
            "UPDATE escalations SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'open'",
          ).run(change.by, at, id);
          auditRemote('escalation.claimed', r, { by: change.by });
          return;
        case 'released':
          db.prepare(
            "UPDATE escalations SET status = 'open', claimed_by = NULL, claimed_at = NULL WHERE id = ? AND status = 'claimed'",
          ).run(id);
          auditRemote('escalation.released', r, {});
          return;
        case 'resolved':
          db.prepare(
            `UPDATE escalations SET status = 'resolved', claimed_by = COALESCE(claimed_by, ?), claimed_at = COALESCE(claimed_at, ?),
              resolved_by = ?, resolved_at = ?, outcome = ? WHERE id = ? AND status <> 'resolved'`,
          ).run(change.by, at, change.by, at, change.outcome, id);
          db.prepare("UPDATE conversations SET status = 'open', updated_at = ? WHERE id = ?").run(
            at,
            r.conversation_id,
          );
          auditRemote('escalation.resolved', r, { by: change.by, outcome: change.outcome });
          return;
      }
    },
    // The supervisor's claim arrived as their name (applyRemote), so the reveal acts as that name.
    revealForRemote: (id, by, reason) =>
      Promise.resolve(
        svc.reveal(id, { kind: 'user', id: by, role: 'supervisor' }, reason, { allowed: revealAllowed() }),
      ),
    eraseSubject(subjectId) {
      // The supervisor desk's copy only: packets, notes (cascade), the conversation shell, then the key.
      const deleted = db.prepare('DELETE FROM escalations WHERE subject_id = ?').run(subjectId).changes;
      db.prepare('DELETE FROM conversations WHERE subject_id = ? AND turn_count = 0').run(subjectId);
      store.cipher.shred(subjectId, 'request');
      return deleted;
    },
  };
}

export function lanPorts(deps: {
  store: Store;
  audit: AuditLedger;
  users: UserDirectory;
  events: CoreEvents;
  log: Logger;
  flags?: Pick<Flags, 'rehydrateForStaff'>;
}): LanPorts {
  return {
    escalations: lanEscalations(
      deps.store,
      deps.audit,
      undefined,
      () => deps.flags?.rehydrateForStaff === true,
    ),
    audit: deps.audit,
    users: { findByName: (n) => deps.users.findByName(n) },
    events: deps.events,
    log: { info: (o, m) => deps.log.info(o, m), warn: (o, m) => deps.log.warn(o, m) },
  };
}
