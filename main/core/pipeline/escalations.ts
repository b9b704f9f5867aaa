import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { REVEAL_REASON_MIN, type SuggestedEscalation } from '../../../shared/contract';
import { UserError } from '../../../shared/errors';
import { HandoffPacketSchema, type EscalationReason, type HandoffPacket } from '../agents';
import type { AuditActor } from '../audit';
import * as privacy from '../privacy';
import type { Store } from '../store';
import type { AuditAppender } from './types';

export type EscalationStatus = 'open' | 'claimed' | 'resolved';
export type EscalationOutcome = 'resolved' | 'taken_over' | 'returned_to_agent';

export interface EscalationSummary {
  id: string;
  conversationId: string;
  turnId: string;
  status: EscalationStatus;
  priority: 'urgent' | 'high' | 'normal';
  reasons: EscalationReason[];
  slaDueAt: string;
  createdAt: string;
  claimedBy: string | null;
  resolvedAt: string | null;
  outcome: EscalationOutcome | null;
}

export interface EscalationDetail extends EscalationSummary {
  /** Null when the subject has been erased (crypto-shredded). */
  packet: HandoffPacket | null;
  notes: Array<{
    id: number;
    authorId: string;
    kind: 'note' | 'response';
    text: string | null;
    createdAt: string;
  }>;
}

interface Row {
  id: string;
  conversation_id: string;
  turn_id: string;
  subject_id: string;
  status: EscalationStatus;
  priority: EscalationSummary['priority'];
  reasons: string;
  packet_sealed: string;
  sla_due_at: string;
  created_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  outcome: EscalationOutcome | null;
}

/**
 * What `reveal` hands back, for display only: nothing of it is stored or logged, and the audit entry
 * records counts and types, never a value.
 */
export interface EscalationReveal {
  escalationId: string;
  /** The customer was erased (key shredded): the packet itself is unreadable, nothing can be revealed. */
  erased: boolean;
  transcript: HandoffPacket['transcript'];
  verifiedFacts: HandoffPacket['verifiedFacts'];
  /** Distinct tokens replaced by their originals. */
  revealed: number;
  /** Their PII types, sorted, without repeats. */
  types: string[];
  /** Distinct tokens left as they are: their vault entries expired or were erased. */
  unresolved: number;
  notice: string;
  auditSeq: number;
}

/** What `open` did: opened a new escalation, or updated the conversation's active one. */
export interface OpenedEscalation {
  id: string;
  opened: boolean;
  reasons: EscalationReason[];
  auditSeq: number | null;
  priority: HandoffPacket['priority'];
  slaDueAt: string;
}

/** Ids and codes only: it crosses the bridge as a server-sent event. */
export interface EscalationChange {
  escalationId: string;
  conversationId: string;
  priority: HandoffPacket['priority'];
  slaDueAt: string;
  reasons: EscalationReason[];
  opened: boolean;
}

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

/** Who may reveal originals: supervisors only (see docs/PRIVACY.md, "Revealing originals"). */
const REVEAL_ROLES = new Set(['supervisor']);

/** Roles that may work the supervisor queue. */
const QUEUE_ROLES = new Set(['supervisor', 'admin']);
/** Roles that may escalate a turn from the desk (the one-click escalation of a suggestion). */
const DESK_ROLES = new Set(['agent', 'supervisor', 'admin']);
const MAX_NOTE = 4000;

/**
 * Escalations (migration 008) and their lifecycle: open -> claimed -> resolved. Every action is an
 * escalation.* audit entry whose payload holds ids and codes only; packets and notes are sealed.
 */
