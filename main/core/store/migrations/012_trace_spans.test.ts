import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 012 trace spans', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a STRICT span table with a closed status set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    const db = new SqliteDatabase(join(dir, 'm.db'));
    db.pragma('foreign_keys = ON');
    expect(migrate(db, migrations, 12)).toBe(12);
    const ins = db.prepare(
      `INSERT INTO trace_spans (span_id, trace_id, parent_span_id, turn_id, name, start_ms, duration_ms, status, attributes)
       VALUES (?, 't', NULL, 'turn-1', 'confidant.turn', ?, 1.5, ?, '{}')`,
    );
    ins.run('s1', 10, 'ok');
    expect(() => ins.run('s1', 11, 'ok')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => ins.run('s2', 11, 'fine')).toThrow(/CHECK constraint/);
    expect(() => ins.run('s3', 'soon', 'ok')).toThrow(/cannot store TEXT value/);
    expect(db.prepare('SELECT turn_id, duration_ms FROM trace_spans').all()).toEqual([
      { turn_id: 'turn-1', duration_ms: 1.5 },
    ]);
    db.close();
  });
});
