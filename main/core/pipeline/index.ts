/**
 * Public API of the per-turn pipeline: the decision-graph executor, conversations and turns, shadow runs.
 * The escalation queue is its own module; the pipeline reaches it through `EscalationPort`.
 */
export { createPipeline, type Pipeline } from './pipeline';
export { heldGuards, holds } from './guards';
export { conversationRepo, type ConversationRepo, type ConversationRow, type TurnRow } from './conversations';
export {
  DEGRADATIONS,
  type AuditAppender,
  type Degradation,
  type EscalationPort,
  type PipelineDeps,
  type PipelineModels,
  type PipelinePolicies,
  type PipelinePrivacy,
  type TracerLike,
  type TurnInput,
  type TurnResult,
  type TurnState,
  type TurnTraceLike,
} from './types';
export {
  createPipelineService,
  readSemanticThresholds,
  SEMANTIC_THRESHOLDS_FILE,
  realPrivacy,
  transcriptReader,
  packetPrivacy,
  type PipelineService,
  type TranscriptReader,
  type PipelineServiceOptions,
} from './service';
export { createLazyPipeline, type LazyPipeline } from './lazy';
export {
  createShadowRunner,
  shadowStore,
  type ShadowCandidate,
  type ShadowDiff,
  type ShadowReport,
  type ShadowRunner,
  type ShadowRunnerOptions,
  type ShadowStore,
} from './shadow';
export { pipelineRetentionTargets, type PipelineRetentionWindows } from './retention';
export {
  INTERRUPTED_AFTER_MS,
  recoverInterruptedTurns,
  type InterruptReason,
  type RecoveryOptions,
  type RecoveryReport,
} from './recover';
export {
  deskReview,
  checkEdited,
  citationsOf,
  railFlags,
  type DeskReview,
  type DraftDecision,
  type Whisper,
} from './desk-review';
