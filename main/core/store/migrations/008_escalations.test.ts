import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 008 escalations', () => {
  it('creates STRICT escalation tables with a closed status set and claim/resolve invariants', () => {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 8)).toBe(8);
    const now = '2026-01-01T00:00:00Z';
    db.prepare(
      'INSERT INTO conversations (id, domain, subject_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run('c1', 'clinic', 's1', now, now);
    const insert = db.prepare(
      `INSERT INTO escalations (id, conversation_id, turn_id, subject_id, status, priority, reasons,
        packet_sealed, sla_due_at, created_at, claimed_by) VALUES (?, 'c1', 't1', 's1', ?, 'high', ?, 'cf1.p', ?, ?, ?)`,
    );
    insert.run('e1', 'open', '["fraud"]', now, now, null);
    expect(() => insert.run('e2', 'pending', '[]', now, now, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('e3', 'claimed', '[]', now, now, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('e4', 'open', 'not json', now, now, null)).toThrow(/CHECK constraint/);
    expect(() =>
      db.prepare("UPDATE escalations SET status = 'resolved', claimed_by = 'u1' WHERE id = 'e1'").run(),
    ).toThrow(/CHECK constraint/);
    const note = db.prepare(
      "INSERT INTO escalation_notes (escalation_id, author_id, kind, body_sealed, created_at) VALUES (?, 'u1', ?, 'cf1.n', ?)",
    );
    note.run('e1', 'note', now);
    expect(() => note.run('e1', 'shout', now)).toThrow(/CHECK constraint/);
    expect(() => note.run('zz', 'note', now)).toThrow(/FOREIGN KEY/);
    for (const name of ['escalations', 'escalation_notes']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string;
      expect(sql).toMatch(/STRICT/);
    }
    db.close();
  });
});
