import type { Migration } from './types';

/**
 * The compliance ledger browser pages newest-first with `seq < cursor` and filters by type and time.
 * An index on a column implicitly ends in the rowid (seq), so (type) serves "type = ? ORDER BY seq DESC"
 * as a range walk, and (ts) bounds a period without reading the whole table. Subject already has one (002).
 */
export const migration020: Migration = {
  version: 20,
  name: 'audit_browse',
  up(db) {
    db.exec(`
      CREATE INDEX audit_entries_type ON audit_entries (type);
      CREATE INDEX audit_entries_ts ON audit_entries (ts);
    `);
  },
};
