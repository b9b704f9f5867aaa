import type { Migration } from './types';

/**
 * The `guard` model role (a safety classifier such as Llama Guard, docs/SAFETY.md). SQLite cannot alter
 * a CHECK constraint, so the two registry tables are rebuilt with the wider role set, rows and sequence
 * numbers kept; foreign keys are checked at commit, once both tables are back under their names.
 */
const ROLES = `'llm', 'embedding', 'sentiment', 'emotion', 'ner', 'guard'`;

export const migration015: Migration = {
  version: 15,
  name: 'guard model role',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE model_activations_new (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL CHECK (role IN (${ROLES})),
        model_id TEXT NOT NULL,
        model_version TEXT NOT NULL,
        sha256 TEXT,
        action TEXT NOT NULL CHECK (action IN ('activate', 'rollback')),
        previous_seq INTEGER REFERENCES model_activations_new (seq),
        actor_id TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL
      ) STRICT;
      INSERT INTO model_activations_new
        (seq, role, model_id, model_version, sha256, action, previous_seq, actor_id, reason, at)
        SELECT seq, role, model_id, model_version, sha256, action, previous_seq, actor_id, reason, at
        FROM model_activations;
      CREATE TABLE model_active_new (
        role TEXT PRIMARY KEY CHECK (role IN (${ROLES})),
        activation_seq INTEGER NOT NULL REFERENCES model_activations_new (seq)
      ) STRICT;
      INSERT INTO model_active_new (role, activation_seq) SELECT role, activation_seq FROM model_active;
      DROP TABLE model_active;
      DROP TABLE model_activations;
      ALTER TABLE model_activations_new RENAME TO model_activations;
      ALTER TABLE model_active_new RENAME TO model_active;
      CREATE INDEX model_activations_role ON model_activations (role, seq);
    `);
  },
};
