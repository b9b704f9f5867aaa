import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The only address the bridge ever listens on: other machines on the LAN must never reach the desk. */
export const LOOPBACK_HOST = '127.0.0.1';

/**
 * Strict CSP shared by browser mode and the desktop window: only our own bundle runs, nothing is
 * framed, no form posts anywhere, and the page can talk to nothing but its own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

/** 256 random bits per launch; base64url so it survives a URL fragment and an HTTP header unchanged. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares digests so neither the token's length nor its prefix leaks through timing. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(authorization ?? '');
  return match?.[1];
}

/**
 * Host must name our loopback listener exactly. This defeats DNS rebinding: a hostile page that
 * re-points its own domain at 127.0.0.1 still sends its own name in Host.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK_HOST}:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on cross-origin requests and on every POST; an absent Origin is a same-origin GET. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://${LOOPBACK_HOST}:${port}` || origin === `http://localhost:${port}`;
}

/** Headers whose value a check depends on: a second copy would be read differently by different parsers. */
const SINGLE_HEADERS = new Set(['host', 'origin', 'authorization']);

/**
 * The first header of `rawHeaders` sent more than once among those the checks read, or null. Node keeps
 * only the first Host and Authorization, while a proxy or another parser may take the last: one request,
 * two meanings, so it is refused outright.
 */
export function duplicatedHeader(rawHeaders: readonly string[]): string | null {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    if (!SINGLE_HEADERS.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}
