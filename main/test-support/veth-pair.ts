/**
 * Two network namespaces joined by a veth pair on a private /30 (nothing on the host's own interfaces),
 * for LAN tests whose link is cut by the kernel. Needs root and `ip netns`: `available` says whether.
 * Names carry the test's tag and pid, so a run never touches another's namespaces.
 */
import { execFileSync } from 'node:child_process';

export type Side = 'sup' | 'staff';

export interface VethPair {
  readonly available: boolean;
  readonly ns: Readonly<Record<Side, string>>;
  readonly veth: Readonly<Record<Side, string>>;
  readonly addr: Readonly<Record<Side, string>>;
  /** Creates both namespaces, the pair and its addresses (after removing any left by this pid). */
  setUp(): void;
  /** Removes both namespaces; a namespace never made or already gone is no error. */
  tearDown(): void;
  ip(...args: string[]): Buffer;
}

export function vethPair(prefix: string): VethPair {
  const tag = `${prefix}${process.pid % 100000}`;
  const ns = { sup: `${tag}-sup`, staff: `${tag}-stf` };
  const veth = { sup: `${tag}-vs`, staff: `${tag}-vt` };
  const addr = { sup: '10.214.7.1', staff: '10.214.7.2' };
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
  const tearDown = () => {
    for (const name of Object.values(ns))
      try {
        ip('netns', 'del', name);
      } catch {
        // not created, or already gone
      }
  };
  const available = (() => {
    if (process.getuid?.() !== 0) return false;
    try {
      ip('netns', 'add', `${tag}-probe`);
      ip('netns', 'del', `${tag}-probe`);
      return true;
    } catch {
      return false;
    }
  })();
  return {
    available,
    ns,
    veth,
    addr,
    ip,
    tearDown,
    setUp() {
      tearDown(); // a namespace left by an earlier run under the same pid
      ip('netns', 'add', ns.sup);
      ip('netns', 'add', ns.staff);
      ip(
        'link',
        'add',
        veth.sup,
        'netns',
        ns.sup,
        'type',
        'veth',
        'peer',
        'name',
        veth.staff,
        'netns',
        ns.staff,
      );
      for (const side of ['sup', 'staff'] as const) {
        ip('-n', ns[side], 'addr', 'add', `${addr[side]}/30`, 'dev', veth[side]);
        ip('-n', ns[side], 'link', 'set', veth[side], 'up');
        ip('-n', ns[side], 'link', 'set', 'lo', 'up');
      }
    },
  };
}
