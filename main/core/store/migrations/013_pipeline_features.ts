import type { Migration } from './types';

/**
 * Turn-pipeline features beyond the base graph:
 * - escalation_suggestions: with the autoEscalation flag off, a turn that would have escalated records a
 *   suggestion (the redacted handoff packet, sealed under the subject key) that staff can turn into an
 *   escalation with one click. One suggestion per turn; the summary column holds codes and scores only.
 * - shadow_candidates: the policy pack staged per domain for shadow runs (a pack body, already validated).
 * - shadow_runs: one row per live turn replayed through the candidate: the live/shadow decision diff
 *   (outcomes, reason codes, guards, versions). No customer text.
 */
export const migration013: Migration = {
  version: 13,
  name: 'escalation suggestions and shadow runs',
  up(db) {
    db.exec(`
      CREATE TABLE escalation_suggestions (
        turn_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'escalated', 'dismissed')),
        priority TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal')),
        reasons TEXT NOT NULL,
        summary TEXT NOT NULL,
        packet_sealed TEXT NOT NULL,
        created_at TEXT NOT NULL,
        escalation_id TEXT,
        acted_by TEXT,
        acted_at TEXT
      ) STRICT;
      CREATE INDEX escalation_suggestions_conversation ON escalation_suggestions (conversation_id, created_at);
      CREATE TABLE shadow_candidates (
        domain TEXT PRIMARY KEY CHECK (domain IN ('bank', 'clinic', 'generic')),
        pack_hash TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        version TEXT NOT NULL,
        body TEXT NOT NULL,
        staged_by TEXT NOT NULL,
        staged_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE shadow_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        turn_id TEXT NOT NULL,
        domain TEXT NOT NULL CHECK (domain IN ('bank', 'clinic', 'generic')),
        live_policy TEXT NOT NULL,
        live_hash TEXT NOT NULL,
        candidate_policy TEXT NOT NULL,
        candidate_hash TEXT NOT NULL,
        live_outcome TEXT NOT NULL,
        shadow_outcome TEXT NOT NULL,
        agree INTEGER NOT NULL CHECK (agree IN (0, 1)),
        diff TEXT NOT NULL,
        duration_ms REAL NOT NULL,
        audit_seq INTEGER,
        created_at TEXT NOT NULL,
        UNIQUE (turn_id, candidate_hash)
      ) STRICT;
      CREATE INDEX shadow_runs_candidate ON shadow_runs (candidate_hash, id);
    `);
  },
};
