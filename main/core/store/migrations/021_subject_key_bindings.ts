import type { Migration } from './types';

/**
 * Which pre-made keyring key a customer was given (keyring.ts, key pool). The keys themselves stay in
 * keyring.db, made and committed ahead of need; only the binding (two ids, no secret) is written here, in
 * the same transaction as the first data sealed under it, so a new customer costs no keyring commit.
 */
export const migration021: Migration = {
  version: 21,
  name: 'subject_key_bindings',
  up(db) {
    db.exec(`
      CREATE TABLE subject_key_bindings (
        subject_id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL UNIQUE,
        bound_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
