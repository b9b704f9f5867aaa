/**
 * The offline bundle verifier: a deliberately small module (node:crypto, node:zlib, node:fs; its own strict tar reader) that an
 * auditor can read end to end. It depends on nothing else in Confidant.
 */
export {
  emptyRoot,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
export {
  ALG_ED25519,
  SIG_PREFIX,
  decodeBase64,
  formatCheckpointBody,
  formatVerifierKey,
  keyIdFor,
  parseCheckpointBody,
  parseNote,
  parseVerifierKey,
  validKeyName,
  verifyEd25519,
  verifyNote,
  type Checkpoint,
  type NoteSignature,
  type NoteVerification,
  type ParsedNote,
  type VerifierKey,
} from './note';
export { verifyBundle, type Anchor, type BundleReport, type BundleVerifyOptions } from './bundle';
export {
  readTar,
  walkTar,
  nameProblem,
  CorruptBundle,
  LimitExceeded,
  LIMITS as BUNDLE_LIMITS,
  type BundleInput,
  type BundleLimits,
} from './tar';
