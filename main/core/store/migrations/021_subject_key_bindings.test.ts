import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 021 subject key bindings', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('binds one key per subject and a key to one subject', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    const db = new SqliteDatabase(join(dir, 'm.db'));
    expect(migrate(db, migrations, 20)).toBe(20);
    expect(migrate(db, migrations, 21)).toBe(21);
    const put = db.prepare(
      'INSERT INTO subject_key_bindings (subject_id, key_id, bound_at) VALUES (?, ?, ?)',
    );
    put.run('s1', 'sk-1', 1);
    expect(() => put.run('s1', 'sk-2', 1)).toThrow(/UNIQUE/);
    expect(() => put.run('s2', 'sk-1', 1)).toThrow(/UNIQUE/);
    db.close();
  });
});
