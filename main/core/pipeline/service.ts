import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FLAGS, type Flags } from '../../../shared/flags';
import type { HandoffPrivacyPort } from '../agents';
import type { AuditLedger } from '../audit';
import { openKnowledgeBase, type KnowledgeBase } from '../kb';
import type { Logger } from '../log';
import type { ModelRuntime } from '../models';
import { openPolicyRegistry, type PolicyRegistry } from '../policy';
import * as privacy from '../privacy';
import type { Store } from '../store';
import { createTracer, type Tracer } from '../tracing';
import { suggestionRepo, type SuggestionRepo } from './escalations';
import { createPipeline, type Pipeline } from './pipeline';
import { createShadowRunner, type ShadowRunner, type ShadowRunnerOptions } from './shadow';
import { staffEscalation } from './staff-escalation';
import type { PipelineDeps, PipelineModels, PipelinePrivacy } from './types';

export interface PipelineServiceOptions {
  store: Store;
  audit: AuditLedger;
  log: Logger;
  /** The model runtime; its sentiment scorer is never null (lexicon fallback). */
  models: PipelineModels | ModelRuntime;
  kb?: KnowledgeBase;
  policies?: PolicyRegistry;
  tracer?: Tracer | null;
  now?: () => Date;
  afterCheckpoint?: PipelineDeps['afterCheckpoint'];
  afterCommit?: PipelineDeps['afterCommit'];
  onEscalationChange?: PipelineDeps['onEscalationChange'];
  /** Feature flags (config.flags); missing ones take DEFAULT_FLAGS. */
  flags?: Partial<Flags>;
  shadow?: ShadowRunnerOptions;
  /** Calibrated semantic thresholds per embedding model id (readSemanticThresholds). */
  semanticThresholds?: PipelineDeps['semanticThresholds'];
}

/**
 * `<modelsDir>/semantic-thresholds.json`, written by scripts/calibrate-semantic.ts: model id -> reason ->
 * threshold. Missing or unreadable: rules only (an uncalibrated threshold would be a guess).
 */
