/** Public API of the privacy module: PII detection, operators, pseudonym vault and boundaries. */
export { PII_TYPES, isPiiType, type PiiType, type PiiSpan, type DetectOptions } from './types';
export { detectPii, CHUNK_SIZE, CHUNK_OVERLAP, MAX_TEXT_LENGTH } from './detect';
export { redactText, replaceSpans, partialMask, hashValue, applyOperator, type Operator } from './operators';
export {
  createPseudonymizer,
  canonicalValue,
  TOKEN_RE,
  type Pseudonymizer,
  type PseudonymizeResult,
  type PseudonymSpan,
  type VaultStore,
} from './pseudonymize';
export { boundaries, redactJson, redactForLog, type Boundary, type JsonValue } from './boundaries';
export { installLogRedaction } from './log-redaction';
export {
  loadNerRecognizer,
  detectPiiWithNer,
  nerModelInstalled,
  alignTokens,
  type NerOptions,
  type NerRecognizer,
} from './ner';
export { vaultRetentionTarget } from './retention';
