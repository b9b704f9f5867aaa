import type { Migration } from './types';

/**
 * Locally kept trace spans (no exporter leaves the machine). Attributes are ids, counts, scores and
 * hashes only: the tracing module refuses free text before a span reaches this table.
 */
export const migration012: Migration = {
  version: 12,
  name: 'trace spans',
  up(db) {
    db.exec(`
      CREATE TABLE trace_spans (
        span_id TEXT PRIMARY KEY,
        trace_id TEXT NOT NULL,
        parent_span_id TEXT,
        turn_id TEXT,
        name TEXT NOT NULL,
        start_ms REAL NOT NULL,
        duration_ms REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'unset')),
        attributes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX trace_spans_turn ON trace_spans (turn_id);
      CREATE INDEX trace_spans_start ON trace_spans (start_ms);
    `);
  },
};
