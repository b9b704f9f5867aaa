import { randomBytes } from 'node:crypto';
import { Bonjour, type Service } from 'bonjour-service';
import type { DeskRole } from './identity';

export const SERVICE_TYPE = 'confidant-desk';
/** The blinded id is replaced this often, and at every start: nothing in the records outlives either. */
export const ROTATE_MS = 15 * 60_000;

export interface DiscoveredDesk {
  id: string;
  role: DeskRole;
  address: string;
}

/** Where multicast DNS listens; tests pin it to loopback. */
export interface MdnsNetwork {
  interface?: string;
  bind?: string;
}

/**
 * A random id, unrelated to the device id or the certificate. The instance name and host name are built from
 * it too, so no record carries the machine's host name, a user or a branch. Paired desks recognise each
 * other by their pinned certificates, never by what mDNS says.
 */
const blindedId = () => randomBytes(10).toString('hex');

export function startDiscovery(options: { port: number; role: DeskRole; network?: MdnsNetwork }) {
  const bonjour = new Bonjour({ ...options.network } as Record<string, unknown>, () => {});
  let id = blindedId();
  let service: Service | null = null;
  const announce = () => {
    service = bonjour.publish({
      name: `desk-${id}`,
      host: `desk-${id}.local`,
      type: SERVICE_TYPE,
      port: options.port,
      txt: { v: '1', id, role: options.role },
      disableIPv6: true,
    });
  };
  announce();
  const timer = setInterval(() => {
    const old = service;
    id = blindedId();
    old?.stop?.(() => announce());
  }, ROTATE_MS);
  timer.unref();
  return {
    currentId: () => id,
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      }),
  };
}

export function browseDesks(options: {
  timeoutMs: number;
  network?: MdnsNetwork;
}): Promise<DiscoveredDesk[]> {
  const bonjour = new Bonjour({ ...options.network } as Record<string, unknown>, () => {});
  const found = new Map<string, DiscoveredDesk>();
  const browser = bonjour.find({ type: SERVICE_TYPE }, (s: Service) => {
    const txt = (s.txt ?? {}) as Record<string, unknown>;
    const role = txt.role === 'supervisor' || txt.role === 'staff' ? txt.role : null;
    const id = typeof txt.id === 'string' && /^[0-9a-f]{20}$/.test(txt.id) ? txt.id : null;
    const host = s.addresses?.find((a) => a.includes('.')) ?? s.referer?.address;
    if (role && id && host) found.set(id, { id, role, address: `${host}:${s.port}` });
  });
  return new Promise((resolve) => {
    setTimeout(() => {
      browser.stop();
      bonjour.destroy(() => resolve([...found.values()]));
    }, options.timeoutMs);
  });
}
