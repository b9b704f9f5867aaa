import type { Migration } from './types';

/**
 * Which model is active for each role, and the history of activations and rollbacks (admin actions).
 * Each activation row remembers the one it replaced, so a rollback walks back one step at a time.
 * The audit ledger records the same actions; these tables are the operational state.
 */
export const migration005: Migration = {
  version: 5,
  name: 'model registry',
  up(db) {
    db.exec(`
      CREATE TABLE model_activations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL CHECK (role IN ('llm', 'embedding', 'sentiment', 'emotion', 'ner')),
        model_id TEXT NOT NULL,
        model_version TEXT NOT NULL,
        sha256 TEXT,
        action TEXT NOT NULL CHECK (action IN ('activate', 'rollback')),
        previous_seq INTEGER REFERENCES model_activations (seq),
        actor_id TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_activations_role ON model_activations (role, seq);
      CREATE TABLE model_active (
        role TEXT PRIMARY KEY CHECK (role IN ('llm', 'embedding', 'sentiment', 'emotion', 'ner')),
        activation_seq INTEGER NOT NULL REFERENCES model_activations (seq)
      ) STRICT;
    `);
  },
};
