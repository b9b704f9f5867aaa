import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 015 guard model role', () => {
  it('keeps the registry rows and admits the guard role, nothing else new', () => {
    const db = tempDb({ foreignKeys: true });
    migrate(db, migrations, 13);
    const insert = db.prepare(
      `INSERT INTO model_activations (role, model_id, model_version, sha256, action, previous_seq, actor_id, at)
       VALUES (?, ?, '1', NULL, 'activate', ?, 'admin', '2026-01-01T00:00:00Z')`,
    );
    const first = insert.run('llm', 'qwen', null).lastInsertRowid;
    const second = insert.run('llm', 'llama', first).lastInsertRowid;
    db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('llm', second);
    expect(() => insert.run('guard', 'llama-guard', null)).toThrow(/CHECK constraint/);

    expect(migrate(db, migrations, 15)).toBe(15);
    const rows = db
      .prepare('SELECT seq, role, model_id, previous_seq FROM model_activations ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { seq: Number(first), role: 'llm', model_id: 'qwen', previous_seq: null },
      { seq: Number(second), role: 'llm', model_id: 'llama', previous_seq: Number(first) },
    ]);
    expect(db.prepare('SELECT role, activation_seq FROM model_active').all()).toEqual([
      { role: 'llm', activation_seq: Number(second) },
    ]);
    const guard = insert.run('guard', 'llama-guard', null).lastInsertRowid;
    expect(Number(guard)).toBeGreaterThan(Number(second));
    db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('guard', guard);
    expect(() => insert.run('vision', 'x', null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('llm', 'x', 999)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare('INSERT INTO model_active (role, activation_seq) VALUES (?, ?)').run('ner', 999),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
