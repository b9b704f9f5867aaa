import { PRELOAD_GLOBAL, type ConfidantApi } from '../../../shared/contract';
import { createBridgeClient, type BridgeClient } from './bridge-client';
import { takeBridgeToken } from './token';

export type Transport =
  | { kind: 'desktop'; api: ConfidantApi; events: Pick<BridgeClient, 'subscribe'> | null }
  | { kind: 'browser'; api: BridgeClient }
  | { kind: 'no-token' };

type Preload = ConfidantApi & { subscribe?: BridgeClient['subscribe'] };

/**
 * Pages only ever see ConfidantApi, so they run unchanged on either transport: the Electron preload's
 * window.confidant in the desktop app, or the loopback bridge with its per-launch token in a browser.
 */
export function detectTransport(win: Window = window): Transport {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as Preload | undefined;
  if (preload && typeof preload.call === 'function') {
    // The preload's server push (main forwards the core's events over IPC); an older preload has none.
    const subscribe = preload.subscribe;
    const events = typeof subscribe === 'function' ? { subscribe: subscribe.bind(preload) } : null;
    return { kind: 'desktop', api: preload, events };
  }
  const token = takeBridgeToken({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
  });
  if (!token) return { kind: 'no-token' };
  return { kind: 'browser', api: createBridgeClient({ origin: win.location.origin, token }) };
}
