/** The drafting stage: the dialogue manager's draft under the node's budget, or a declared degradation. */
import { createHash } from 'node:crypto';
import { UserError } from '../../../../shared/errors';
import type { DraftRequest } from '../../agents';
import type { TurnState } from '../types';
import { type TurnContext, audit, degrade, round } from './context';

export async function draft(
  ctx: TurnContext,
  state: TurnState,
  budgetMs: number,
  revision: DraftRequest['revision'],
): Promise<void> {
  if (!ctx.dialogue || !ctx.llm) {
    state.draftError = 'model_unavailable';
    state.draft = null;
    degrade(ctx, state, 'model_unavailable', { cause: 'no_model' });
    return;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    state.draft = await ctx.dialogue.draft(
      {
        turnId: state.turnId,
        domain: state.domain,
        customerText: state.pseudoText ?? '',
        history: ctx.history,
        passages: state.passages,
        revision,
        timeoutMs: budgetMs,
      },
      controller.signal,
      ctx.onDraft,
    );
    state.draftError = null;
    audit(ctx, state, 'model.called', {
      modelId: state.draft.modelId,
      modelSha256: state.draft.modelSha256,
      source: state.draft.source,
      promptTokens: state.draft.promptTokens,
      completionTokens: state.draft.completionTokens,
      totalMs: round(state.draft.totalMs),
      confidence: state.draft.confidence,
      intent: state.draft.intent,
      citedDocIds: state.draft.citedDocIds,
      revision: revision !== null,
      draftSha256: createHash('sha256').update(state.draft.reply).digest('hex'),
    });
  } catch (err) {
    const timedOut = controller.signal.aborted || (err instanceof UserError && err.code === 'TIMEOUT');
    const cause = timedOut
      ? 'model_timeout'
      : err instanceof UserError && err.code === 'UNAVAILABLE'
        ? 'model_unavailable'
        : 'model_failed';
    state.draft = null;
    state.draftError = cause;
    audit(ctx, state, 'model.called', {
      modelId: ctx.llm.info.modelId,
      modelSha256: ctx.llm.info.sha256,
      error: cause,
      revision: revision !== null,
    });
    degrade(ctx, state, cause, { budgetMs, ...(timedOut ? { cause: 'budget' } : {}) });
  } finally {
    clearTimeout(timer);
  }
}
