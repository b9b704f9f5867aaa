import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 018 lan desks', () => {
  function open() {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 18)).toBe(18);
    return db;
  }

  it('keeps the outbox append-only with one row per event id and growing sequence numbers', () => {
    const db = open();
    const ins = db.prepare(
      `INSERT INTO lan_outbox (event_id, type, target, subject_id, body, created_at) VALUES (?, 't', '*', NULL, '{}', 'now')`,
    );
    expect(ins.run('e1').lastInsertRowid).toBe(1);
    expect(ins.run('e2').lastInsertRowid).toBe(2);
    expect(() => ins.run('e1')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE lan_outbox SET type = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('keeps the inbox append-only, deduplicated by event id, with a closed outcome set', () => {
    const db = open();
    const ins = db.prepare(
      `INSERT INTO lan_inbox (peer, peer_seq, event_id, type, outcome, received_at) VALUES ('p', ?, ?, 't', ?, 'now')`,
    );
    ins.run(1, 'e1', 'applied');
    expect(() => ins.run(2, 'e1', 'applied')).toThrow(/UNIQUE/);
    expect(() => ins.run(3, 'e3', 'maybe')).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM lan_inbox').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE lan_inbox SET outcome = 'rejected'").run()).toThrow(/append-only/);
    db.close();
  });

  it('has one identity row and acks only for known peers', () => {
    const db = open();
    const id = db.prepare(
      `INSERT INTO lan_identity (id, device_id, role, cert_pem, key_pkcs8, created_at) VALUES (?, 'd', ?, 'c', x'00', 'now')`,
    );
    id.run(1, 'staff');
    expect(() => id.run(2, 'staff')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO lan_acks (peer, acked_seq) VALUES ('nobody', 0)").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });
});
