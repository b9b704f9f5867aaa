import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 012 trace spans', () => {
  it('creates a STRICT span table with a closed status set', () => {
    const db = tempDb({ foreignKeys: true });
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
