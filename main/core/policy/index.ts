/**
 * Public API of policy packs: the versioned decision graph, thresholds, topics, disclosures,
 * escalation rules, templates and retention windows that constrain every turn. Policy is data,
 * kept apart from the model, validated with precise path-level errors, and activated or rolled
 * back only as audited admin actions.
 */
export {
  STAGES,
  TERMINAL_STAGES,
  GUARDS,
  ESCALATION_REASONS,
  DOMAINS,
  TEMPLATE_IDS,
  DATA_CLASSES,
  ESCALATION_PRIORITIES,
  policyPackSchema,
  type Stage,
  type TerminalStage,
  type Guard,
  type EscalationReason,
  type PolicyDomain,
  type TemplateId,
  type DataClass,
  type EscalationPriority,
  type Condition,
  type PolicyPack,
  type PolicyPackInput,
  type PolicyNode,
  type PolicyEdge,
  type ForbiddenTopic,
  type RequiredDisclosure,
  type EscalationRule,
  type PackThresholds,
  type PackCues,
} from './schema';
export { parsePack, semanticProblems, formatPath, PackValidationError, type PackProblem } from './validate';
export { loadPackFile, parsePackText, packHash } from './loader';
export { builtinPack, BUILTIN_PACK_DIR } from './builtin';
export {
  evalCondition,
  conditionGuards,
  isTerminal,
  findNode,
  startNode,
  nextNode,
  escalationFor,
} from './graph';
export { patternSafetyProblem, compilePattern, matchesAny, matchingPatterns, MAX_REPEAT } from './patterns';
export {
  openPolicyRegistry,
  type PolicyRegistry,
  type PolicyActor,
  type PolicyAuditSink,
  type ActivePack,
  type PolicyHistoryEntry,
} from './registry';
