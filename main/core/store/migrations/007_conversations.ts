import type { Migration } from './types';

/**
 * Conversations, their turns and the per-node checkpoints of each turn. Customer text and replies are
 * sealed under the subject key (crypto-shredding reaches them); the plain columns hold only ids, flags,
 * codes and scores. UNIQUE (conversation_id, idempotency_key) is what makes a turn apply at most once.
 */
export const migration007: Migration = {
  version: 7,
  name: 'conversations and turn checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        domain TEXT NOT NULL CHECK (domain IN ('bank', 'clinic', 'generic')),
        subject_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'escalated', 'closed')),
        turn_count INTEGER NOT NULL DEFAULT 0 CHECK (turn_count >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_updated ON conversations (updated_at);

      CREATE TABLE turns (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL CHECK (idx >= 0),
        idempotency_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        customer_sealed TEXT NOT NULL,
        result_sealed TEXT,
        delivered INTEGER CHECK (delivered IN (0, 1)),
        escalated INTEGER CHECK (escalated IN (0, 1)),
        sentiment REAL CHECK (sentiment BETWEEN -1 AND 1),
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_hash TEXT NOT NULL,
        failure TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (conversation_id, idempotency_key),
        UNIQUE (conversation_id, idx)
      ) STRICT;

      CREATE TABLE turn_checkpoints (
        turn_id TEXT NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        node_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        state_sealed TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (turn_id, step)
      ) STRICT;
    `);
  },
};
