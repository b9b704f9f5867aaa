import type { Migration } from './types';

/**
 * Policy packs by content hash, and an append-only log of activations and rollbacks per domain.
 * The active pack is derived by replaying the log, so history is never rewritten.
 */
export const migration009: Migration = {
  version: 9,
  name: 'policy packs',
  up(db) {
    db.exec(`
      CREATE TABLE policy_packs (
        hash TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL,
        domain TEXT NOT NULL CHECK (domain IN ('bank', 'clinic', 'generic')),
        version TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (pack_id, version)
      ) STRICT;
      CREATE TABLE policy_activations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        domain TEXT NOT NULL CHECK (domain IN ('bank', 'clinic', 'generic')),
        action TEXT NOT NULL CHECK (action IN ('activate', 'rollback')),
        pack_hash TEXT REFERENCES policy_packs (hash),
        actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        at TEXT NOT NULL,
        audit_seq INTEGER
      ) STRICT;
      CREATE INDEX policy_activations_domain ON policy_activations (domain, seq);
    `);
  },
};
