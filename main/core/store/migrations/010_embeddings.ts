import { load as loadSqliteVec } from 'sqlite-vec';
import type { Database } from '../db';
import type { Migration } from './types';

/** Loads sqlite-vec into this connection once (vec0 tables need it on every open, not only here). */
export function ensureSqliteVec(db: Database): void {
  try {
    db.prepare('SELECT vec_version()').get();
  } catch {
    loadSqliteVec(db);
  }
}

/**
 * Embedding spaces: one vec0 table per (space, model), because a vec0 column has fixed dimensions and
 * vectors from different models must never be compared. The models module creates the vec0 tables on
 * demand (vec_<space>_<n>) and records them here; this migration also proves sqlite-vec loads.
 */
export const migration010: Migration = {
  version: 10,
  name: 'embeddings',
  up(db) {
    ensureSqliteVec(db);
    db.exec(`
      CREATE TABLE embedding_spaces (
        name TEXT PRIMARY KEY CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),
        model_id TEXT NOT NULL,
        dims INTEGER NOT NULL CHECK (dims BETWEEN 1 AND 8192),
        table_name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
