import { ungroundedPromises, withoutPromises, type EscalationReason, type Guard } from '../agents';
import type { AuditEntryType, JsonValue } from '../audit';
import { escalationFor } from '../policy';
import { heldGuards, holds } from './guards';
import type { TurnContext } from './stages';
import type { TurnState } from './types';

type Outcome = NonNullable<TurnState['outcome']>;

/** What the rail needs from the stage that sends the reply. */
export interface PromiseRailIo {
  audit(type: AuditEntryType, payload: Record<string, JsonValue>): void;
  /** Text of the passages the reply cites: a promise they make themselves is the procedure. */
  cited: string;
  /** The pack's handoff offer, which replaces a promise the turn cannot keep. */
  offer: string;
  /** Whether the flags let these reasons escalate (autoEscalation on, or safety-critical). */
  allowed(reasons: readonly EscalationReason[], guards: readonly Guard[]): boolean;
  /** Opens (or updates) the conversation's escalation; returns its id. */
  escalate(reasons: EscalationReason[], guards: Guard[]): string;
}

/** Customer words about reaching a person (not a cue detector: read only when a draft promised one). */
const CONTACT_WORDS =
  /\b(?:speak|talk|chat) (?:to|with)\b|\b(?:call|ring|phone) (?:me|back)\b|\bcall ?back\b|\b(?:real|actual|live) (?:person|human)\b|\bhuman\b|\b(?:manager|supervisor)\b/i;

/**
 * The promise-keeping rail, run on every reply (templates too) after the safety net. A reply that
 * promises a person or a callback ("a colleague will be with you", "someone will ring you back", "I've
 * passed this to my manager") goes out only with an escalation behind it: the one this turn opened, or
 * one already queued for the conversation. Without one, the turn escalates when the pack has a reason to
 * (an escalation rule whose guard holds; failing that, the customer spoke of reaching a person:
 * `customer_request`) and the flags allow it; otherwise the promising clauses are cut and the honest
 * handoff offer takes their place. Audited either way (`policy.checked` phase `promise`).
 */
export function keepPromises(
  ctx: TurnContext,
  state: TurnState,
  text: string,
  outcome: Outcome,
  io: PromiseRailIo,
): { text: string; outcome: Outcome; source: string | null } {
  const same = { text, outcome, source: null };
  if (outcome === 'escalated') return same;
  const kinds = [...new Set(ungroundedPromises(text, io.cited).map((p) => p.kind))];
  if (kinds.length === 0) return same;
  const active = ctx.escalations.activeFor(state.conversationId);
  if (active) {
    io.audit('policy.checked', {
      phase: 'promise',
      promises: kinds,
      action: 'backed',
      escalationId: active.id,
    });
    return same;
  }
  const guards = heldGuards(state, ctx.pack);
  const reasons = [
    ...new Set(escalationFor(ctx.pack, (g) => holds(g, state, ctx.pack)).map((r) => r.reason)),
  ];
  // The draft offers a person and the customer spoke of reaching one: two weak signals that agree are
  // read as a request the cue detectors missed, so the promise is kept rather than taken back.
  if (
    reasons.length === 0 &&
    CONTACT_WORDS.test(state.text) &&
    ctx.pack.escalation.some((r) => r.reason === 'customer_request')
  )
    reasons.push('customer_request');
  if (reasons.length > 0 && io.allowed(reasons, guards)) {
    const escalationId = io.escalate(reasons, guards);
    io.audit('policy.checked', {
      phase: 'promise',
      promises: kinds,
      action: 'escalated',
      escalationId,
      reasons,
    });
    return { text, outcome: 'escalated', source: null };
  }
  io.audit('policy.checked', { phase: 'promise', promises: kinds, action: 'rewritten', reasons });
  io.audit('reply.rewritten', { cause: 'unbacked_promise', template: 'handoff_offer' });
  return {
    text: [withoutPromises(text), io.offer].filter((t) => t.length > 0).join(' '),
    outcome: outcome === 'delivered' ? 'rewritten' : outcome,
    source: 'promise_rail',
  };
}
