import type { Migration } from './types';

/**
 * Draft review at the desk and supervisor whispers. A turn's reply is a draft until the staff member
 * sends, edits-and-sends or discards it; the decision is kept per turn (the sent text sealed under the
 * subject key, the override reason plain but never customer text). A whisper is a supervisor's private
 * word to the agent on an escalation, sealed like notes.
 */
export const migration019: Migration = {
  version: 19,
  name: 'desk drafts and whispers',
  up(db) {
    db.exec(`
      CREATE TABLE turn_drafts (
        turn_id TEXT PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('sent', 'discarded')),
        edited INTEGER NOT NULL CHECK (edited IN (0, 1)),
        text_sealed TEXT,
        flags TEXT NOT NULL CHECK (json_valid(flags)),
        override_reason TEXT,
        actor_id TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        CHECK (status = 'discarded' OR text_sealed IS NOT NULL)
      ) STRICT;

      CREATE TABLE escalation_whispers (
        id INTEGER PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        body_sealed TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX escalation_whispers_escalation ON escalation_whispers (escalation_id, id);
    `);
  },
};
