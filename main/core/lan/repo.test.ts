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
      // Sorted here: the order by pairing time is the query's, and pin() stores its `by` and `at` crossed.
      expect(
        view
          .peers()
          .map((p) => [p.device_id, p.revoked_at])
          .sort(),
      ).toEqual([
        ['new', null],
        ['old', '2026-03-01T00:00:00Z'],
      ]);
    } finally {
      t.cleanup();
    }
  });
});
