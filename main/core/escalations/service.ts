import { createHash, randomUUID } from 'node:crypto';
import type { SuggestedEscalation } from '../../../shared/contract';
import { UserError } from '../../../shared/errors';
import { HandoffPacketSchema, type EscalationReason, type HandoffPacket } from '../agents';
import type { AuditActor, AuditLedger } from '../audit';
import type { Store } from '../store';
import { remoteOperations } from './remote';
import { escalationRepo, type EscalationRepo } from './repo';
import { revealPacket } from './reveal';
import { suggestionRepo } from './suggestions';
import {
  MAX_NOTE,
  type ConversationStatusPort,
  type EscalationChange,
  type EscalationDetail,
  type EscalationOutcome,
  type EscalationReveal,
  type EscalationRow,
  type EscalationStatus,
  type EscalationSummary,
  type OpenedEscalation,
} from './types';

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2 } as const;

/** One trigger per (reason, guard), keeping the highest score seen; earlier ones first. */
function mergeTriggers(
  earlier: HandoffPacket['triggers'],
  later: HandoffPacket['triggers'],
): HandoffPacket['triggers'] {
  const out = earlier.map((t) => ({ ...t }));
  for (const t of later) {
    const same = out.find((o) => o.reason === t.reason && o.guard === t.guard);
    if (!same) out.push({ ...t });
    else if (t.score !== null && (same.score === null || t.score > same.score)) same.score = t.score;
  }
  return out;
}

/**
 * What `escalation.opened` and `escalation.updated` record of the packet: trigger codes and scores, the
 * versions it was built under, the sealed packet's hash and how it came to be queued. Never its text.
 */
function packetFields(
  triggers: HandoffPacket['triggers'],
  packet: HandoffPacket,
  sealed: string,
  fromSuggestion: { suggestedAt: string } | undefined,
  via: 'staff' | undefined = undefined,
) {
  return {
    triggers: triggers.map((t) => ({ reason: t.reason, guard: t.guard, score: t.score })),
    policy: `${packet.versions.policyId}@${packet.versions.policyVersion}`,
    modelSha256: packet.versions.modelSha256,
    kbSnapshot: packet.versions.kbSnapshot,
    packetSha256: createHash('sha256').update(sealed).digest('hex'),
    ...(fromSuggestion
      ? { via: 'suggestion', suggestedAt: fromSuggestion.suggestedAt }
      : { via: via ?? 'automatic' }),
  };
}

/** Roles that may work the supervisor queue. */
const QUEUE_ROLES = new Set(['supervisor', 'admin']);
/** Roles that may escalate a turn from the desk (the one-click escalation of a suggestion). */
const DESK_ROLES = new Set(['agent', 'supervisor', 'admin']);

export interface EscalationServiceOptions {
  store: Store;
  audit: Pick<AuditLedger, 'append'>;
  /** The pipeline's conversations, whose status the lifecycle moves (this module never writes that table). */
  conversations: ConversationStatusPort;
  now?: () => Date;
  /** Told after an escalation is opened or updated by a turn (server push to open views). */
  onChange?: (change: EscalationChange) => void;
  /** Statements prepared for this store already (one repository per connection). */
  repo?: EscalationRepo;
}

/** The summary of a row, as the queue and the desk see it. */
export function summaryOf(r: EscalationRow): EscalationSummary {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    turnId: r.turn_id,
    status: r.status,
    priority: r.priority,
    reasons: JSON.parse(r.reasons) as EscalationReason[],
    slaDueAt: r.sla_due_at,
    createdAt: r.created_at,
    claimedBy: r.claimed_by,
    resolvedAt: r.resolved_at,
    outcome: r.outcome,
  };
}

/**
 * Escalations (migration 008) and their lifecycle: open -> claimed -> resolved. Every action is an
 * escalation.* audit entry whose payload holds ids and codes only; packets and notes are sealed.
 */
