import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 014 accounts', () => {
  it('keeps existing users (with no password) and adds the sign-in and authorship columns', () => {
    const db = tempDb();
    expect(migrate(db, migrations, 13)).toBe(13);
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES ('u1', 'Ada', 'admin', 'x')").run();
    expect(migrate(db, migrations, 14)).toBe(14);
    expect(
      db.prepare('SELECT password_hash, pin_hash, failed_attempts, locked_until FROM users').get(),
    ).toEqual({ password_hash: null, pin_hash: null, failed_attempts: 0, locked_until: null });
    expect(() => db.prepare("UPDATE users SET failed_attempts = -1 WHERE id = 'u1'").run()).toThrow(/CHECK/);
    const cols = (t: string) =>
      db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[];
    expect(cols('conversations')).toContain('owner_id');
    expect(cols('turns')).toContain('author_id');
    db.close();
  });
});
