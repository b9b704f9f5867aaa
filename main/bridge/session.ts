/**
 * The sign-in session in browser mode: an HttpOnly cookie (page scripts cannot read it), SameSite=Strict
 * (no other site's page can make the browser send it) and Path=/. No Secure attribute: the bridge speaks
 * plain HTTP on loopback, where Chromium would drop a Secure cookie. Cookies ignore ports, so the name
 * carries this launch's port: two desks on one machine do not overwrite each other's session.
 */
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

export const sessionCookieName = (port: number) => `confidant_session_${port}`;

export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function clearSessionCookie(port: number): string {
  return `${sessionCookieName(port)}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

export function sessionFromCookies(header: string | undefined, port: number): string | undefined {
  if (!header) return undefined;
  const name = sessionCookieName(port);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}
