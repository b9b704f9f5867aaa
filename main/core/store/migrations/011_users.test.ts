import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 011 users', () => {
  function migratedTo11() {
    const db = tempDb();
    expect(migrate(db, migrations, 11)).toBe(11);
    return db;
  }

  it('creates a STRICT users table that enforces the closed role set and unique names', () => {
    const db = migratedTo11();
    const insert = db.prepare(
      "INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    insert.run('u1', 'Ada', 'admin');
    expect(() => insert.run('u2', 'Bob', 'root')).toThrow(/CHECK constraint/);
    expect(() => insert.run('u3', 'ADA', 'agent')).toThrow(/UNIQUE constraint/);
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'users'").pluck().get() as string;
    expect(sql).toMatch(/STRICT/);
    db.close();
  });
});
