import { describe, expect, it } from 'vitest';
import { tempStore } from '../../test-support';
import { lanOverview, lanRepo } from './repo';

describe('lanOverview', () => {
  it('reads no role before the desk has an identity, and every pin, revoked ones too', () => {
    const t = tempStore();
    try {
      const view = lanOverview(t.store);
      expect(view.role()).toBeNull();
      expect(view.peers()).toEqual([]);
      const repo = lanRepo(t.store);
      const pin = (deviceId: string, at: string) =>
        repo.pin({ deviceId, role: 'supervisor', certPem: 'pem', address: null, by: 'u1', at });
      pin('old', '2026-01-01T00:00:00Z');
      pin('new', '2026-02-01T00:00:00Z');
      repo.revoke('old', '2026-03-01T00:00:00Z');
      // Newest pairing first: the pairing time and the pairing user land in their own columns.
      expect(view.peers().map((p) => [p.device_id, p.paired_at, p.paired_by, p.revoked_at])).toEqual([
        ['new', '2026-02-01T00:00:00Z', 'u1', null],
        ['old', '2026-01-01T00:00:00Z', 'u1', '2026-03-01T00:00:00Z'],
      ]);
    } finally {
      t.cleanup();
    }
  });
});
