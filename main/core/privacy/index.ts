/** Public API of the privacy module: PII detection, operators, pseudonym vault and boundaries. */
export { PII_TYPES, isPiiType, type PiiType, type PiiSpan, type DetectOptions } from './types';
export { detectPii, CHUNK_SIZE, CHUNK_OVERLAP, MAX_TEXT_LENGTH } from './detect';
