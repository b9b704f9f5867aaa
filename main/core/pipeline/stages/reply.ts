/** The one path every reply takes to the customer: safety net, crisis wording, promises, disclosures. */
import { withoutCrisisWording } from '../crisis';
import { keepPromises } from '../promise-rail';
import type { TurnState } from '../types';
import { type TurnContext, audit, citedPassages, template } from './context';
import { autoEscalationOn, safetyCritical, enqueue, packetFor } from './handoff';

/** Model placeholders (<PERSON_1>) never reach the customer: rehydration is for staff views only. */
function stripPlaceholders(text: string): string {
  return text
    .replace(/<[A-Z][A-Z_]{1,40}_\d{1,4}>/g, '')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Appends the disclosures due on this reply that it does not already carry. */
function withDisclosures(
  ctx: TurnContext,
  state: TurnState,
  text: string,
): { text: string; added: string[] } {
  const missing = ctx.supervisor.missingDisclosures(text, state.text, state.firstReply);
  const add = ctx.pack.requiredDisclosures.filter((d) => missing.includes(d.id));
  return { text: [text, ...add.map((d) => d.text)].join(' ').trim(), added: add.map((d) => d.id) };
}

/** The last line of defence: whatever path led here, a reply that leaks PII or advises is replaced. */
function safetyNet(ctx: TurnContext, state: TurnState, text: string): { text: string; replaced: boolean } {
  // The pack's own templates (helplines, 999) are public text, like the cited passages.
  const packText = {
    chunkId: 'pack',
    docId: 'pack',
    title: 'pack',
    text: Object.values(ctx.pack.templates).join(' '),
  };
  const check = ctx.supervisor.outputRails({
    draft: text,
    customerPii: state.piiValues,
    cited: [...citedPassages(state), packText],
    customerText: state.text,
    firstReply: state.firstReply,
  });
  if (check.piiEcho.length > 0 || check.forbiddenAdvice.length > 0 || check.toneViolations.length > 0)
    return { text: template(ctx.pack, 'blocked_rewrite'), replaced: true };
  return { text, replaced: false };
}

export function send(
  ctx: TurnContext,
  state: TurnState,
  body: string,
  outcome: NonNullable<TurnState['outcome']>,
  source: string,
): void {
  const net = safetyNet(ctx, state, stripPlaceholders(body));
  if (net.replaced)
    audit(ctx, state, 'reply.rewritten', { cause: 'safety_net', template: 'blocked_rewrite' });
  if (source !== 'template:self_harm') {
    // Crisis resources are for self-harm replies only: a draft that signposts them elsewhere loses those sentences.
    const calm = withoutCrisisWording(ctx.crisis, net.text);
    if (calm !== null) {
      audit(ctx, state, 'reply.rewritten', { cause: 'crisis_wording', template: null });
      net.text = calm.length > 0 ? calm : template(ctx.pack, 'conservative');
    }
  }
  const kept = keepPromises(ctx, state, net.text, outcome, {
    audit: (type, payload) => audit(ctx, state, type, payload),
    cited: citedPassages(state)
      .map((p) => p.text)
      .join('\n'),
    offer: template(ctx.pack, 'handoff_offer'),
    allowed: (reasons, guards) => autoEscalationOn(ctx) || safetyCritical(ctx.pack, reasons, guards),
    escalate: (reasons, guards) => enqueue(ctx, state, packetFor(ctx, state, reasons, guards, null)),
  });
  const final = withDisclosures(ctx, state, kept.text);
  state.reply = final.text;
  state.delivered = true;
  state.outcome = kept.outcome;
  audit(ctx, state, 'reply.delivered', {
    outcome: kept.outcome,
    source: kept.source ?? (net.replaced ? 'template:blocked_rewrite' : source),
    chars: final.text.length,
    disclosures: final.added,
    modelSha256: state.draft?.modelSha256 ?? null,
    kbSnapshot: state.kbSnapshot,
    degraded: state.degraded,
  });
}

export function fallbackBody(ctx: TurnContext): string {
  return `${template(ctx.pack, 'safe_fallback')} ${template(ctx.pack, 'handoff_offer')}`;
}
