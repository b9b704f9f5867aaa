import { BugError } from '../../../shared/errors';
import { findNode, nextNode, type PolicyNode, type PolicyPack } from '../policy';
import { holds } from './guards';
import type { TurnState } from './types';

/** A walk longer than this is a cycle in a pack that validation missed. */
export const MAX_STEPS = 64;

export interface WalkSteps {
  /** Runs the node's stage (a live turn inside its budgeted trace span). */
  run(node: PolicyNode): Promise<void>;
  /** After the next node is chosen and `state.step` counted: a live turn commits, a replay drops its audit. */
  after(node: PolicyNode, terminal: boolean): void;
  /** Asked before each node: true stops the walk where it is (a shadow replay past its budget). */
  stop?(): boolean;
}

/**
 * The one graph walk, for live turns (pipeline.ts) and shadow replays (shadow.ts) alike: from
 * `state.nextNodeId`, run a node, follow the first edge whose guard holds, until a terminal node.
 * Returns false when `stop` ended it early.
 */
export async function walkGraph(pack: PolicyPack, state: TurnState, steps: WalkSteps): Promise<boolean> {
  while (state.nextNodeId !== null) {
    if (state.step >= MAX_STEPS) throw new BugError(`policy ${pack.id} walked more than ${MAX_STEPS} nodes`);
    if (steps.stop?.()) return false;
    const node = findNode(pack, state.nextNodeId);
    await steps.run(node);
    const next = nextNode(pack, node.id, (g) => holds(g, state, pack));
    state.nextNodeId = next ? next.node.id : null;
    state.step += 1;
    steps.after(node, state.nextNodeId === null);
  }
  return true;
}