export function readSemanticThresholds(modelsDir: string): PipelineDeps['semanticThresholds'] {
  try {
    const parsed = SemanticThresholdsFileSchema.safeParse(
      JSON.parse(readFileSync(join(modelsDir, SEMANTIC_THRESHOLDS_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const SEMANTIC_THRESHOLDS_FILE = 'semantic-thresholds.json';
const SemanticThresholdsFileSchema = z.record(
  z.string(),
  z.partialRecord(
    z.enum(['self_harm', 'distress', 'request', 'vulnerable', 'fraud']),
    z.number().min(-1).max(1),
  ),
);

export interface PipelineService extends Pipeline {
  readonly kb: KnowledgeBase;
  readonly policies: PolicyRegistry;
  readonly tracer: Tracer | null;
  /** Whether the model runtime has a drafting LLM (else turns take the safe-template path). */
  hasLlm(): boolean;
  /** Opens a value sealed under a conversation's subject key; null once the subject is erased. */
  openSealed(subjectId: string, envelope: string): string | null;
  /**
   * Customer text as readers other than its author see it: pseudonymised through the conversation's
   * vault (the same stable tokens as the handoff packet). Null when the subject is gone.
   */
  pseudonymizeFor(conversationId: string, text: string): string | null;
  readonly flags: Flags;
  /** Escalations the autoEscalation flag held back, per turn. */
  readonly suggestions: SuggestionRepo;
  /** Shadow runs of staged candidate packs (shadowRuns flag); `drain()` before closing the store. */
  readonly shadow: ShadowRunner;
  /** Staff escalate any open conversation with one click (staff-escalation.ts). */
  escalateConversation: ReturnType<typeof staffEscalation>;
}

/** The privacy module as the pipeline's port: detector, redactor and the prompt-boundary pseudonymizer. */
export const realPrivacy: PipelinePrivacy = {
  detectPii: (text) => privacy.detectPii(text),
  redactText: (text, spans) => privacy.redactText(text, spans as privacy.PiiSpan[] | undefined),
  createPseudonymizer: (store, scope) => {
    const vault = privacy.createPseudonymizer(store, scope);
    // Prompt text goes through the privacy module's prompt boundary, never around it.
    return {
      pseudonymize: (text) => ({ text: privacy.boundaries.forPrompt(text, vault), spans: [] }),
      rehydrate: (text) => vault.rehydrate(text),
    };
  },
};

/**
 * The pipeline's privacy port over one store: `realPrivacy` plus the escalation handoff's access to a
 * conversation's vault. The handoff packet then carries the same stable tokens the prompt saw (the vault
 * scope is the conversation and its subject, exactly as at the prompt boundary), through the privacy
 * module's packet boundary; a supervisor can reveal them with `escalation.reveal`.
 */
function storePrivacy(
  store: Store,
  subjectOf: (conversationId: string) => string | null,
): PipelinePrivacy & HandoffPrivacyPort {
  return {
    ...realPrivacy,
    pseudonymizerFor(conversationId) {
      const subjectId = subjectOf(conversationId);
      if (subjectId === null) return null;
      const vault = privacy.createPseudonymizer(store, { conversationId, subjectId });
      return {
        pseudonymize: (text) => ({ text: privacy.boundaries.forPacket(text, vault), spans: [] }),
        rehydrate: (text) => vault.rehydrate(text),
      };
    },
  };
}

/**
 * Builds the pipeline on the real modules: the store, the audit ledger, the policy registry, the
 * knowledge base, the privacy layer, the model runtime and the tracer. The UI (desk procedures), the
 * `turn` command, the demo and the eval runner all come through here, so they run the same code.
 */
export function createPipelineService(options: PipelineServiceOptions): PipelineService {
  const { store, audit, log } = options;
  const kb =
    options.kb ??
    openKnowledgeBase(store, {
      embedder: 'embedder' in options.models ? (options.models.embedder?.() ?? null) : null,
    });
  const policies = options.policies ?? openPolicyRegistry(store, audit);
  const tracer = options.tracer === undefined ? createTracer(store) : options.tracer;
  const flags: Flags = { ...DEFAULT_FLAGS, ...options.flags };
  // The conversation row is read when a packet is built, after `pipeline` below exists.
  const subjectOf = (conversationId: string) =>
    pipeline.conversations.get(conversationId)?.subject_id ?? null;
  const deps: PipelineDeps = {
    store,
    audit,
    log,
    kb,
    privacy: storePrivacy(store, subjectOf),
    models: options.models,
    policies: {
      active: (domain) => {
        const info = policies.activeInfo(domain);
        return { pack: info.pack, hash: info.hash };
      },
      byHash: (hash) => policies.byHash(hash),
    },
    tracer,
    flags,
    ...(options.now ? { now: options.now } : {}),
    ...(options.afterCheckpoint ? { afterCheckpoint: options.afterCheckpoint } : {}),
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
    ...(options.semanticThresholds ? { semanticThresholds: options.semanticThresholds } : {}),
    ...(options.onEscalationChange ? { onEscalationChange: options.onEscalationChange } : {}),
  };
  const pipeline = createPipeline(deps);
  const packetPrivacy = deps.privacy as PipelinePrivacy & HandoffPrivacyPort;
  const suggestions = suggestionRepo(store);
  const shadow = createShadowRunner({ ...deps, tracer: null }, options.shadow);
  return {
    ...pipeline,
    async runTurn(input) {
      const result = await pipeline.runTurn(input);
      // The replay runs after this result is handed back (setImmediate inside), and is skipped for a
      // replayed turn: it was compared when it first ran.
      if (flags.shadowRuns && !result.replayed)
        shadow.schedule(
          result.turnId,
          pipeline.conversations.get(result.conversationId)?.domain ?? 'generic',
        );
      // One primary-key lookup: null unless the autoEscalation flag held back this turn's escalation.
      return { ...result, suggestedEscalation: suggestions.forTurn(result.turnId) };
    },
    flags,
    suggestions,
    shadow,
    kb,
    policies,
    tracer,
    hasLlm: () => options.models.llm() !== null,
    openSealed: (subjectId, envelope) => store.cipher.open(subjectId, envelope),
    pseudonymizeFor: (conversationId, text) =>
      packetPrivacy.pseudonymizerFor?.(conversationId)?.pseudonymize(text).text ?? null,
    escalateConversation: staffEscalation({
      store,
      privacy: packetPrivacy,
      policies: deps.policies,
      conversations: pipeline.conversations,
      escalations: pipeline.escalations,
      suggestions,
      now: options.now ?? (() => new Date()),
    }),
  };
}
