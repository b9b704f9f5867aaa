import type { Migration } from './types';

/**
 * The pseudonym vault: one row per (conversation, token) such as <PERSON_1>. The original value is
 * sealed under the subject's own key (store.cipher), so erasing the subject shreds every original
 * while prompts, memory and audit keep only tokens. No plaintext or unkeyed hash of PII is stored.
 */
export const migration003: Migration = {
  version: 3,
  name: 'privacy vault',
  up(db) {
    db.exec(`
      CREATE TABLE privacy_vault (
        conversation_id TEXT NOT NULL,
        token TEXT NOT NULL,
        pii_type TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        sealed_value TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, token)
      ) STRICT;
      CREATE INDEX privacy_vault_subject ON privacy_vault (subject_id);
    `);
  },
};
