import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 013 escalation suggestions and shadow runs', () => {
  function open() {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 13)).toBe(13);
    return db;
  }

  it('keeps one suggestion per turn with a closed status and priority set', () => {
    const db = open();
    const ins = db.prepare(
      `INSERT INTO escalation_suggestions (turn_id, conversation_id, subject_id, status, priority, reasons,
        summary, packet_sealed, created_at) VALUES (?, 'c1', 's1', ?, ?, '[]', '{}', 'sealed', 'now')`,
    );
    ins.run('t1', 'pending', 'normal');
    expect(() => ins.run('t1', 'pending', 'normal')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => ins.run('t2', 'maybe', 'normal')).toThrow(/CHECK constraint/);
    expect(() => ins.run('t3', 'pending', 'whenever')).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT turn_id, status FROM escalation_suggestions').all()).toEqual([
      { turn_id: 't1', status: 'pending' },
    ]);
    db.close();
  });

  it('stages one shadow candidate per domain and one shadow run per turn and candidate', () => {
    const db = open();
    const stage = db.prepare(
      `INSERT INTO shadow_candidates (domain, pack_hash, pack_id, version, body, staged_by, staged_at)
       VALUES (?, 'h', 'p', '1.0.1', '{}', 'admin', 'now')`,
    );
    stage.run('bank');
    expect(() => stage.run('bank')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => stage.run('casino')).toThrow(/CHECK constraint/);
    const run = db.prepare(
      `INSERT INTO shadow_runs (turn_id, domain, live_policy, live_hash, candidate_policy, candidate_hash,
        live_outcome, shadow_outcome, agree, diff, duration_ms, created_at)
       VALUES (?, 'bank', 'p@1.0.0', 'a', 'p@1.0.1', 'h', 'delivered', 'escalated', ?, '{}', ?, 'now')`,
    );
    run.run('t1', 0, 1.25);
    expect(() => run.run('t1', 0, 1)).toThrow(/UNIQUE/);
    expect(() => run.run('t2', 2, 1)).toThrow(/CHECK constraint/);
    expect(() => run.run('t3', 1, 'fast')).toThrow(/cannot store TEXT value/);
    expect(db.prepare('SELECT turn_id, agree, duration_ms FROM shadow_runs').all()).toEqual([
      { turn_id: 't1', agree: 0, duration_ms: 1.25 },
    ]);
    db.close();
  });
});
