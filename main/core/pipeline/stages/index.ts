import { assertNever } from '../../../../shared/errors';
import type { PolicyNode } from '../../policy';
import type { TurnState } from '../types';
import { receive, inputRails, sentiment, retrieve, verify, outputRails, decide } from './analysis';
import { draft } from './drafting';
import { deliver, rewrite, block } from './terminal';
import { escalate } from './escalation';
import type { TurnContext } from './context';

/**
 * Runs one node's stage; terminal stages set the reply and the outcome. The stages live by kind:
 * analysis, drafting, terminal (deliver, rewrite, block) and escalation, with the reply path and the
 * escalation primitives they share in reply.ts and handoff.ts.
 */
export async function runStage(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const stage = node.stage;
  switch (stage) {
    case 'receive':
      return receive(ctx, state);
    case 'input_rails':
      return inputRails(ctx, state);
    case 'sentiment':
      return sentiment(ctx, state, node.budgetMs);
    case 'retrieve':
      return retrieve(ctx, state, node.budgetMs);
    case 'draft':
      return draft(ctx, state, node.budgetMs, null);
    case 'verify_facts':
      return verify(ctx, state);
    case 'output_rails':
      return outputRails(ctx, state);
    case 'decide':
      return decide(ctx, state);
    case 'deliver':
      return deliver(ctx, state);
    case 'rewrite':
      return rewrite(ctx, state, node);
    case 'escalate':
      return escalate(ctx, state, node);
    case 'block':
      return block(ctx, state, node);
    default:
      return assertNever(stage, 'stage');
  }
}

export type { TurnContext } from './context';
export { escalationReasons } from './handoff';
