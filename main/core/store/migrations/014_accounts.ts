import type { Migration } from './types';

/**
 * Sign-in for staff accounts: a scrypt password hash (docs/ACCOUNTS.md), an optional PIN hash for the
 * idle lock, and the counters behind back-off and lock-out. Accounts from before this migration have no
 * password and cannot sign in until an admin sets one. Turns and conversations record the signed-in
 * user who typed them (null for turns from before accounts, or from the eval runner).
 */
export const migration014: Migration = {
  version: 14,
  name: 'accounts and sign-in',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      ALTER TABLE users ADD COLUMN pin_hash TEXT;
      ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0);
      ALTER TABLE users ADD COLUMN last_failed_at TEXT;
      ALTER TABLE users ADD COLUMN locked_until TEXT;
      ALTER TABLE conversations ADD COLUMN owner_id TEXT;
      ALTER TABLE turns ADD COLUMN author_id TEXT;
      CREATE INDEX conversations_owner ON conversations (owner_id);
    `);
  },
};
