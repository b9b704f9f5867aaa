import { UserError } from '../../../shared/errors';
import { HandoffPacketSchema } from '../agents';
import type { AuditActor, AuditLedger } from '../audit';
import type { Store } from '../store';
import type { EscalationRepo } from './repo';
import type { ConversationStatusPort, EscalationOutcome, EscalationRow } from './types';

/** An escalation as another desk replicated it (the LAN's snapshot; the container adapts the types). */
export interface RemoteEscalation {
  id: string;
  conversationId: string;
  turnId: string;
  subjectId: string;
  priority: EscalationRow['priority'];
  reasons: string[];
  packet: unknown;
}

export type RemoteChange =
  | { kind: 'claimed'; by: string }
  | { kind: 'released' }
  | { kind: 'resolved'; by: string; outcome: EscalationOutcome };

/**
 * What replication between desks does to escalations (docs/LAN.md): a supervisor desk imports a staff
 * desk's escalation with its SLA clock started at receipt, and a staff desk applies the supervisor's
 * claims, releases and resolutions. Each change is audited with `via: 'lan'`.
 */
export function remoteOperations(deps: {
  store: Store;
  audit: Pick<AuditLedger, 'append'>;
  repo: EscalationRepo;
  conversations: ConversationStatusPort;
  now: () => Date;
  must: (id: string) => EscalationRow;
}) {
  const { store, audit, repo, conversations, now } = deps;
  const lanActor = (by: string): AuditActor => ({ kind: 'user', id: `lan:${by}`, role: 'supervisor' });
  const auditRemote = (
    type: 'escalation.claimed' | 'escalation.released' | 'escalation.resolved',
    r: EscalationRow,
    extra: Record<string, string>,
  ) =>
    audit.append({
      type,
      actor: lanActor(extra.by ?? 'supervisor'),
      subject: r.subject_id,
      payload: { escalationId: r.id, conversationId: r.conversation_id, via: 'lan', ...extra },
    });
  return {
    /** Imports (or merges the reasons of) an escalation replicated from a staff desk. */
    importRemote(s: RemoteEscalation, receivedAt: string, slaMs: number): 'opened' | 'updated' | 'unchanged' {
      const packet = HandoffPacketSchema.parse(s.packet);
      const existing = repo.get(s.id);
      if (existing) {
        const before = JSON.parse(existing.reasons) as string[];
        const merged = [...new Set([...before, ...s.reasons])];
        if (merged.length === before.length) return 'unchanged';
        repo.setReasonsAndPacket(
          s.id,
          merged,
          store.cipher.seal(existing.subject_id, JSON.stringify({ ...packet, reasons: merged })),
        );
        return 'updated';
      }
      // The SLA clock starts at receipt, on this desk's clock: the staff desk's clock is not trusted.
      const due = new Date(Date.parse(receivedAt) + slaMs).toISOString();
      repo.insert({
        id: s.id,
        conversationId: s.conversationId,
        turnId: s.turnId,
        subjectId: s.subjectId,
        priority: s.priority,
        reasons: s.reasons,
        packetSealed: store.cipher.seal(s.subjectId, JSON.stringify(packet)),
        slaDueAt: due,
        createdAt: receivedAt,
      });
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
    /** Gives a claimed escalation back to the queue: only the supervisor who claimed it may. */
    release(id: string, actor: AuditActor): void {
      const r = repo.get(id);
      if (!r || r.status !== 'claimed' || r.claimed_by !== actor.id)
        throw new UserError('CONFLICT', 'Only the supervisor who claimed it can release it.');
      repo.release(id);
      audit.append({
        type: 'escalation.released',
        actor,
        subject: r.subject_id,
        payload: { escalationId: id, conversationId: r.conversation_id },
      });
    },
    /** A supervisor desk's action on this desk's escalation, as it arrived. */
    applyRemote(id: string, change: RemoteChange): void {
      const r = repo.get(id);
      if (!r) return;
      const at = now().toISOString();
      switch (change.kind) {
        case 'claimed':
          repo.claim(id, change.by, at);
          auditRemote('escalation.claimed', r, { by: change.by });
          return;
        case 'released':
          repo.release(id);
          auditRemote('escalation.released', r, {});
          return;
        case 'resolved':
          repo.resolve(id, change.by, at, change.outcome);
          conversations.setStatus(r.conversation_id, 'open', at);
          auditRemote('escalation.resolved', r, { by: change.by, outcome: change.outcome });
          return;
      }
    },
    /** Deletes a subject's escalations (their notes by cascade); returns how many. */
    eraseSubject: (subjectId: string): number => repo.eraseSubject(subjectId),
  };
}
