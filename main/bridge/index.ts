export { startBridge, type Bridge, type BridgeDispatch, type BridgeOptions } from './server';
export {
  CONTENT_SECURITY_POLICY,
  LOOPBACK_HOST,
  SECURITY_HEADERS,
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
} from './security';
export { resolveStaticPath, contentTypeFor } from './static';
export { clearSessionCookie, sessionCookie, sessionCookieName, sessionFromCookies } from './session';
