import { PRELOAD_GLOBAL, type ConfidantApi } from '../../../shared/contract';
import { createBridgeClient, type BridgeClient } from './bridge-client';
import { takeBridgeToken } from './token';

export type Transport =
  { kind: 'desktop'; api: ConfidantApi } | { kind: 'browser'; api: BridgeClient } | { kind: 'no-token' };

/**
 * Pages only ever see ConfidantApi, so they run unchanged on either transport: the Electron preload's
 * window.confidant in the desktop app, or the loopback bridge with its per-launch token in a browser.
 */
export function detectTransport(win: Window = window): Transport {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as ConfidantApi | undefined;
  if (preload && typeof preload.call === 'function') return { kind: 'desktop', api: preload };
  const token = takeBridgeToken({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
  });
  if (!token) return { kind: 'no-token' };
  return { kind: 'browser', api: createBridgeClient({ origin: win.location.origin, token }) };
}
