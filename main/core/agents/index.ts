/** Role-separated agents. They exchange only the zod-validated messages in ./messages. */
export * from './messages';
export * from './ports';
export {
  buildPrompt,
  createDialogueManager,
  DOC_MARKER,
  DRAFT_JSON_SCHEMA,
  type DialogueManager,
} from './dialogue';
export {
  computeTrend,
  createSentimentMonitor,
  detectCues,
  emotionalIntensity,
  type SentimentMonitor,
} from './sentiment';
export { SafetyMemorySchema, withSelfHarm, type SafetyMemory } from './safety/accumulate';
export {
  createGuardReviewer,
  parseGuardOutput,
  SELF_HARM_CATEGORY,
  type GuardReviewer,
  type GuardVerdict,
} from './safety/guard';
export { detectMessage, type MessageCues } from './safety/detect';
export { emergencyNow } from './safety/emergency';
export {
  calibrate as calibrateSemantic,
  cosine,
  createSemanticMatcher,
  PROTOTYPES,
  type SemanticHit,
  type SemanticMatcher,
  type SemanticThresholds,
} from './safety/semantic';
export {
  claimKinds,
  contentWords,
  createFactsVerifier,
  numbersIn,
  splitSentences,
  type FactsVerifier,
} from './facts';
export {
  composeExtractive,
  isFaqQuestion,
  type ExtractiveAnswer,
  type ExtractiveOptions,
  type ExtractiveRefusal,
} from './extractive';
export {
  detectPromises,
  ungroundedPromises,
  withoutPromises,
  PROMISE_KINDS,
  type PromiseKind,
  type PromiseMatch,
} from './promises';
export {
  createPolicySupervisor,
  normaliseDigits,
  type OutputRailsInput,
  type PolicySupervisor,
} from './supervisor';
export {
  createEscalationHandler,
  type EscalationHandler,
  type HandoffInput,
  type HandoffPrivacyPort,
} from './escalation';
