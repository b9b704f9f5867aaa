/** The escalate stage: the extractive answer when only the model was missing, a suggestion, or the queue. */
import {
  composeExtractive,
  type EscalationReason,
  type FactCheckReport,
  type Guard,
  type HandoffPacket,
  type OutputRails,
  type TemplateId,
} from '../../agents';
import type { PolicyNode } from '../../policy';
import { heldGuards } from '../guards';
import type { TurnState } from '../types';
import { type TurnContext, audit, degrade, template } from './context';
import { verify, outputRails } from './analysis';
import { escalationReasons, autoEscalationOn, safetyCritical, enqueue, packetFor } from './handoff';
import { send } from './reply';

export async function escalate(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const reasons = escalationReasons(state, ctx.pack);
  const guards = heldGuards(state, ctx.pack);
  if (await answerExtractively(ctx, state, reasons, guards)) return;
  const active = ctx.escalations.activeFor(state.conversationId);
  const packet = packetFor(ctx, state, reasons, guards, active);
  if (
    !autoEscalationOn(ctx) &&
    !safetyCritical(ctx.pack, reasons, guards) &&
    // A conversation already in the queue keeps collecting reasons there: a person is on it.
    active === null
  )
    return suggest(ctx, state, node, packet);
  enqueue(ctx, state, packet);
  // A self-harm escalation always carries the crisis resources, whatever template the node names.
  const chosen: TemplateId = reasons.includes('self_harm') ? 'self_harm' : (node.template ?? 'escalated');
  send(ctx, state, template(ctx.pack, chosen), 'escalated', `template:${chosen}`);
}

/**
 * autoEscalation off: nothing is enqueued. The packet the handler built is kept (sealed) as this turn's
 * suggestion, the staff member sees the triggers and escalates with one click (`desk.escalate`), and the
 * customer gets an honest reply: the handoff offer (after the conservative line when nothing was drafted),
 * never the "I've passed you to a colleague" template.
 */
function suggest(ctx: TurnContext, state: TurnState, node: PolicyNode, packet: HandoffPacket): void {
  ctx.escalations.suggest({ subjectId: state.subjectId, packet });
  audit(ctx, state, 'policy.checked', {
    phase: 'escalation_suggested',
    autoEscalation: false,
    reasons: packet.reasons,
    priority: packet.priority,
    triggers: packet.triggers.map((t) => ({ reason: t.reason, guard: t.guard, score: t.score })),
    node: node.id,
  });
  const offer = template(ctx.pack, 'handoff_offer');
  if (!state.draft || node.template === 'safe_fallback')
    return send(
      ctx,
      state,
      `${template(ctx.pack, 'conservative')} ${offer}`,
      'delivered',
      'template:conservative',
    );
  return send(ctx, state, offer, 'rewritten', 'template:handoff_offer');
}

/** Guards that mean a person should look at the turn: an extractive answer never replaces them. */
const EXTRACTIVE_BLOCKERS: readonly Guard[] = [
  'self_harm',
  'high_emotion',
  'risk_high',
  'prompt_injection',
  'off_topic',
  'customer_requests_human',
  'vulnerable_customer',
  'fraud',
];

/**
 * The model could not draft (missing, timed out, failed) and model_unavailable is the only reason to
 * escalate: answer an FAQ-type question by quoting the top retrieved passage, when the pack allows it
 * (`extractive`) and the passage covers the question. The quote goes through the facts verifier and
 * the output rails like any draft; any doubt and the turn escalates as before. Declared as the
 * `extractive_kb` degradation and audited either way.
 */
async function answerExtractively(
  ctx: TurnContext,
  state: TurnState,
  reasons: readonly EscalationReason[],
  guards: readonly Guard[],
): Promise<boolean> {
  const options = ctx.pack.extractive;
  if (!options || state.draftError === null || state.draft !== null) return false;
  if (reasons.some((r) => r !== 'model_unavailable')) return false;
  if (guards.some((g) => EXTRACTIVE_BLOCKERS.includes(g))) return false;
  const answer = composeExtractive(state.pseudoText ?? '', state.passages, options);
  if (!answer.ok) {
    audit(ctx, state, 'policy.checked', {
      phase: 'extractive',
      accepted: false,
      refusal: answer.reason,
      coverage: answer.coverage,
      kbSnapshot: state.kbSnapshot,
    });
    return false;
  }
  state.draft = {
    reply: answer.body,
    citedDocIds: [answer.passage.docId],
    confidence: 'high',
    intent: 'answer',
    source: 'extractive',
    modelId: 'extractive-kb',
    modelSha256: '',
    promptTokens: 0,
    completionTokens: 0,
    totalMs: 0,
  };
  await verify(ctx, state);
  outputRails(ctx, state);
  const facts = state.facts as FactCheckReport | null;
  const output = state.output as OutputRails | null;
  const clean =
    (facts?.verdict === 'supported' || facts?.verdict === 'no_claims') &&
    output !== null &&
    output.forbiddenAdvice.length === 0 &&
    output.piiEcho.length === 0 &&
    output.toneViolations.length === 0;
  audit(ctx, state, 'policy.checked', {
    phase: 'extractive',
    accepted: clean,
    refusal: clean ? null : 'rails',
    coverage: answer.coverage,
    sentenceOverlap: answer.sentenceOverlap,
    sentences: answer.sentences,
    docId: answer.passage.docId,
    chunkId: answer.passage.chunkId,
    kbSnapshot: state.kbSnapshot,
  });
  if (!clean) {
    // The handoff packet must not list "verified facts" of an answer that was never given.
    state.draft = null;
    state.facts = null;
    state.output = null;
    return false;
  }
  degrade(ctx, state, 'extractive_kb', {
    cause: state.draftError ?? 'model_unavailable',
    docId: answer.passage.docId,
    chunkId: answer.passage.chunkId,
  });
  send(ctx, state, `${answer.body} ${template(ctx.pack, 'handoff_offer')}`, 'delivered', 'extractive:kb');
  return true;
}
