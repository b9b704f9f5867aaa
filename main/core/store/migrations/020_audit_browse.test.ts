import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 020 audit browse indexes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('lets a type or period page walk an index instead of the whole ledger', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    const db = new SqliteDatabase(join(dir, 'm.db'));
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
