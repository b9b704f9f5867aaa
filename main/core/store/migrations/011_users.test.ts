import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 011 users', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function migratedTo11() {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    const db = new SqliteDatabase(join(dir, 'm.db'));
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
