import { z } from 'zod';
import type { SuggestedEscalation } from '../../../shared/contract';
import { HandoffPacketSchema, type EscalationReason, type HandoffPacket } from '../agents';
import type { Store } from '../store';

export interface SuggestionRow {
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
