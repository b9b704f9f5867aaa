/**
 * The desktop renderer is served from our own privileged scheme, never from file:// (which would trust
 * every local file) or from the network. Anything else asking main for data is refused.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'confidant';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isTrustedAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    // Custom schemes have an opaque origin in WHATWG URL, so compare scheme and host instead.
    return (
      url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}
