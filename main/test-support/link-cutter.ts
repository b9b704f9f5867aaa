import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP relay to cut a link between two desks without root or network namespaces. It forwards
 * bytes only (TLS stays end to end between the desks), and can:
 *  - `reset()`: tear every relayed connection down with a TCP RST on both sides and refuse new ones for a
 *    while, as a pulled cable does once the peers notice;
 *  - `blackhole()`: stop forwarding (hold the bytes) for a while and then deliver them, as a link that goes
 *    down and comes back before TCP gives up does; connections opened meanwhile wait for it.
 */
export interface LinkCutter {
  port: number;
  reset(refuseMs: number): void;
  blackhole(ms: number): void;
  stats(): { connections: number; resets: number; blackholes: number };
  close(): Promise<void>;
}

interface Pair {
  down: Socket;
  up: Socket | null;
  /** Bytes held while blackholed, per direction. */
  held: { toUp: Buffer[]; toDown: Buffer[] };
}

export async function startLinkCutter(target: { host: string; port: number }): Promise<LinkCutter> {
  const pairs = new Set<Pair>();
  let refuseUntil = 0;
  let holdUntil = 0;
  let holdTimer: NodeJS.Timeout | null = null;
  const counts = { connections: 0, resets: 0, blackholes: 0 };
  const holding = () => Date.now() < holdUntil;

  const drop = (p: Pair) => {
    pairs.delete(p);
    for (const s of [p.down, p.up]) if (s && !s.destroyed) s.resetAndDestroy();
  };
  const openUp = (p: Pair) => {
    const up = connect(target);
    p.up = up;
    up.setNoDelay(true);
    up.on('data', (b: Buffer) => (holding() ? p.held.toDown.push(b) : p.down.write(b)));
    up.on('error', () => drop(p));
    up.on('close', () => drop(p));
    for (const b of p.held.toUp.splice(0)) up.write(b);
  };
  const release = () => {
    holdTimer = null;
    for (const p of pairs) {
      if (!p.up) openUp(p);
      else for (const b of p.held.toUp.splice(0)) p.up.write(b);
      for (const b of p.held.toDown.splice(0)) p.down.write(b);
    }
  };

  const server: Server = createServer((down) => {
    if (Date.now() < refuseUntil) return down.resetAndDestroy();
    counts.connections++;
    down.setNoDelay(true);
    const p: Pair = { down, up: null, held: { toUp: [], toDown: [] } };
    pairs.add(p);
    down.on('data', (b: Buffer) => (holding() || !p.up ? p.held.toUp.push(b) : p.up.write(b)));
    down.on('error', () => drop(p));
    down.on('close', () => drop(p));
    if (!holding()) openUp(p);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    reset(refuseMs) {
      counts.resets++;
      refuseUntil = Date.now() + refuseMs;
      for (const p of [...pairs]) drop(p);
    },
    blackhole(ms) {
      counts.blackholes++;
      holdUntil = Math.max(holdUntil, Date.now() + ms);
      if (holdTimer) clearTimeout(holdTimer);
      holdTimer = setTimeout(release, holdUntil - Date.now());
    },
    stats: () => ({ ...counts }),
    async close() {
      if (holdTimer) clearTimeout(holdTimer);
      for (const p of [...pairs]) drop(p);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
