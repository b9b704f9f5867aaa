import type { Migration } from './types';

/**
 * Staff accounts and their single role. Roles are a closed set checked by the schema too, so a bad
 * write fails in SQLite even if a caller skips validation. Staff names are not customer data.
 */
export const migration011: Migration = {
  version: 11,
  name: 'users and roles',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'supervisor', 'compliance')),
        created_at TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      ) STRICT;
      CREATE INDEX users_role ON users (role);
    `);
  },
};
