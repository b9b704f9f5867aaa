import { startDiscovery, type LanDesk } from '../lan';

export interface LanEndpointOptions {
  host: string;
  port: number;
  /** Announce over mDNS (blinded, rotating id); off in tests and when the admin turns it off. */
  announce: boolean;
  /** Pins multicast DNS to one interface (tests: 127.0.0.1). */
  mdnsInterface?: string;
  pollMs?: number;
  checkpointMs?: number;
}

export interface LanEndpoint {
  port: number;
  deviceId: string;
  role: 'staff' | 'supervisor';
  close(): Promise<void>;
}

/**
 * The desk's LAN endpoint and its mDNS announcement as one thing to start and stop: `lan serve`, browser mode
 * and the desktop app run the same code, and closing stops announcing before the links go down.
 */
export async function startLanEndpoint(desk: LanDesk, o: LanEndpointOptions): Promise<LanEndpoint> {
  const handle = await desk.serve({
    host: o.host,
    port: o.port,
    ...(o.pollMs ? { pollMs: o.pollMs } : {}),
    ...(o.checkpointMs ? { checkpointMs: o.checkpointMs } : {}),
  });
  const announce = o.announce
    ? startDiscovery({
        port: handle.port,
        role: desk.role(),
        network: o.mdnsInterface ? { interface: o.mdnsInterface, bind: '0.0.0.0' } : undefined,
      })
    : null;
  let closing: Promise<void> | null = null;
  return {
    port: handle.port,
    deviceId: desk.identity.deviceId,
    role: desk.role(),
    close: () =>
      (closing ??= (async () => {
        await announce?.stop();
        await handle.close();
      })()),
  };
}
