import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 005 model registry', () => {
  function migratedTo5() {
    const db = tempDb({ foreignKeys: true });
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
