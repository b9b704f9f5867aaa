import {
  createEscalationHandler,
  createPolicySupervisor,
  createSemanticMatcher,
  createSentimentMonitor,
} from '../agents';
import type { PolicyPack } from '../policy';
import { crisisResources } from './crisis';
import type { TurnContext } from './stages';
import type { PipelineDeps } from './types';

/** What a walk needs per pack version: compiled once, shared by live turns and their shadow replays. */
export type PackAgents = Pick<TurnContext, 'supervisor' | 'monitor' | 'handoff' | 'crisis'>;

export interface AgentCache {
  agentsFor(pack: PolicyPack, packHash: string): PackAgents;
}

/** More pack versions than a desk runs at once (live packs of three domains plus staged candidates). */
const MAX_PACKS = 16;

/**
 * Agents compile the pack's patterns once per pack version, not once per turn. The supervisor, the
 * handoff and the crisis wording depend on the pack only; the monitor also on the scorer and the
 * embedder, so a runtime that hands out a new scorer object per call (a test double, the bench) rebuilds
 * the monitor alone, not the supervisor. One cache serves the pipeline and the shadow runner, so a
 * staged candidate is judged by the very agents a live turn under it would get.
 */
export function createAgentCache(
  deps: Pick<PipelineDeps, 'models' | 'privacy' | 'semanticThresholds'>,
): AgentCache {
  const cache = new Map<
    string,
    {
      fixed: Pick<PackAgents, 'supervisor' | 'handoff' | 'crisis'>;
      scorer: unknown;
      embedder: unknown;
      monitor: PackAgents['monitor'];
    }
  >();
  return {
    agentsFor(pack, packHash) {
      const scorer = deps.models.sentiment();
      const embedder = deps.models.embedder?.() ?? null;
      const thresholds = embedder ? deps.semanticThresholds?.[embedder.info.modelId] : undefined;
      const monitorFor = () =>
        createSentimentMonitor(scorer, {
          highEmotion: pack.thresholds.highEmotion,
          trendWindow: pack.thresholds.trendWindow,
          cues: pack.cues,
          semantic: embedder && thresholds ? createSemanticMatcher(embedder, thresholds) : null,
        });
      let hit = cache.get(packHash);
      if (!hit) {
        hit = {
          fixed: {
            supervisor: createPolicySupervisor(pack, deps.privacy),
            handoff: createEscalationHandler(pack, deps.privacy),
            crisis: crisisResources(pack),
          },
          scorer,
          embedder,
          monitor: monitorFor(),
        };
        if (cache.size > MAX_PACKS) cache.clear();
        cache.set(packHash, hit);
      } else if (hit.scorer !== scorer || hit.embedder !== embedder) {
        hit.scorer = scorer;
        hit.embedder = embedder;
        hit.monitor = monitorFor();
      }
      return { ...hit.fixed, monitor: hit.monitor };
    },
  };
}
