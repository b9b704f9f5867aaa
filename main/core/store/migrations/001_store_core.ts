import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'store core',
  up(db) {
    db.exec(`
      CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
