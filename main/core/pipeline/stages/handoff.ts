/** The escalation primitives the reply path and the escalate stage share: reasons, the packet, the queue. */
import { DEFAULT_FLAGS } from '../../../../shared/flags';
import { type EscalationReason, type Guard, type HandoffPacket } from '../../agents';
import { escalationFor, type PolicyPack } from '../../policy';
import { heldGuards, holds } from '../guards';
import type { TurnState } from '../types';
import type { TurnContext } from './context';

const GUARD_REASON: Partial<Record<Guard, EscalationReason>> = {
  self_harm: 'self_harm',
  high_emotion: 'high_emotion',
  risk_high: 'risk',
  customer_requests_human: 'customer_request',
  vulnerable_customer: 'vulnerable_customer',
  fraud: 'fraud',
  model_unavailable: 'model_unavailable',
  low_confidence: 'low_confidence',
  unsupported_claims: 'low_confidence',
  prompt_injection: 'policy_breach',
  forbidden_advice: 'policy_breach',
  pii_echo: 'policy_breach',
};

export function escalationReasons(state: TurnState, pack: PolicyPack): EscalationReason[] {
  const fromPack = escalationFor(pack, (g) => holds(g, state, pack)).map((r) => r.reason);
  if (fromPack.length > 0) return fromPack;
  // The graph escalated on a guard the pack has no rule for: name the guard's natural reason.
  const guessed = heldGuards(state, pack)
    .map((g) => GUARD_REASON[g])
    .filter((r): r is EscalationReason => r !== undefined);
  return guessed.length > 0 ? [...new Set(guessed)] : ['policy_breach'];
}

export const autoEscalationOn = (ctx: TurnContext): boolean =>
  ctx.deps.flags?.autoEscalation ?? DEFAULT_FLAGS.autoEscalation;

export function packetFor(
  ctx: TurnContext,
  state: TurnState,
  reasons: readonly EscalationReason[],
  guards: readonly Guard[],
  active: { reasons: readonly EscalationReason[] } | null,
): HandoffPacket {
  return ctx.handoff.packet({
    conversationId: state.conversationId,
    turnId: state.turnId,
    transcript: [...ctx.transcript, { role: 'customer', text: state.text }],
    guards,
    // An escalation already queued for the conversation is updated: the rationale covers all its reasons.
    reasons: active ? [...new Set([...active.reasons, ...reasons])] : reasons,
    sentiment: state.sentiment,
    facts: state.facts,
    riskScore: state.risk,
    model: state.draft ? { modelId: state.draft.modelId, sha256: state.draft.modelSha256 } : null,
    kbSnapshot: state.kbSnapshot,
    now: ctx.now(),
  });
}

/** Opens the escalation, or updates the conversation's active one (the escalations module merges). */
export function enqueue(ctx: TurnContext, state: TurnState, packet: HandoffPacket): string {
  const opened = ctx.escalations.open({
    conversationId: state.conversationId,
    subjectId: state.subjectId,
    packet,
    actor: { kind: 'agent', id: 'escalation-handler', role: 'agent' },
    ...(state.staffId ? { staffId: state.staffId } : {}),
  });
  if (opened.auditSeq !== null) state.lastAuditSeq = opened.auditSeq;
  ctx.repo.setStatus(state.conversationId, 'escalated', ctx.now().toISOString());
  state.escalationId = opened.id;
  state.reasons = opened.reasons;
  return opened.id;
}

/**
 * Escalations that happen even with the autoEscalation flag off: self-harm always, and every pack rule
 * marked `always` whose guard holds (the shipped packs mark self_harm and risk_high: immediate danger).
 */
export function safetyCritical(
  pack: PolicyPack,
  reasons: readonly string[],
  guards: readonly Guard[],
): boolean {
  if (reasons.includes('self_harm') || guards.includes('self_harm')) return true;
  return pack.escalation.some((r) => r.always && guards.includes(r.guard));
}
