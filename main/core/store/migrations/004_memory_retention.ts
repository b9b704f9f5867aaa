import type { Migration } from './types';

/**
 * Long-term customer memory, consent records and retention bookkeeping. Customer content lives only in
 * `*_sealed` columns (AES-GCM under the subject key); plain columns hold ids, codes and epoch-ms times.
 * Memory rows need a consent row (FK), so "stored only with consent" is enforced by the schema too.
 */
export const migration004: Migration = {
  version: 4,
  name: 'memory, consent and retention',
  up(db) {
    db.exec(`
      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('long_term_memory', 'vulnerability_support')),
        data_classes TEXT NOT NULL CHECK (json_valid(data_classes) AND json_type(data_classes) = 'array'),
        text_version TEXT NOT NULL,
        text_sha256 TEXT CHECK (text_sha256 IS NULL OR length(text_sha256) = 64),
        method TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'digital')),
        recorded_by TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        withdrawn_at INTEGER,
        withdrawn_by TEXT,
        CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      ) STRICT;
      CREATE INDEX consents_subject ON consents (subject_id, purpose);

      CREATE TABLE memory_items (
        id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        data_class TEXT NOT NULL
          CHECK (data_class IN ('preference', 'case_history', 'contact', 'vulnerability')),
        kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
        body_sealed TEXT NOT NULL,
        source_ref TEXT,
        consent_id TEXT NOT NULL REFERENCES consents (id) ON DELETE RESTRICT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL CHECK (expires_at >= created_at)
      ) STRICT;
      CREATE INDEX memory_items_subject ON memory_items (subject_id, data_class, created_at);
      CREATE INDEX memory_items_expiry ON memory_items (expires_at);
      CREATE INDEX memory_items_consent ON memory_items (consent_id);

      -- One row per known subject: when it was last active drives subject-level key shredding.
      CREATE TABLE retention_subjects (
        subject_id TEXT PRIMARY KEY,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        erased_at INTEGER,
        erase_reason TEXT CHECK (erase_reason IS NULL OR erase_reason IN ('request', 'retention', 'consent'))
      ) STRICT;
      CREATE INDEX retention_subjects_last_seen ON retention_subjects (last_seen_at) WHERE erased_at IS NULL;

      -- Purge history: counts and codes only.
      CREATE TABLE retention_runs (
        id INTEGER PRIMARY KEY,
        trigger TEXT NOT NULL CHECK (trigger IN ('startup', 'schedule', 'manual')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        deleted_rows INTEGER NOT NULL CHECK (deleted_rows >= 0),
        shredded_subjects INTEGER NOT NULL CHECK (shredded_subjects >= 0),
        detail TEXT NOT NULL CHECK (json_valid(detail))
      ) STRICT;
    `);
  },
};
