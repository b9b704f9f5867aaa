import type { z } from 'zod';
import { UserError } from '../../../shared/errors';
import { patternSafetyProblem } from './patterns';
import { policyPackSchema, TERMINAL_STAGES, type PolicyPack } from './schema';

export interface PackProblem {
  /** A path into the pack, e.g. `graph.nodes[2].next[0].to`. */
  path: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(root)';
}

function zodProblems(error: z.ZodError): PackProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

const TERMINAL = new Set<string>(TERMINAL_STAGES);

/** Checks what a schema cannot: graph shape, cross references and pattern safety. */
export function semanticProblems(pack: PolicyPack): PackProblem[] {
  const problems: PackProblem[] = [];
  const nodes = pack.graph.nodes;
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (index.has(n.id)) problems.push({ path: `graph.nodes[${i}].id`, message: `duplicate node "${n.id}"` });
    else index.set(n.id, i);
  });
  if (!index.has(pack.graph.start))
    problems.push({ path: 'graph.start', message: `unknown node "${pack.graph.start}"` });

  nodes.forEach((n, i) => {
    const terminal = TERMINAL.has(n.stage);
    if (terminal && n.next.length > 0)
      problems.push({
        path: `graph.nodes[${i}].next`,
        message: `terminal stage "${n.stage}" must have no edges`,
      });
    if (!terminal && n.next.length === 0)
      problems.push({
        path: `graph.nodes[${i}].next`,
        message: `non-terminal stage "${n.stage}" needs at least one edge`,
      });
    if (n.template && !terminal)
      problems.push({ path: `graph.nodes[${i}].template`, message: 'only terminal nodes send a template' });
    n.next.forEach((e, j) => {
      if (!index.has(e.to))
        problems.push({ path: `graph.nodes[${i}].next[${j}].to`, message: `unknown node "${e.to}"` });
    });
    // The last edge must always fire, so a turn can never stall at a node with no matching guard.
    const last = n.next[n.next.length - 1];
    if (last && last.when !== 'always')
      problems.push({
        path: `graph.nodes[${i}].next[${n.next.length - 1}].when`,
        message: 'the last edge of a node must be "always"',
      });
  });

  if (problems.length === 0) problems.push(...graphShapeProblems(pack, index));

  const topicIds = new Set<string>();
  pack.forbiddenTopics.forEach((t, i) => {
    if (topicIds.has(t.id))
      problems.push({ path: `forbiddenTopics[${i}].id`, message: `duplicate topic "${t.id}"` });
    topicIds.add(t.id);
    t.patterns.forEach((p, j) => checkPattern(p, `forbiddenTopics[${i}].patterns[${j}]`, problems));
    t.mentions.forEach((p, j) => checkPattern(p, `forbiddenTopics[${i}].mentions[${j}]`, problems));
  });
  const disclosureIds = new Set<string>();
  pack.requiredDisclosures.forEach((d, i) => {
    if (disclosureIds.has(d.id))
      problems.push({ path: `requiredDisclosures[${i}].id`, message: `duplicate disclosure "${d.id}"` });
    disclosureIds.add(d.id);
    if (typeof d.when === 'object' && !topicIds.has(d.when.topic))
      problems.push({
        path: `requiredDisclosures[${i}].when.topic`,
        message: `unknown topic "${d.when.topic}"`,
      });
    if (d.detect) checkPattern(d.detect, `requiredDisclosures[${i}].detect`, problems);
  });
  pack.injectionPatterns.forEach((p, i) => checkPattern(p, `injectionPatterns[${i}]`, problems));
  pack.offTopic.forEach((p, i) => checkPattern(p, `offTopic[${i}]`, problems));
  pack.toneViolations.forEach((p, i) => checkPattern(p, `toneViolations[${i}]`, problems));
  for (const [key, list] of Object.entries(pack.cues))
    list.forEach((p, i) => checkPattern(p, `cues.${key}[${i}]`, problems));
  return problems;
}

function checkPattern(source: string, path: string, problems: PackProblem[]): void {
  const problem = patternSafetyProblem(source);
  if (problem) problems.push({ path, message: problem });
}

/** Cycle detection and "every path reaches a terminal", by colouring DFS from the start node. */
function graphShapeProblems(pack: PolicyPack, index: Map<string, number>): PackProblem[] {
  const problems: PackProblem[] = [];
  const nodes = pack.graph.nodes;
  const colour = new Map<string, 'grey' | 'black'>();
  const visit = (id: string): void => {
    colour.set(id, 'grey');
    const i = index.get(id) as number;
    const node = nodes[i];
    node?.next.forEach((e, j) => {
      const c = colour.get(e.to);
      if (c === 'grey') {
        problems.push({ path: `graph.nodes[${i}].next[${j}].to`, message: `cycle back to node "${e.to}"` });
      } else if (c === undefined) {
        visit(e.to);
      }
    });
    colour.set(id, 'black');
  };
  visit(pack.graph.start);
  nodes.forEach((n, i) => {
    if (!colour.has(n.id))
      problems.push({ path: `graph.nodes[${i}]`, message: `node "${n.id}" is unreachable from start` });
  });
  // With no cycles, no dangling edges and only terminals lacking edges, every path ends in a terminal.
  return problems;
}

/** Parses and checks an untrusted pack object; throws UserError VALIDATION listing every problem. */
export function parsePack(input: unknown, sourceName = 'pack'): PolicyPack {
  const parsed = policyPackSchema.safeParse(input);
  const problems = parsed.success ? semanticProblems(parsed.data) : zodProblems(parsed.error);
  if (problems.length > 0 || !parsed.success) throw new PackValidationError(sourceName, problems);
  return parsed.data;
}

export class PackValidationError extends UserError {
  constructor(
    readonly source: string,
    readonly problems: PackProblem[],
  ) {
    const shown = problems.slice(0, 8).map((p) => `${p.path}: ${p.message}`);
    const more = problems.length > 8 ? ` (+${problems.length - 8} more)` : '';
    super('VALIDATION', `Invalid policy pack ${source}: ${shown.join('; ')}${more}`);
  }
}