export function escalationService(options: EscalationServiceOptions) {
  const { store, audit, conversations, onChange } = options;
  const now = options.now ?? (() => new Date());
  const db = store.db;
  const repo = options.repo ?? escalationRepo(store);
  const suggestions = suggestionRepo(store);
  const summary = summaryOf;
  const must = (id: string): EscalationRow => {
    const row = repo.get(id);
    if (!row) throw new UserError('NOT_FOUND', `No escalation ${id}.`);
    return row;
  };
  const requireQueueRole = (actor: AuditActor) => {
    if (actor.kind !== 'user' || !QUEUE_ROLES.has(actor.role))
      throw new UserError('FORBIDDEN', 'Only a supervisor or admin can work the escalation queue.');
  };
  const auditAction = (
    type:
      | 'escalation.claimed'
      | 'escalation.noted'
      | 'escalation.responded'
      | 'escalation.resolved'
      | 'escalation.takeover',
    actor: AuditActor,
    row: EscalationRow,
    extra: Record<string, string | number | boolean | null> = {},
  ) =>
    audit.append({
      type,
      actor,
      subject: row.subject_id,
      payload: { escalationId: row.id, conversationId: row.conversation_id, ...extra },
    }).seq;

  /**
   * A later turn's triggers on the conversation's active escalation, as one audited change: reasons and
   * triggers are added (a trigger keeps its highest score), the priority only rises, the SLA is
   * recomputed from the new triggers and only ever shortened, and the packet takes the newer transcript,
   * sentiment and versions. The row update and its `escalation.updated` entry commit together.
   */
  const merge = (
    active: EscalationRow,
    packet: HandoffPacket,
    input: { subjectId: string; actor: AuditActor; fromSuggestion?: { suggestedAt: string } },
  ): OpenedEscalation => {
    const before = active.packet_sealed ? store.cipher.open(active.subject_id, active.packet_sealed) : null;
    const old = before === null ? null : HandoffPacketSchema.safeParse(JSON.parse(before));
    const oldReasons = JSON.parse(active.reasons) as EscalationReason[];
    const reasons = [...new Set([...oldReasons, ...packet.reasons])];
    const triggers = mergeTriggers(old?.success ? old.data.triggers : [], packet.triggers);
    const priority =
      PRIORITY_RANK[packet.priority] < PRIORITY_RANK[active.priority] ? packet.priority : active.priority;
    const slaDueAt = packet.slaDueAt < active.sla_due_at ? packet.slaDueAt : active.sla_due_at;
    const merged: HandoffPacket = HandoffPacketSchema.parse({
      ...packet,
      createdAt: active.created_at,
      reasons,
      triggers,
      priority,
      slaDueAt,
    });
    const sealed = store.cipher.seal(input.subjectId, JSON.stringify(merged));
    const seq = db.transaction(() => {
      repo.merge(active.id, { reasons, priority, slaDueAt, packetSealed: sealed });
      return audit.append({
        type: 'escalation.updated',
        actor: input.actor,
        subject: input.subjectId,
        payload: {
          escalationId: active.id,
          conversationId: active.conversation_id,
          turnId: packet.turnId,
          status: active.status,
          addedReasons: reasons.filter((r) => !oldReasons.includes(r)),
          reasons,
          priority,
          previousPriority: active.priority,
          slaDueAt,
          previousSlaDueAt: active.sla_due_at,
          ...packetFields(triggers, packet, sealed, input.fromSuggestion),
        },
      }).seq;
    })();
    const change: EscalationChange = {
      escalationId: active.id,
      conversationId: active.conversation_id,
      priority,
      slaDueAt,
      reasons,
      opened: false,
    };
    onChange?.(change);
    return { id: active.id, opened: false, reasons, auditSeq: seq, priority, slaDueAt };
  };

  const api = {
    /** The open or claimed escalation of a conversation, if any. */
    activeFor(conversationId: string): EscalationSummary | null {
      const row = repo.active(conversationId);
      return row ? summary(row) : null;
    },
    forConversation(conversationId: string): EscalationSummary[] {
      return repo.forConversation(conversationId).map(summary);
    },
    /**
     * Opens an escalation, or merges new reasons into the conversation's active one (one queue item
     * per conversation). Returns the id and whether it was newly opened.
     */
    open(input: {
      conversationId: string;
      subjectId: string;
      packet: HandoffPacket;
      actor: AuditActor;
      /** Set when staff escalate a turn the autoEscalation flag held back (one click). */
      fromSuggestion?: { turnId: string; suggestedAt: string };
      /** The signed-in user whose turn raised it (automatic escalations are opened by the handler). */
      staffId?: string;
      /** Staff escalated a conversation no rule flagged (staff.ts). */
      via?: 'staff';
    }): OpenedEscalation {
      const packet = HandoffPacketSchema.parse(input.packet);
      const sealed = store.cipher.seal(input.subjectId, JSON.stringify(packet));
      const active = repo.active(input.conversationId);
      if (active) return merge(active, packet, input);
      const id = `esc_${randomUUID()}`;
      repo.insert({
        id,
        conversationId: input.conversationId,
        turnId: packet.turnId,
        subjectId: input.subjectId,
        priority: packet.priority,
        reasons: packet.reasons,
        packetSealed: sealed,
        slaDueAt: packet.slaDueAt,
        createdAt: packet.createdAt,
      });
      const { seq } = audit.append({
        type: 'escalation.opened',
        actor: input.actor,
        subject: input.subjectId,
        payload: {
          escalationId: id,
          conversationId: input.conversationId,
          turnId: packet.turnId,
          ...(input.staffId ? { staffId: input.staffId } : {}),
          reasons: packet.reasons,
          priority: packet.priority,
          slaDueAt: packet.slaDueAt,
          ...packetFields(packet.triggers, packet, sealed, input.fromSuggestion, input.via),
        },
      });
      onChange?.({
        escalationId: id,
        conversationId: input.conversationId,
        priority: packet.priority,
        slaDueAt: packet.slaDueAt,
        reasons: packet.reasons,
        opened: true,
      });
      return {
        id,
        opened: true,
        reasons: packet.reasons,
        auditSeq: seq,
        priority: packet.priority,
        slaDueAt: packet.slaDueAt,
      };
    },
    /**
     * One click: opens the escalation a turn suggested (autoEscalation off), with the redacted packet the
     * escalation handler built at that turn, its SLA clock restarted now. Agent, supervisor or admin.
     * Escalating the same suggestion twice is a CONFLICT; an open escalation of the conversation absorbs it.
     */
    escalateSuggestion(turnId: string, actor: AuditActor): EscalationSummary {
      if (actor.kind !== 'user' || !DESK_ROLES.has(actor.role))
        throw new UserError('FORBIDDEN', 'Only desk staff, a supervisor or an admin can escalate a turn.');
      const row = suggestions.row(turnId);
      if (!row) throw new UserError('NOT_FOUND', `No escalation suggestion for turn ${turnId}.`);
      if (row.status !== 'pending')
        throw new UserError('CONFLICT', `This suggestion was already ${row.status}.`);
      const opened = store.cipher.open(row.subject_id, row.packet_sealed);
      if (opened === null)
        throw new UserError('CONFLICT', 'The customer of this conversation has been erased.');
      const stored = HandoffPacketSchema.parse(JSON.parse(opened));
      const at = now();
      const slaMs = Date.parse(stored.slaDueAt) - Date.parse(stored.createdAt);
      const packet: HandoffPacket = {
        ...stored,
        createdAt: at.toISOString(),
        slaDueAt: new Date(at.getTime() + Math.max(0, slaMs)).toISOString(),
      };
      const id = db.transaction(() => {
        const result = api.open({
          conversationId: row.conversation_id,
          subjectId: row.subject_id,
          packet,
          actor,
          fromSuggestion: { turnId, suggestedAt: row.created_at },
        });
        if (!suggestions.markEscalated(turnId, result.id, actor.id, at.toISOString()))
          throw new UserError('CONFLICT', 'This suggestion was escalated concurrently.');
        conversations.setStatus(row.conversation_id, 'escalated', at.toISOString());
        return result.id;
      })();
      return summary(must(id));
    },
    list(filter: { status?: EscalationStatus; limit?: number } = {}): EscalationSummary[] {
      const limit = filter.limit ?? 200;
      return repo.list(filter.status, limit).map(summary);
    },
    get(id: string): EscalationDetail {
      const row = must(id);
      const opened = store.cipher.open(row.subject_id, row.packet_sealed);
      const notes = repo.notes(id).map((n) => ({
        id: n.id,
        authorId: n.author_id,
        kind: n.kind,
        text: store.cipher.open(row.subject_id, n.body_sealed),
        createdAt: n.created_at,
      }));
      return {
        ...summary(row),
        packet: opened === null ? null : HandoffPacketSchema.parse(JSON.parse(opened)),
        notes,
      };
    },
    claim(id: string, actor: AuditActor): EscalationSummary {
      requireQueueRole(actor);
      const row = must(id);
      if (row.status !== 'open') throw new UserError('CONFLICT', `Escalation is ${row.status}, not open.`);
      const at = now().toISOString();
      repo.claim(id, actor.id, at);
      auditAction('escalation.claimed', actor, row, { overdue: at > row.sla_due_at });
      return summary(must(id));
    },
    note(id: string, actor: AuditActor, text: string, kind: 'note' | 'response' = 'note'): number {
      requireQueueRole(actor);
      const row = must(id);
      if (row.status === 'resolved') throw new UserError('CONFLICT', 'Escalation is already resolved.');
      if (kind === 'response' && row.claimed_by !== actor.id)
        throw new UserError('CONFLICT', 'Claim the escalation before responding.');
      const body = text.trim();
      if (body.length === 0 || body.length > MAX_NOTE)
        throw new UserError('VALIDATION', `A note must be 1-${MAX_NOTE} characters.`);
      const noteId = repo.addNote(
        id,
        actor.id,
        kind,
        store.cipher.seal(row.subject_id, body),
        now().toISOString(),
      );
      auditAction(kind === 'note' ? 'escalation.noted' : 'escalation.responded', actor, row, {
        noteId,
        chars: body.length,
      });
      return noteId;
    },
    /**
     * Rehydrates the packet's pseudonym tokens for the supervisor who has claimed the escalation, when
     * the rehydrateForStaff flag allows it (reveal.ts).
     */
    reveal(id: string, actor: AuditActor, reason: string, options: { allowed: boolean }): EscalationReveal {
      return revealPacket({ store, audit }, actor, reason, options, () => must(id));
    },
    resolve(id: string, actor: AuditActor, outcome: EscalationOutcome = 'resolved'): EscalationSummary {
      requireQueueRole(actor);
      const row = must(id);
      if (row.status === 'resolved') throw new UserError('CONFLICT', 'Escalation is already resolved.');
      if (row.status === 'claimed' && row.claimed_by !== actor.id && actor.role !== 'admin')
        throw new UserError('CONFLICT', 'Another supervisor has claimed this escalation.');
      const at = now().toISOString();
      db.transaction(() => {
        repo.resolve(id, actor.id, at, outcome);
        conversations.setStatus(row.conversation_id, 'open', at);
      })();
      if (outcome === 'taken_over') auditAction('escalation.takeover', actor, row);
      auditAction('escalation.resolved', actor, row, { outcome, withinSla: at <= row.sla_due_at });
      return summary(must(id));
    },
    /** The pipeline's port: keeps what a turn would have escalated with the autoEscalation flag on. */
    suggest(input: { subjectId: string; packet: HandoffPacket }): void {
      suggestions.record(input);
    },
    /** Null unless the autoEscalation flag held back this turn's escalation. */
    suggestionFor(turnId: string): SuggestedEscalation | null {
      return suggestions.forTurn(turnId);
    },
    /** The row as stored (the LAN's snapshot of an escalation). */
    row: (id: string): EscalationRow | null => repo.get(id) ?? null,
    allIds: () => repo.allIds(),
    ...remoteOperations({ store, audit, repo, conversations, now, must }),
  };
  return api;
}
export type EscalationService = ReturnType<typeof escalationService>;
