import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 009 policy packs', () => {
  it('stores packs by hash, one content per id@version, and an activation log', () => {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 9)).toBe(9);
    const now = '2026-01-01T00:00:00Z';
    const pack = db.prepare(
      `INSERT INTO policy_packs (hash, pack_id, domain, version, body, created_at) VALUES (?, 'bank-x', ?, ?, '{}', ?)`,
    );
    pack.run('h1', 'bank', '1.0.0', now);
    expect(() => pack.run('h2', 'bank', '1.0.0', now)).toThrow(/UNIQUE constraint/);
    expect(() => pack.run('h3', 'casino', '1.0.1', now)).toThrow(/CHECK constraint/);
    const act = db.prepare(
      `INSERT INTO policy_activations (domain, action, pack_hash, actor_id, actor_role, at) VALUES ('bank', ?, ?, 'u1', 'admin', ?)`,
    );
    act.run('activate', 'h1', now);
    act.run('rollback', null, now);
    expect(() => act.run('delete', 'h1', now)).toThrow(/CHECK constraint/);
    expect(() => act.run('activate', 'nope', now)).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT seq, action FROM policy_activations ORDER BY seq').all()).toEqual([
      { seq: 1, action: 'activate' },
      { seq: 2, action: 'rollback' },
    ]);
    db.close();
  });
});
