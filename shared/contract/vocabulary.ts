import { z } from 'zod';

/**
 * The closed sets every layer speaks: the one definition of each. Core modules build on these (policy
 * packs, agents' messages, eval scenarios, the desk), so a new domain or reason is added here once and the
 * type checker finds every place that must handle it. Reasons are the closed set of the eval-scenario format
 * (docs/formats/eval-scenario.md).
 */
export const DOMAINS = ['bank', 'clinic', 'generic'] as const;
export type Domain = (typeof DOMAINS)[number];
export const DomainSchema = z.enum(DOMAINS);

export const ESCALATION_REASONS = [
  'high_emotion',
  'risk',
  'policy_breach',
  'customer_request',
  'self_harm',
  'vulnerable_customer',
  'fraud',
  'model_unavailable',
  'low_confidence',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const EscalationReasonSchema = z.enum(ESCALATION_REASONS);

/** How a turn ended: the graph's terminal node, as the desk shows it and the turn state records it. */
export const TurnOutcomeSchema = z.enum(['delivered', 'rewritten', 'blocked', 'escalated']);
export type TurnOutcome = z.infer<typeof TurnOutcomeSchema>;