export function escalationService(
  store: Store,
  audit: AuditAppender,
  now: () => Date = () => new Date(),
  /** Told after an escalation is opened or updated by a turn (server push to open views). */
  onChange?: (change: EscalationChange) => void,
) {
  const db = store.db;
  const suggestions = suggestionRepo(store);
  const get = db.prepare<[string], Row>('SELECT * FROM escalations WHERE id = ?');
  const summary = (r: Row): EscalationSummary => ({
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
  });
  const must = (id: string): Row => {
    const row = get.get(id);
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
    row: Row,
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
    active: Row,
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
      db.prepare(
        'UPDATE escalations SET reasons = ?, priority = ?, sla_due_at = ?, packet_sealed = ? WHERE id = ?',
      ).run(JSON.stringify(reasons), priority, slaDueAt, sealed, active.id);
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
          triggers: triggers.map((t) => ({ reason: t.reason, guard: t.guard, score: t.score })),
          policy: `${packet.versions.policyId}@${packet.versions.policyVersion}`,
          modelSha256: packet.versions.modelSha256,
          kbSnapshot: packet.versions.kbSnapshot,
          packetSha256: createHash('sha256').update(sealed).digest('hex'),
          ...(input.fromSuggestion
            ? { via: 'suggestion', suggestedAt: input.fromSuggestion.suggestedAt }
            : { via: 'automatic' }),
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
      const row = db
        .prepare<[string], Row>(
          "SELECT * FROM escalations WHERE conversation_id = ? AND status <> 'resolved' ORDER BY created_at DESC LIMIT 1",
        )
        .get(conversationId);
      return row ? summary(row) : null;
    },
    forConversation(conversationId: string): EscalationSummary[] {
      return db
        .prepare<[string], Row>('SELECT * FROM escalations WHERE conversation_id = ? ORDER BY created_at')
        .all(conversationId)
        .map(summary);
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
      /** Staff escalated a conversation no rule flagged (staff-escalation.ts). */
      via?: 'staff';
    }): OpenedEscalation {
      const packet = HandoffPacketSchema.parse(input.packet);
      const sealed = store.cipher.seal(input.subjectId, JSON.stringify(packet));
      const active = db
        .prepare<[string], Row>(
          "SELECT * FROM escalations WHERE conversation_id = ? AND status <> 'resolved' ORDER BY created_at DESC LIMIT 1",
        )
        .get(input.conversationId);
      if (active) return merge(active, packet, input);
      const id = `esc_${randomUUID()}`;
      db.prepare(
        `INSERT INTO escalations (id, conversation_id, turn_id, subject_id, status, priority, reasons,
          packet_sealed, sla_due_at, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.conversationId,
        packet.turnId,
        input.subjectId,
        packet.priority,
        JSON.stringify(packet.reasons),
        sealed,
        packet.slaDueAt,
        packet.createdAt,
      );
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
          triggers: packet.triggers.map((t) => ({ reason: t.reason, guard: t.guard, score: t.score })),
          policy: `${packet.versions.policyId}@${packet.versions.policyVersion}`,
          modelSha256: packet.versions.modelSha256,
          kbSnapshot: packet.versions.kbSnapshot,
          packetSha256: createHash('sha256').update(sealed).digest('hex'),
          ...(input.fromSuggestion
            ? { via: 'suggestion', suggestedAt: input.fromSuggestion.suggestedAt }
            : { via: input.via ?? 'automatic' }),
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
        db.prepare("UPDATE conversations SET status = 'escalated', updated_at = ? WHERE id = ?").run(
          at.toISOString(),
          row.conversation_id,
        );
        return result.id;
      })();
      return summary(must(id));
    },
    list(filter: { status?: EscalationStatus; limit?: number } = {}): EscalationSummary[] {
      const limit = filter.limit ?? 200;
      const rows = filter.status
        ? db
            .prepare<[string, number], Row>(
              'SELECT * FROM escalations WHERE status = ? ORDER BY sla_due_at LIMIT ?',
            )
            .all(filter.status, limit)
        : db.prepare<[number], Row>('SELECT * FROM escalations ORDER BY sla_due_at LIMIT ?').all(limit);
      return rows.map(summary);
    },
    get(id: string): EscalationDetail {
      const row = must(id);
      const opened = store.cipher.open(row.subject_id, row.packet_sealed);
      const notes = db
        .prepare<
          [string],
          {
            id: number;
            author_id: string;
            kind: 'note' | 'response';
            body_sealed: string;
            created_at: string;
          }
        >('SELECT * FROM escalation_notes WHERE escalation_id = ? ORDER BY id')
        .all(id)
        .map((n) => ({
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
      db.prepare(
        "UPDATE escalations SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'open'",
      ).run(actor.id, at, id);
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
      const info = db
        .prepare(
          'INSERT INTO escalation_notes (escalation_id, author_id, kind, body_sealed, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, actor.id, kind, store.cipher.seal(row.subject_id, body), now().toISOString());
      auditAction(kind === 'note' ? 'escalation.noted' : 'escalation.responded', actor, row, {
        noteId: Number(info.lastInsertRowid),
        chars: body.length,
      });
      return Number(info.lastInsertRowid);
    },
    /**
     * Rehydrates the packet's pseudonym tokens (<PERSON_1>) from the conversation's vault for the
     * supervisor who has claimed the escalation, when the rehydrateForStaff flag allows it. The result is
     * for display only; the reveal is audited first (actor, reason masked, counts and types), so a
     * reveal that could not be recorded is never shown.
     */
    reveal(id: string, actor: AuditActor, reason: string, options: { allowed: boolean }): EscalationReveal {
      if (!options.allowed)
        throw new UserError('FORBIDDEN', 'Revealing originals is turned off (flag rehydrateForStaff).');
      if (actor.kind !== 'user' || !REVEAL_ROLES.has(actor.role))
        throw new UserError('FORBIDDEN', 'Only a supervisor can reveal the originals of a handoff packet.');
      const why = reason.trim();
      if (why.length < REVEAL_REASON_MIN || why.length > MAX_NOTE)
        throw new UserError(
          'VALIDATION',
          `A reveal needs a reason of ${REVEAL_REASON_MIN}-${MAX_NOTE} characters.`,
        );
      const row = must(id);
      if (row.status !== 'claimed' || row.claimed_by !== actor.id)
        throw new UserError('CONFLICT', 'Claim the escalation before revealing its originals.');
      const opened = store.cipher.open(row.subject_id, row.packet_sealed);
      const packet = opened === null ? null : HandoffPacketSchema.parse(JSON.parse(opened));
      const found = new Map<string, boolean>();
      let transcript: HandoffPacket['transcript'] = [];
      let verifiedFacts: HandoffPacket['verifiedFacts'] = [];
      if (packet) {
        const vault = privacy.createPseudonymizer(store, {
          conversationId: row.conversation_id,
          subjectId: row.subject_id,
        });
        const show = (text: string) => {
          for (const [token] of text.matchAll(privacy.TOKEN_RE))
            if (!found.has(token)) found.set(token, vault.rehydrate(token) !== token);
          return privacy.boundaries.forStaffView(text, vault, { revealAllowed: true });
        };
        transcript = packet.transcript.map((t) => ({ role: t.role, text: show(t.text) }));
        verifiedFacts = packet.verifiedFacts.map((f) => ({ ...f, claim: show(f.claim) }));
      }
      const revealedTokens = [...found].filter(([, ok]) => ok).map(([t]) => t);
      const types = [...new Set(revealedTokens.map((t) => t.slice(1, t.lastIndexOf('_'))))].sort();
      const unresolved = found.size - revealedTokens.length;
      const { seq } = audit.append({
        type: 'escalation.pii_revealed',
        actor,
        subject: row.subject_id,
        payload: {
          escalationId: row.id,
          conversationId: row.conversation_id,
          // Free text typed by staff: masked like any audit payload, in case it names the customer.
          reason: privacy.boundaries.forAudit(why),
          revealed: revealedTokens.length,
          types,
          unresolved,
          erased: packet === null,
        },
      });
      const notice =
        packet === null
          ? 'The customer has been erased: the packet and its originals are gone, nothing was revealed.'
          : unresolved > 0
            ? `${unresolved} value(s) could not be revealed (erased or past retention) and stay as tokens. This reveal was audited.`
            : 'This reveal was audited. Originals are shown for this view only and are not stored.';
      return {
        escalationId: row.id,
        erased: packet === null,
        transcript,
        verifiedFacts,
        revealed: revealedTokens.length,
        types,
        unresolved,
        notice,
        auditSeq: seq,
      };
    },
    resolve(id: string, actor: AuditActor, outcome: EscalationOutcome = 'resolved'): EscalationSummary {
      requireQueueRole(actor);
      const row = must(id);
      if (row.status === 'resolved') throw new UserError('CONFLICT', 'Escalation is already resolved.');
      if (row.status === 'claimed' && row.claimed_by !== actor.id && actor.role !== 'admin')
        throw new UserError('CONFLICT', 'Another supervisor has claimed this escalation.');
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare(
          `UPDATE escalations SET status = 'resolved', claimed_by = COALESCE(claimed_by, ?),
            claimed_at = COALESCE(claimed_at, ?), resolved_by = ?, resolved_at = ?, outcome = ? WHERE id = ?`,
        ).run(actor.id, at, actor.id, at, outcome, id);
        db.prepare("UPDATE conversations SET status = 'open', updated_at = ? WHERE id = ?").run(
          at,
          row.conversation_id,
        );
      })();
      if (outcome === 'taken_over') auditAction('escalation.takeover', actor, row);
      auditAction('escalation.resolved', actor, row, { outcome, withinSla: at <= row.sla_due_at });
      return summary(must(id));
    },
  };
  return api;
}
export type EscalationService = ReturnType<typeof escalationService>;

interface SuggestionRow {
  turn_id: string;
  conversation_id: string;
  subject_id: string;
  status: 'pending' | 'escalated' | 'dismissed';
  priority: HandoffPacket['priority'];
  reasons: string;
  summary: string;
  packet_sealed: string;
  created_at: string;
  escalation_id: string | null;
  acted_by: string | null;
  acted_at: string | null;
}

const SuggestionSummarySchema = z.object({
  triggers: HandoffPacketSchema.shape.triggers,
  rationale: z.string(),
});

/**
 * Escalation suggestions (migration 013): what a turn would have escalated with the autoEscalation flag
 * on. The packet is sealed under the subject key; `summary` holds trigger codes, scores and the rationale
 * (fixed phrases), never customer text, so the desk can show it without unsealing.
 */
export function suggestionRepo(store: Store) {
  const db = store.db;
  const byTurn = db.prepare<[string], SuggestionRow>(
    'SELECT * FROM escalation_suggestions WHERE turn_id = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO escalation_suggestions (turn_id, conversation_id, subject_id, status, priority, reasons,
      summary, packet_sealed, created_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)
     ON CONFLICT (turn_id) DO NOTHING`,
  );
  const escalated = db.prepare<[string, string, string, string]>(
    `UPDATE escalation_suggestions SET status = 'escalated', escalation_id = ?, acted_by = ?, acted_at = ?
      WHERE turn_id = ? AND status = 'pending'`,
  );
  const view = (r: SuggestionRow): SuggestedEscalation => {
    const summary = SuggestionSummarySchema.parse(JSON.parse(r.summary));
    return {
      turnId: r.turn_id,
      status: r.status,
      priority: r.priority,
      reasons: JSON.parse(r.reasons) as EscalationReason[],
      triggers: summary.triggers,
      rationale: summary.rationale,
      escalationId: r.escalation_id,
    };
  };
  return {
    row: (turnId: string): SuggestionRow | undefined => byTurn.get(turnId),
    /** Idempotent: a resumed turn that records its suggestion again keeps the first one. */
    record(input: { subjectId: string; packet: HandoffPacket }): void {
      const p = HandoffPacketSchema.parse(input.packet);
      upsert.run(
        p.turnId,
        p.conversationId,
        input.subjectId,
        p.priority,
        JSON.stringify(p.reasons),
        // The handler words its rationale for an escalation; nothing was escalated yet.
        JSON.stringify({
          triggers: p.triggers,
          rationale: p.rationale.replace(/^Escalated because/, 'Escalation suggested because'),
        }),
        store.cipher.seal(input.subjectId, JSON.stringify(p)),
        p.createdAt,
      );
    },
    forTurn(turnId: string): SuggestedEscalation | null {
      const r = byTurn.get(turnId);
      return r ? view(r) : null;
    },
    markEscalated(turnId: string, escalationId: string, actorId: string, at: string): boolean {
      return escalated.run(escalationId, actorId, at, turnId).changes === 1;
    },
  };
}
export type SuggestionRepo = ReturnType<typeof suggestionRepo>;
