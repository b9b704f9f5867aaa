/**
 * Public API of the knowledge base: Markdown, text and HTML documents chunked with provenance,
 * BM25 retrieval over a contentless FTS5 index, optional sqlite-vec vectors from an injected
 * Embedder fused by reciprocal rank fusion, and a snapshot hash recorded with every turn.
 */
export {
  openKnowledgeBase,
  KB_DOMAINS,
  type KbDomain,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type KbSearchResult,
  type KbPassage,
  type KbDocInfo,
  type IngestResult,
  type IngestDirResult,
} from './knowledge-base';
export type { Embedder } from './vectors';
export { reciprocalRankFusion, RRF_K } from './fusion';
export { KB_FORMATS, MAX_CHUNK_CHARS, chunkText, type KbFormat, type ChunkDraft } from './parse';
export { htmlToText } from './html';
export { queryTerms, ftsMatchExpression } from './query';
