import { describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { ensureSqliteVec } from './010_embeddings';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 010 embeddings', () => {
  it('loads sqlite-vec, creates the STRICT space registry, and vec0 works on the connection', () => {
    const db = tempDb();
    expect(migrate(db, migrations, 10)).toBe(10);
    const { v } = db.prepare('SELECT vec_version() AS v').get() as { v: string };
    expect(v).toMatch(/^v0\.1\./);
    const ins = db.prepare(
      `INSERT INTO embedding_spaces (name, model_id, dims, table_name, created_at) VALUES (?, ?, ?, ?, 'now')`,
    );
    ins.run('kb', 'mini', 3, 'vec_kb_1');
    expect(() => ins.run('Bad-Name', 'mini', 3, 'vec_x')).toThrow(/CHECK constraint/);
    expect(() => ins.run('kb2', 'mini', 0, 'vec_y')).toThrow(/CHECK constraint/);
    expect(() => ins.run('kb3', 'mini', 'three', 'vec_z')).toThrow();
    db.exec('CREATE VIRTUAL TABLE vec_kb_1 USING vec0(embedding float[3])');
    db.prepare('INSERT INTO vec_kb_1 (rowid, embedding) VALUES (?, ?)').run(1n, new Float32Array([1, 0, 0]));
    db.prepare('INSERT INTO vec_kb_1 (rowid, embedding) VALUES (?, ?)').run(2n, new Float32Array([0, 1, 0]));
    const near = db
      .prepare('SELECT rowid FROM vec_kb_1 WHERE embedding MATCH ? AND k = 1')
      .all(new Float32Array([0.1, 0.9, 0])) as Array<{ rowid: number }>;
    expect(near.map((r) => r.rowid)).toEqual([2]);
    db.close();
  });

  it('ensureSqliteVec is idempotent on a connection', () => {
    const db = new SqliteDatabase(':memory:');
    ensureSqliteVec(db);
    ensureSqliteVec(db);
    expect(db.prepare('SELECT vec_version() AS v').get()).toBeTruthy();
    db.close();
  });
});
