/** What a live turn's trace records per stage: the owning agent, GenAI attributes, ids and counts only. */
import type { Stage } from '../policy';
import { GEN_AI } from '../tracing';
import type { StageOutcome, TurnState, TurnTraceLike } from './types';

/** Which agent owns each stage, for the GenAI `gen_ai.agent.name` span attribute. */
export const AGENT_OF_STAGE: Record<Stage, string> = {
  receive: 'privacy',
  input_rails: 'policy_supervisor',
  sentiment: 'sentiment_monitor',
  retrieve: 'knowledge_base',
  draft: 'dialogue_manager',
  verify_facts: 'facts_verifier',
  output_rails: 'policy_supervisor',
  decide: 'policy_supervisor',
  deliver: 'policy_supervisor',
  rewrite: 'policy_supervisor',
  escalate: 'escalation_handler',
  block: 'policy_supervisor',
};

/** Ids, codes and counts only: the tracing allow-list drops anything else. */
export function stageAttributes(state: TurnState, stage: Stage): Record<string, unknown> {
  switch (stage) {
    case 'draft':
      return state.draft
        ? {
            [GEN_AI.operationName]: 'chat',
            [GEN_AI.requestModel]: state.draft.modelId,
            [GEN_AI.inputTokens]: state.draft.promptTokens,
            [GEN_AI.outputTokens]: state.draft.completionTokens,
            'confidant.model.sha256': state.draft.modelSha256,
          }
        : { 'confidant.degradation': state.draftError ?? 'none' };
    case 'retrieve':
      return {
        'confidant.kb.snapshot': state.kbSnapshot ?? 'none',
        'confidant.kb.hits': state.passages.length,
      };
    case 'sentiment':
      return state.sentiment
        ? {
            'confidant.sentiment.label': state.sentiment.label,
            'confidant.sentiment.source': state.sentiment.source,
          }
        : {};
    case 'verify_facts':
      return state.facts ? { 'confidant.facts.unsupported': state.facts.unsupported } : {};
    default:
      return state.outcome ? { 'confidant.outcome': state.outcome } : {};
  }
}

export function localTrace(): TurnTraceLike {
  return {
    async stage<T>(
      _name: string,
      budgetMs: number,
      fn: (span: { setAttributes(a: Record<string, unknown>): void }) => Promise<T> | T,
    ): Promise<StageOutcome<T>> {
      const start = performance.now();
      const result = await fn({ setAttributes: () => undefined });
      const durationMs = performance.now() - start;
      return { result, durationMs, overBudget: durationMs > budgetMs };
    },
  };
}
