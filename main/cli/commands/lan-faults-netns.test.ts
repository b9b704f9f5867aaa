/**
 * The long fault run (lan-faults.fixture.ts) with each desk's `lan serve` in its own network namespace,
 * joined by a veth pair on the private /30 of lan-netns.test.ts (nothing on the host's interfaces), so the
 * link is cut by the kernel: `ip link set … down` on either end of the veth, and later `up`, mixed at random
 * with kill -9 of either desk. A short cut (0.3-3 s) is a link that comes back before TCP or the 10 s ack
 * timeout gives up; a long one (10.5-13 s) outlasts the ack timeout, so the staff desk resets the link and
 * re-dials (with backoff, into a network that is unreachable) until it is back.
 * Needs root and `ip netns`; elsewhere it is skipped (it says so). The namespaces go in afterAll (after the
 * run's own afterAll has killed every `lan serve`), and on exit if the run was torn down harder.
 */
import { afterAll, describe, it } from 'vitest';
import { vethPair } from '../../test-support/veth-pair';
import { describeLanFaults } from './lan-faults.fixture';

const { ns: NS, veth: VETH, addr: ADDR, ip, setUp, tearDown, available } = vethPair('cff');
const between = (a: number, b: number) => a + Math.random() * (b - a);

if (!available) {
  console.warn('lan-faults-netns.test: skipped (needs root and `ip netns`)');
  describe.skip('LAN fault run over a veth link between network namespaces', () => {
    it('needs root and ip netns', () => {});
  });
} else {
  afterAll(tearDown);
  process.once('exit', tearDown);
  let cutUntil = 0;
  let restore: NodeJS.Timeout | null = null;
  let cuts = 0;
  describeLanFaults(
    'LAN replication with kill -9 of either desk and veth link cuts between namespaces, in one run',
    () => {
      setUp();
      const linkUp = (side: 'sup' | 'staff') => {
        try {
          ip('-n', NS[side], 'link', 'set', VETH[side], 'up');
        } catch {
          // the namespaces are already gone (the run ended while the link was down)
        }
      };
      return Promise.resolve({
        bind: ADDR,
        wrap: { sup: ['ip', 'netns', 'exec', NS.sup], staff: ['ip', 'netns', 'exec', NS.staff] },
        dial: (supPort: number) => Promise.resolve({ host: ADDR.sup, port: supPort }),
        // A long cut costs 10+ s of the run: a quarter as likely as the other faults.
        kinds: { cut: 1, 'cut-long': 0.25 },
        cut(kind: string) {
          if (Date.now() < cutUntil) return false;
          const side = Math.random() < 0.5 ? 'sup' : 'staff';
          const ms = kind === 'cut-long' ? between(10_500, 13_000) : between(300, 3000);
          ip('-n', NS[side], 'link', 'set', VETH[side], 'down');
          cuts++;
          cutUntil = Date.now() + ms;
          restore = setTimeout(() => linkUp(side), ms);
          return true;
        },
        stats: () => `veth cuts ${cuts}`,
        close() {
          if (restore) clearTimeout(restore);
          linkUp('sup');
          linkUp('staff');
          return Promise.resolve();
        },
      });
    },
    60_000,
  );
}
