import { BugError, assertNever } from '../../../shared/errors';
import { TERMINAL_STAGES, type Condition, type Guard, type PolicyNode, type PolicyPack } from './schema';

/** Evaluates an edge condition; `holds` answers one named guard ('always' never reaches it). */
export function evalCondition(when: Condition, holds: (guard: Guard) => boolean): boolean {
  const one = (g: Guard): boolean => g === 'always' || holds(g);
  if (typeof when === 'string') return one(when);
  if ('all' in when) return when.all.every(one);
  if ('any' in when) return when.any.some(one);
  if ('not' in when) return !one(when.not);
  return assertNever(when, 'condition');
}

/** The guards a condition mentions, so the executor can compute only what the graph needs. */
export function conditionGuards(when: Condition): Guard[] {
  if (typeof when === 'string') return [when];
  if ('all' in when) return [...when.all];
  if ('any' in when) return [...when.any];
  return [when.not];
}

export function isTerminal(node: PolicyNode): boolean {
  return (TERMINAL_STAGES as readonly string[]).includes(node.stage);
}

export function findNode(pack: PolicyPack, id: string): PolicyNode {
  const node = pack.graph.nodes.find((n) => n.id === id);
  if (!node) throw new BugError(`policy ${pack.id}@${pack.version} has no node ${id}`);
  return node;
}

export function startNode(pack: PolicyPack): PolicyNode {
  return findNode(pack, pack.graph.start);
}

/**
 * The next node after `nodeId`: the first edge whose condition holds (edges are ordered by priority).
 * Returns null at a terminal node. A validated pack always ends a node with an `always` edge.
 */
export function nextNode(
  pack: PolicyPack,
  nodeId: string,
  holds: (guard: Guard) => boolean,
): { node: PolicyNode; edgeIndex: number } | null {
  const node = findNode(pack, nodeId);
  if (isTerminal(node)) return null;
  for (let i = 0; i < node.next.length; i += 1) {
    const edge = node.next[i];
    if (edge && evalCondition(edge.when, holds)) return { node: findNode(pack, edge.to), edgeIndex: i };
  }
  throw new BugError(`policy ${pack.id}@${pack.version}: no edge fired at ${nodeId}`);
}

/** Escalation rules whose guard holds, most urgent first; reasons de-duplicated. */
export function escalationFor(
  pack: PolicyPack,
  holds: (guard: Guard) => boolean,
): Array<PolicyPack['escalation'][number]> {
  const rank = { urgent: 0, high: 1, normal: 2 } as const;
  const seen = new Set<string>();
  return pack.escalation
    .filter((r) => r.guard === 'always' || holds(r.guard))
    .sort((a, b) => rank[a.priority] - rank[b.priority] || a.slaMinutes - b.slaMinutes)
    .filter((r) => (seen.has(r.reason) ? false : (seen.add(r.reason), true)));
}
