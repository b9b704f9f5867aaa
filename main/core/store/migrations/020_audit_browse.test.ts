import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 020 audit browse indexes', () => {
  it('lets a type or period page walk an index instead of the whole ledger', () => {
    const db = tempDb();
    expect(migrate(db, migrations, 14)).toBe(14);
    expect(migrate(db, migrations, 20)).toBe(20);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('|');
    expect(
      plan("SELECT seq FROM audit_entries WHERE type = 'x' AND seq < 10 ORDER BY seq DESC LIMIT 5"),
    ).toMatch(/USING (COVERING )?INDEX audit_entries_type/);
    expect(plan("SELECT seq FROM audit_entries WHERE ts >= 'a' AND ts < 'b'")).toMatch(
      /USING (COVERING )?INDEX audit_entries_ts/,
    );
    db.close();
  });
});
