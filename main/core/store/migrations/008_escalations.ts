import type { Migration } from './types';

/**
 * Escalations to a supervisor. The handoff packet and every note or response are sealed under the
 * subject key; status, priority, reasons and SLA are plain so the queue can sort and filter them.
 */
export const migration008: Migration = {
  version: 8,
  name: 'escalations',
  up(db) {
    db.exec(`
      CREATE TABLE escalations (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        turn_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'resolved')),
        priority TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal')),
        reasons TEXT NOT NULL CHECK (json_valid(reasons)),
        packet_sealed TEXT NOT NULL,
        sla_due_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        claimed_by TEXT,
        claimed_at TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        outcome TEXT CHECK (outcome IN ('resolved', 'taken_over', 'returned_to_agent')),
        CHECK (status = 'open' OR claimed_by IS NOT NULL),
        CHECK (status <> 'resolved' OR resolved_at IS NOT NULL)
      ) STRICT;
      CREATE INDEX escalations_queue ON escalations (status, sla_due_at);
      CREATE INDEX escalations_conversation ON escalations (conversation_id);

      CREATE TABLE escalation_notes (
        id INTEGER PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('note', 'response')),
        body_sealed TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX escalation_notes_escalation ON escalation_notes (escalation_id, id);
    `);
  },
};
