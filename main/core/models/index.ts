/**
 * Public API of the local model runtime. Other modules import only from here.
 * See docs/MODELS.md for the manifest, verification rules, fallbacks and benchmarks.
 */
export { createModelRuntime, type CreateModelRuntimeOptions, type FullModelRuntime } from './runtime';
export type {
  AuditSink,
  ChatMessage,
  Embedder,
  Fallback,
  GenerateRequest,
  GenerationMeta,
  LlmAdapter,
  LlmInfo,
  ModelRole,
  ModelRuntime,
  ModelStatus,
  SentimentResult,
  SentimentScorer,
} from './types';
export { FALLBACKS, MODEL_ROLES } from './types';
export {
  expectedFor,
  filePath,
  findEntry,
  loadManifest,
  manifestSchema,
  modelDirs,
  readPins,
  resolveManifestPath,
  writePins,
  type Manifest,
  type ManifestEntry,
  type ManifestFile,
  type ModelDirs,
  type Pin,
} from './manifest';
export {
  assertFitsInRam,
  assertVerified,
  HashCache,
  isInstalled,
  sha256File,
  verifyEntry,
  type EntryReport,
  type FileReport,
  type FileStatus,
} from './verify';
export { pullFile, type PullFileOptions, type PullFileResult } from './download';
export { loadLlm, sharedLlama, type LlmAdapterOptions, type LoadedLlm } from './llm';
export {
  configureOffline,
  loadClassifier,
  loadEmbedder,
  loadTokenClassifier,
  polarityScore,
  type LoadedClassifier,
  type LoadedEmbedder,
  type LoadedTokenClassifier,
  type TokenEntity,
} from './onnx';
export { createLexiconScorer, lexiconSentiment, labelFor, NEUTRAL_BAND } from './lexicon';
export {
  BoundedQueue,
  CircuitBreaker,
  type CircuitOptions,
  type CircuitState,
  type QueueOptions,
} from './resilience';
export { openModelRegistry, type Activation, type Actor, type ModelRegistry } from './registry';
export { openVectorIndex, type VectorIndex } from './vectors';
export { adoptBundledModels, type BundledFileOutcome, type BundledFileReport } from './bundle';
