import type { Migration } from './types';

/**
 * Knowledge-base documents and their chunks with provenance, plus a contentless FTS5 index over the
 * chunk text (the text lives once, in kb_chunks; the whole file is page-encrypted by the store).
 * Vector tables are per embedding size and created on demand by the kb module (kb_vec_<dims>).
 */
export const migration006: Migration = {
  version: 6,
  name: 'knowledge base',
  up(db) {
    db.exec(`
      CREATE TABLE kb_docs (
        doc_id TEXT PRIMARY KEY,
        domain TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('markdown', 'text', 'html')),
        content_hash TEXT NOT NULL,
        chunk_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX kb_docs_domain ON kb_docs (domain);
      CREATE TABLE kb_chunks (
        rowid_ INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES kb_docs (doc_id) ON DELETE CASCADE,
        domain TEXT NOT NULL,
        ord INTEGER NOT NULL,
        heading_path TEXT NOT NULL,
        text TEXT NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        UNIQUE (doc_id, ord)
      ) STRICT;
      CREATE INDEX kb_chunks_domain ON kb_chunks (domain, content_hash);
      CREATE VIRTUAL TABLE kb_fts USING fts5(
        title, heading, text,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TABLE kb_vec_meta (
        rowid_ INTEGER PRIMARY KEY REFERENCES kb_chunks (rowid_) ON DELETE CASCADE,
        model_id TEXT NOT NULL,
        dims INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
