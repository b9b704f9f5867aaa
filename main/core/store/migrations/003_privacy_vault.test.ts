import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 003 privacy vault', () => {
  it('migrates to exactly version 3 with a STRICT vault keyed by conversation and token', () => {
    const db = tempDb({ keyed: true });
    expect(migrate(db, migrations, 3)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    const sql = db
      .prepare("SELECT sql FROM sqlite_schema WHERE name = 'privacy_vault'")
      .pluck()
      .get() as string;
    expect(sql).toMatch(/STRICT/);
    const cols = db
      .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)')
      .all('privacy_vault');
    expect(cols).toEqual([
      { name: 'conversation_id', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'token', type: 'TEXT', notnull: 1, pk: 2 },
      { name: 'pii_type', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'subject_id', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'sealed_value', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'created_at', type: 'INTEGER', notnull: 1, pk: 0 },
    ]);
    const insert = db.prepare(
      'INSERT INTO privacy_vault (conversation_id, token, pii_type, subject_id, sealed_value, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run('c1', '<PERSON_1>', 'PERSON', 's1', 'cfs1.x', 1);
    expect(() => insert.run('c1', '<PERSON_1>', 'PERSON', 's1', 'cfs1.y', 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('c1', '<PERSON_2>', 'PERSON', 's1', 'cfs1.y', 'late')).toThrow(
      /cannot store TEXT/,
    );
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'privacy_vault' AND sql IS NOT NULL",
      )
      .pluck()
      .all();
    expect(indexes).toEqual(['privacy_vault_subject']);
    db.close();
  });
});
