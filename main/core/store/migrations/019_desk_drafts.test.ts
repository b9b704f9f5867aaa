import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 019 desk drafts and whispers', () => {
  it('adds the draft decisions and whispers tables with their checks', () => {
    const db = tempDb();
    expect(migrate(db, migrations, 14)).toBe(14);
    expect(migrate(db, migrations, 19)).toBe(19);
    const cols = (t: string) =>
      db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[];
    expect(cols('turn_drafts')).toEqual([
      'turn_id',
      'status',
      'edited',
      'text_sealed',
      'flags',
      'override_reason',
      'actor_id',
      'decided_at',
    ]);
    expect(cols('escalation_whispers')).toContain('body_sealed');
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      'INSERT INTO turn_drafts (turn_id, status, edited, text_sealed, flags, actor_id, decided_at) VALUES (?, ?, 0, ?, ?, ?, ?)',
    );
    expect(() => insert.run('t1', 'sent', null, '[]', 'u1', 'x')).toThrow(/CHECK/);
    expect(() => insert.run('t1', 'maybe', 'e', '[]', 'u1', 'x')).toThrow(/CHECK/);
    expect(() => insert.run('t1', 'sent', 'e', 'not json', 'u1', 'x')).toThrow(/CHECK/);
    insert.run('t2', 'discarded', null, '[]', 'u1', 'x');
    db.close();
  });
});
