/**
 * Browser mode: `confidant web` prints http://127.0.0.1:PORT/#token=T. The fragment never reaches any
 * server or log, so it is the safe carrier. We move the token into sessionStorage (scoped to this tab and
 * origin, gone when the tab closes) and strip it from the address bar so it is not bookmarked or shared.
 */
export const TOKEN_STORAGE_KEY = 'confidant.bridgeToken';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeBridgeToken(env: TokenEnvironment): string | null {
  const fresh = tokenFromHash(env.location.hash);
  if (fresh) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fresh);
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}`);
    return fresh;
  }
  const kept = env.storage.getItem(TOKEN_STORAGE_KEY);
  return kept && TOKEN_PATTERN.test(kept) ? kept : null;
}
