import type { Migration } from './types';

/**
 * The audit ledger. Entries are append-only: triggers reject UPDATE/DELETE and any INSERT that does not
 * extend the chain (seq = last + 1, prev_hash = last entry_hash). The triggers guard against bugs and
 * second processes; a hostile editor can drop them, which is why `verify()` and signed checkpoints exist.
 */
export const migration002: Migration = {
  version: 2,
  name: 'audit ledger',
  up(db) {
    db.exec(`
      CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY CHECK (seq >= 0),
        ts TEXT NOT NULL,
        type TEXT NOT NULL,
        subject TEXT,
        leaf BLOB NOT NULL,
        prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
        entry_hash BLOB NOT NULL CHECK (length(entry_hash) = 32)
      ) STRICT;
      CREATE INDEX audit_entries_subject ON audit_entries (subject) WHERE subject IS NOT NULL;

      CREATE TRIGGER audit_entries_extend_chain BEFORE INSERT ON audit_entries
      BEGIN
        SELECT RAISE(ABORT, 'audit: seq must extend the chain')
          WHERE NEW.seq <> COALESCE((SELECT MAX(seq) FROM audit_entries), -1) + 1;
        SELECT RAISE(ABORT, 'audit: prev_hash must equal the previous entry_hash')
          WHERE NEW.prev_hash IS NOT
            COALESCE((SELECT entry_hash FROM audit_entries WHERE seq = NEW.seq - 1), zeroblob(32));
      END;
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit: entries are append-only'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'audit: entries are append-only'); END;

      -- Hashes of complete (perfect) subtrees, level >= 1; level 0 is audit_entries.entry_hash.
      CREATE TABLE audit_nodes (
        level INTEGER NOT NULL CHECK (level >= 1),
        idx INTEGER NOT NULL CHECK (idx >= 0),
        hash BLOB NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE ON audit_nodes
      BEGIN SELECT RAISE(ABORT, 'audit: nodes are append-only'); END;
      CREATE TRIGGER audit_nodes_no_delete BEFORE DELETE ON audit_nodes
      BEGIN SELECT RAISE(ABORT, 'audit: nodes are append-only'); END;

      -- The desk's signing key (private part only here, inside the encrypted store) and witness keys.
      CREATE TABLE audit_keys (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('desk', 'witness')),
        vkey TEXT NOT NULL UNIQUE,
        skey BLOB,
        created_at TEXT NOT NULL,
        CHECK ((role = 'desk') = (skey IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX audit_keys_one_desk ON audit_keys (role) WHERE role = 'desk';

      CREATE TABLE audit_checkpoints (
        id INTEGER PRIMARY KEY,
        size INTEGER NOT NULL CHECK (size >= 0),
        root BLOB NOT NULL CHECK (length(root) = 32),
        note TEXT NOT NULL,
        created_at TEXT NOT NULL,
        exported INTEGER NOT NULL DEFAULT 0 CHECK (exported IN (0, 1))
      ) STRICT;
      CREATE INDEX audit_checkpoints_size ON audit_checkpoints (size);
    `);
  },
};
