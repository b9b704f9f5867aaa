import { describe, expect, it } from 'vitest';
import { tempDb } from '../../../test-support/temp-db';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 022 lan pairing columns', () => {
  it('swaps the crossed pairing user and time back, and leaves right rows alone', () => {
    const db = tempDb();
    expect(migrate(db, migrations, 21)).toBe(21);
    const put = db.prepare(
      'INSERT INTO lan_peers (device_id, role, cert_pem, address, paired_at, paired_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    put.run('crossed', 'supervisor', 'pem', null, 'u1', '2026-02-01T00:00:00Z');
    put.run('right', 'supervisor', 'pem', null, '2026-03-01T00:00:00Z', 'u2');
    expect(migrate(db, migrations, 22)).toBe(22);
    const rows = db.prepare('SELECT device_id, paired_at, paired_by FROM lan_peers ORDER BY device_id').all();
    expect(rows).toEqual([
      { device_id: 'crossed', paired_at: '2026-02-01T00:00:00Z', paired_by: 'u1' },
      { device_id: 'right', paired_at: '2026-03-01T00:00:00Z', paired_by: 'u2' },
    ]);
  });
});
