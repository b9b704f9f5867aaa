/** Terminal stages that answer without escalating: deliver, rewrite (revise once, soften, or a template), block. */
import { type Guard, type TemplateId } from '../../agents';
import type { PolicyNode } from '../../policy';
import { heldGuards, holds } from '../guards';
import type { TurnState } from '../types';
import { type TurnContext, audit, template } from './context';
import { verify, outputRails, lowConfidence } from './analysis';
import { draft } from './drafting';
import { send, fallbackBody } from './reply';

export function deliver(ctx: TurnContext, state: TurnState): void {
  if (!state.draft) return send(ctx, state, fallbackBody(ctx), 'delivered', 'template:safe_fallback');
  if (lowConfidence(state, ctx.pack) || state.facts?.verdict === 'unsupported') {
    // A pack that delivers without routing doubtful drafts elsewhere still gets the conservative reply.
    audit(ctx, state, 'reply.rewritten', { cause: 'low_confidence', template: 'conservative' });
    return send(ctx, state, template(ctx.pack, 'conservative'), 'rewritten', 'template:conservative');
  }
  return send(ctx, state, state.draft.reply, 'delivered', state.draft.source);
}

export async function rewrite(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const problems = (): Guard[] =>
    (['unsupported_claims', 'forbidden_advice', 'pii_echo', 'tone_violation'] as const).filter((g) =>
      holds(g, state, ctx.pack),
    );
  // Revise once: the model gets the unsupported claims back; anything else gets a template.
  if (state.draft && !state.revised && ctx.dialogue && problems().join() === 'unsupported_claims') {
    state.revised = true;
    const unsupported = (state.facts?.claims ?? []).filter((c) => !c.supported).map((c) => c.text);
    const previous = state.draft.reply;
    await draft(ctx, state, node.budgetMs, { unsupportedClaims: unsupported, previousReply: previous });
    if (state.draft) {
      await verify(ctx, state);
      outputRails(ctx, state);
    }
    if (state.draft && problems().length === 0 && !lowConfidence(state, ctx.pack)) {
      audit(ctx, state, 'reply.rewritten', { cause: 'revised', template: null });
      return send(ctx, state, state.draft.reply, 'rewritten', 'revision');
    }
  }
  if (state.draft && problems().join() === 'tone_violation' && !lowConfidence(state, ctx.pack)) {
    // Soften by dropping the sentences that carry the tone problem; the rest of the answer stands.
    const kept = state.draft.reply
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => ctx.supervisor.tone(sentence).length === 0)
      .join(' ')
      .trim();
    if (kept.length > 0 && ctx.supervisor.tone(kept).length === 0) {
      audit(ctx, state, 'reply.rewritten', { cause: 'tone_softened', template: null });
      return send(ctx, state, kept, 'rewritten', state.draft.source);
    }
  }
  if (state.draft && problems().length === 0 && !lowConfidence(state, ctx.pack)) {
    // Only disclosures were missing: the draft stands and send() appends them.
    audit(ctx, state, 'reply.rewritten', { cause: 'missing_disclosure', template: null });
    return send(ctx, state, state.draft.reply, 'rewritten', state.draft.source);
  }
  const chosen: TemplateId =
    node.template ??
    (!state.draft
      ? 'safe_fallback'
      : problems().some((g) => g !== 'unsupported_claims')
        ? 'blocked_rewrite'
        : 'conservative');
  if (state.draft) audit(ctx, state, 'reply.blocked', { guards: problems(), revised: state.revised });
  audit(ctx, state, 'reply.rewritten', { cause: problems().join(',') || 'no_draft', template: chosen });
  const body = chosen === 'safe_fallback' ? fallbackBody(ctx) : template(ctx.pack, chosen);
  return send(ctx, state, body, 'rewritten', `template:${chosen}`);
}

export function block(ctx: TurnContext, state: TurnState, node: PolicyNode): void {
  audit(ctx, state, 'reply.blocked', {
    guards: heldGuards(state, ctx.pack),
    template: node.template ?? null,
  });
  if (node.template)
    return send(ctx, state, template(ctx.pack, node.template), 'blocked', `template:${node.template}`);
  state.reply = '';
  state.delivered = false;
  state.outcome = 'blocked';
}
