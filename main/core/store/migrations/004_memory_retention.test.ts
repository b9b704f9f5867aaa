import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 004 memory, consent and retention', () => {
  it('migrates to exactly version 4 with STRICT tables and the consent invariants', () => {
    const db = tempDb({ keyed: true });
    expect(migrate(db, migrations, 4)).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    const strict = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT' ORDER BY name")
      .pluck()
      .all();
    expect(strict).toEqual(
      expect.arrayContaining(['consents', 'memory_items', 'retention_runs', 'retention_subjects']),
    );
    const consent = db.prepare(
      `INSERT INTO consents (id, subject_id, purpose, data_classes, text_version, method, recorded_by, recorded_at)
       VALUES (?, 's1', ?, ?, 'v1', 'verbal', 'u1', 1)`,
    );
    consent.run('c1', 'long_term_memory', '["preference"]');
    expect(() => consent.run('c2', 'marketing', '[]')).toThrow(/CHECK constraint/);
    expect(() => consent.run('c3', 'long_term_memory', 'not json')).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE consents SET withdrawn_at = 5 WHERE id = 'c1'").run()).toThrow(
      /CHECK constraint/,
    ); // withdrawn_at needs withdrawn_by
    const item = db.prepare(
      `INSERT INTO memory_items (id, subject_id, data_class, kind, body_sealed, consent_id, created_at, expires_at)
       VALUES (?, 's1', ?, 'lang', 'cfs1.x', ?, 10, ?)`,
    );
    item.run('m1', 'preference', 'c1', 20);
    expect(() => item.run('m2', 'preference', 'missing-consent', 20)).toThrow(/FOREIGN KEY/);
    expect(() => item.run('m3', 'marketing', 'c1', 20)).toThrow(/CHECK constraint/);
    expect(() => item.run('m4', 'preference', 'c1', 5)).toThrow(/CHECK constraint/);
    expect(() => db.prepare("DELETE FROM consents WHERE id = 'c1'").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
