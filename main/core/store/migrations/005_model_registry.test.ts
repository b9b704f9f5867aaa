import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 005 model registry', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function migratedTo5() {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    const db = new SqliteDatabase(join(dir, 'm.db'));
    db.pragma('foreign_keys = ON');
    expect(migrate(db, migrations, 5)).toBe(5);
    return db;
  }

  it('creates STRICT tables that reject unknown roles and dangling activations', () => {
    const db = migratedTo5();
    const insert = db.prepare(
      `INSERT INTO model_activations (role, model_id, model_version, sha256, action, previous_seq, actor_id, at)
       VALUES (?, ?, '1', NULL, ?, ?, 'admin', '2026-01-01T00:00:00Z')`,
    );
    const first = insert.run('llm', 'qwen', 'activate', null).lastInsertRowid;
    insert.run('llm', 'llama', 'activate', first);
    expect(() => insert.run('vision', 'x', 'activate', null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('llm', 'x', 'delete', null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('llm', 'x', 'activate', 999)).toThrow(/FOREIGN KEY/);
    db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('llm', first);
    expect(() =>
      db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('llm', first),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    // STRICT: a text seq is refused rather than silently stored.
    expect(() =>
      db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('ner', 'abc'),
    ).toThrow();
    db.close();
  });
});
