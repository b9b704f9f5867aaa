/**
 * The long fault run (lan-faults.fixture.ts) with the link through a loopback relay
 * (main/test-support/link-cutter.ts): no root needed. A cut is a TCP reset on both ends with new connections
 * refused for 0.2-2.5 s, or a blackhole that holds the bytes for 0.3-3 s (shorter than the 10 s ack timeout,
 * so the same TLS connection carries on) and then delivers them.
 */
import { startLinkCutter, type LinkCutter } from '../../test-support/link-cutter';
import { describeLanFaults } from './lan-faults.fixture';

const between = (a: number, b: number) => a + Math.random() * (b - a);

describeLanFaults('LAN replication with kill -9 of either desk and link cuts, in one run', async () => {
  let cutter: LinkCutter | null = null;
  return {
    bind: { sup: '127.0.0.1', staff: '127.0.0.1' },
    wrap: { sup: [], staff: [] },
    async dial(supPort) {
      cutter = await startLinkCutter({ host: '127.0.0.1', port: supPort });
      return { host: '127.0.0.1', port: cutter.port };
    },
    kinds: { reset: 1, blackhole: 1 },
    cut(kind) {
      if (kind === 'reset') cutter?.reset(between(200, 2500));
      else cutter?.blackhole(between(300, 3000));
      return true;
    },
    stats: () => `relay connections ${cutter?.stats().connections ?? 0}`,
    close: async () => cutter?.close(),
  };
});
