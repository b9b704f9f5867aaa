import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 001 store core', () => {
  it('migrates an encrypted database to exactly version 1 with a STRICT store_meta table', () => {
    const db = tempDb({ keyed: true });
    expect(migrate(db, migrations, 1)).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all() as Array<{ name: string; sql: string }>;
    expect(tables.map((r) => r.name)).toEqual(['store_meta']);
    expect(tables[0]?.sql).toMatch(/STRICT/);
    const cols = db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all('store_meta');
    expect(cols).toEqual([
      { name: 'key', type: 'TEXT', pk: 1 },
      { name: 'value', type: 'TEXT', pk: 0 },
    ]);
    expect(() =>
      db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run('k', Buffer.from('b')),
    ).toThrow(/cannot store/);
    db.close();
  });
});
