import type { Migration } from './types';

/**
 * Until this version the LAN repository wrote a pairing's user into `paired_at` and its time into
 * `paired_by`. Rows written that way are put right: a `paired_at` that is not an ISO timestamp swaps
 * with `paired_by`. Rows written after the fix already hold a timestamp and are left alone.
 */
export const migration022: Migration = {
  version: 22,
  name: 'lan_pairing_columns',
  up(db) {
    db.exec(`
      UPDATE lan_peers SET paired_at = paired_by, paired_by = paired_at
      WHERE paired_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'
        AND paired_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*';
    `);
  },
};
