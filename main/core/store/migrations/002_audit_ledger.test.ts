import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 002 audit ledger', () => {
  function migratedTo2() {
    const db = tempDb();
    expect(migrate(db, migrations, 2)).toBe(2);
    return db;
  }

  const h = (b: number) => Buffer.alloc(32, b);

  it('creates STRICT append-only tables whose triggers only accept inserts that extend the chain', () => {
    const db = migratedTo2();
    for (const t of ['audit_entries', 'audit_nodes', 'audit_keys', 'audit_checkpoints']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) as string;
      expect(sql, t).toMatch(/STRICT/);
    }
    const insert = db.prepare(
      "INSERT INTO audit_entries (seq, ts, type, subject, leaf, prev_hash, entry_hash) VALUES (?, '2026-01-01T00:00:00Z', 'degradation', NULL, x'7b7d', ?, ?)",
    );
    expect(() => insert.run(1, h(0), h(1))).toThrow(/extend the chain/);
    expect(() => insert.run(0, h(5), h(1))).toThrow(/prev_hash/);
    insert.run(0, h(0), h(1));
    expect(() => insert.run(1, h(9), h(2))).toThrow(/prev_hash/);
    insert.run(1, h(1), h(2));
    expect(() => insert.run(1, h(1), h(3))).toThrow();
    expect(() => insert.run(2, h(2), Buffer.alloc(31))).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE audit_entries SET ts = ? WHERE seq = 0').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_entries').run()).toThrow(/append-only/);

    db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (1, 0, ?)').run(h(7));
    expect(() => db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (0, 1, ?)').run(h(7))).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare('DELETE FROM audit_nodes').run()).toThrow(/append-only/);

    const key = db.prepare(
      "INSERT INTO audit_keys (name, role, vkey, skey, created_at) VALUES (?, ?, ?, ?, 't')",
    );
    key.run('desk', 'desk', 'desk+00000000+AA', Buffer.from('k'));
    expect(() => key.run('desk2', 'desk', 'desk2+00000000+AA', Buffer.from('k'))).toThrow(/UNIQUE/);
    expect(() => key.run('w', 'witness', 'w+00000000+AA', Buffer.from('k'))).toThrow(/CHECK/);
    key.run('w', 'witness', 'w+00000000+AA', null);
    db.close();
  });
});
