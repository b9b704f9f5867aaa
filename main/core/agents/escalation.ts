import {
  HandoffPacketSchema,
  parseMessage,
  type FactCheckReport,
  type HandoffPacket,
  type SentimentReading,
  type Trigger,
} from './messages';
import type { EscalationReason, Guard, PackView, PrivacyPort, PseudonymizerLike } from './ports';

/**
 * The privacy port as the handoff sees it. With `pseudonymizerFor`, transcript and claims carry the
 * conversation's stable vault tokens (<PERSON_1>, the same scope as the prompt boundary), so the same
 * person is the same token across turns and an authorised supervisor can reveal them
 * (escalation.reveal). Without it (agents tested alone) they are masked ([PERSON]). Either way the
 * packet never holds a detected value in plaintext.
 */
export interface HandoffPrivacyPort extends PrivacyPort {
  pseudonymizerFor?(conversationId: string): PseudonymizerLike | null;
}

export interface HandoffInput {
  conversationId: string;
  turnId: string;
  /** Raw transcript; pseudonymized here, so the packet never holds detected PII even before sealing. */
  transcript: ReadonlyArray<{ role: 'customer' | 'agent'; text: string }>;
  guards: readonly Guard[];
  reasons: readonly EscalationReason[];
  sentiment: SentimentReading | null;
  facts: FactCheckReport | null;
  riskScore: number | null;
  model: { modelId: string; sha256: string } | null;
  kbSnapshot: string | null;
  now: Date;
}

const RATIONALE: Record<EscalationReason, string> = {
  high_emotion: 'the customer is highly emotional',
  risk: 'the conversation risk score crossed the pack threshold',
  policy_breach: 'a policy rail fired (injection, data request or forbidden content)',
  customer_request: 'the customer asked for a person',
  self_harm: 'the customer expressed self-harm cues: immediate human contact required',
  vulnerable_customer: 'vulnerability indicators were present',
  fraud: 'the customer reported possible fraud',
  model_unavailable: 'the drafting model was unavailable, so no grounded answer could be given',
  low_confidence: 'the draft could not be verified with confidence',
};
const PRIORITY_ORDER = { urgent: 0, high: 1, normal: 2 } as const;

export interface EscalationHandler {
  packet(input: HandoffInput): HandoffPacket;
}

export function createEscalationHandler(pack: PackView, privacy: HandoffPrivacyPort): EscalationHandler {
  return {
    packet(input) {
      const vault = privacy.pseudonymizerFor?.(input.conversationId) ?? null;
      const hide = vault
        ? (text: string) => vault.pseudonymize(text).text
        : (text: string) => privacy.redactText(text);
      const rules = pack.escalation.filter(
        (r) => input.reasons.includes(r.reason) && input.guards.includes(r.guard),
      );
      const fallbackRule = { priority: 'high' as const, slaMinutes: 30 };
      const priority = rules.reduce<'urgent' | 'high' | 'normal'>(
        (p, r) => (PRIORITY_ORDER[r.priority] < PRIORITY_ORDER[p] ? r.priority : p),
        rules.length ? 'normal' : fallbackRule.priority,
      );
      const sla = rules.length ? Math.min(...rules.map((r) => r.slaMinutes)) : fallbackRule.slaMinutes;
      const triggers: Trigger[] = pack.escalation
        .filter((r) => input.guards.includes(r.guard))
        .map((r) => ({
          reason: r.reason,
          guard: r.guard,
          score: scoreFor(r.guard, input),
          detail: RATIONALE[r.reason],
        }));
      const reasons = input.reasons.length > 0 ? [...input.reasons] : (['policy_breach'] as const);
      const rationale = `Escalated because ${reasons.map((r) => RATIONALE[r]).join('; ')}.`;
      return parseMessage(
        HandoffPacketSchema,
        {
          v: 1,
          conversationId: input.conversationId,
          turnId: input.turnId,
          domain: pack.domain,
          createdAt: input.now.toISOString(),
          priority,
          slaDueAt: new Date(input.now.getTime() + sla * 60_000).toISOString(),
          reasons,
          triggers,
          rationale,
          transcript: input.transcript.slice(-20).map((t) => ({
            role: t.role,
            text: hide(t.text),
          })),
          sentiment: input.sentiment
            ? {
                score: input.sentiment.score,
                trend: input.sentiment.trend.direction,
                intensity: input.sentiment.intensity,
              }
            : null,
          verifiedFacts: (input.facts?.claims ?? [])
            .filter((c) => c.supported && c.docId && c.chunkId)
            .map((c) => ({
              claim: hide(c.text),
              docId: c.docId ?? '',
              chunkId: c.chunkId ?? '',
            })),
          versions: {
            policyId: pack.id,
            policyVersion: pack.version,
            modelId: input.model?.modelId ?? null,
            modelSha256: input.model?.sha256 ?? null,
            kbSnapshot: input.kbSnapshot,
          },
        },
        'HandoffPacket',
      );
    },
  };
}

function scoreFor(guard: Guard, input: HandoffInput): number | null {
  switch (guard) {
    case 'high_emotion':
      return input.sentiment?.intensity ?? null;
    case 'risk_high':
      return input.riskScore;
    case 'low_confidence':
    case 'unsupported_claims':
      return input.facts ? input.facts.unsupported : null;
    default:
      return null;
  }
}
