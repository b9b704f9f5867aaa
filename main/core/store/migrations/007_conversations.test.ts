import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 007 conversations', () => {
  function migratedTo7() {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 7)).toBe(7);
    return db;
  }

  it('creates STRICT tables where a turn key applies once and checkpoints follow their turn', () => {
    const db = migratedTo7();
    const now = '2026-01-01T00:00:00Z';
    db.prepare(
      'INSERT INTO conversations (id, domain, subject_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run('c1', 'bank', 's1', now, now);
    expect(() =>
      db
        .prepare(
          'INSERT INTO conversations (id, domain, subject_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run('c2', 'casino', 's1', now, now),
    ).toThrow(/CHECK constraint/);
    const turn = db.prepare(
      `INSERT INTO turns (id, conversation_id, idx, idempotency_key, status, customer_sealed, pack_id,
        pack_version, pack_hash, started_at) VALUES (?, 'c1', ?, ?, 'running', 'cf1.x', 'bank', '1.0.0', 'h', ?)`,
    );
    turn.run('t1', 0, 'k1', now);
    expect(() => turn.run('t2', 1, 'k1', now)).toThrow(/UNIQUE constraint/);
    expect(() => turn.run('t3', 0, 'k3', now)).toThrow(/UNIQUE constraint/);
    expect(() => turn.run('t4', 'first', 'k4', now)).toThrow(/cannot store TEXT value in INTEGER column/);
    const cp = db.prepare(
      `INSERT INTO turn_checkpoints (turn_id, step, node_id, stage, state_sealed, created_at) VALUES (?, ?, 'n', 'receive', 'cf1.y', ?)`,
    );
    cp.run('t1', 0, now);
    expect(() => cp.run('t1', 0, now)).toThrow(/UNIQUE constraint|PRIMARY KEY/);
    expect(() => cp.run('nope', 0, now)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM conversations WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) FROM turn_checkpoints').pluck().get()).toBe(0);
    for (const name of ['conversations', 'turns', 'turn_checkpoints']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string;
      expect(sql).toMatch(/STRICT/);
    }
    db.close();
  });
});
