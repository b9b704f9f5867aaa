import type { HandoffPacket, EscalationReason } from '../agents';

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

/** A row of `escalations` (migration 008). */
export interface EscalationRow {
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

export const MAX_NOTE = 4000;

/**
 * The conversation's status as the escalation lifecycle moves it (escalated when one opens from a
 * suggestion, open again once resolved). The conversations table belongs to the pipeline: the container
 * wires this to its repository, so this module never writes that table.
 */
export interface ConversationStatusPort {
  setStatus(conversationId: string, status: 'open' | 'escalated', at: string): void;
}
