import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toApiError, UserError, type ErrorCode } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { CallContext } from '../core/api';
import type { CoreEvents } from '../core/container';
import type { Logger } from '../core/log';
import { BodyTooLargeError, parseCallRequest, readBody } from './body';
import { createSseHub, type SseLimits } from './events';
import { clearSessionCookie, sessionCookie, sessionFromCookies } from './session';
import {
  bearerToken,
  duplicatedHeader,
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  LOOPBACK_HOST,
  SECURITY_HEADERS,
  tokenMatches,
} from './security';
import { serveStatic } from './static';

export type BridgeDispatch = (name: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface BridgeOptions {
  dispatch: BridgeDispatch;
  log: Logger;
  /** Only 127.0.0.1 is accepted; the option exists so a wrong value fails loudly instead of being ignored. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (renderer/dist); null serves the API only. */
  staticDir?: string | null;
  events?: Pick<CoreEvents, 'subscribe'>;
  /** Tests may fix the token; production always draws a fresh one per launch. */
  token?: string;
  /** Whether a session token names a live session: server push is for signed-in users only. */
  hasSession?: (sessionToken: string | undefined) => boolean;
  maxBodyBytes?: number;
  /** Caps on open event streams (per session and in total); defaults in events.ts. */
  sseLimits?: SseLimits;
}

export interface Bridge {
  readonly port: number;
  readonly origin: string;
  readonly token: string;
  /** What to open: the token rides in the fragment, which browsers never send to any server. */
  readonly url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

function sendJson(
  res: ServerResponse,
  status: number,
  body: Result<unknown>,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

const failure = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) {
    throw new UserError('FORBIDDEN', `The bridge listens on ${LOOPBACK_HOST} only, never on ${host}.`);
  }
  const token = options.token ?? generateToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const sse = createSseHub(options.events, options.sseLimits);
  const { log } = options;
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
      sendJson(res, 401, failure('UNAUTHORIZED', 'Missing or wrong bridge token.'), {
        'WWW-Authenticate': 'Bearer realm="confidant"',
      });
      return;
    }
    const sessionToken = sessionFromCookies(req.headers.cookie, port);
    if (pathname === '/api/events' && req.method === 'GET') {
      if (options.hasSession && !options.hasSession(sessionToken)) {
        sendJson(res, 401, failure('UNAUTHORIZED', 'Sign in first.'));
        return;
      }
      // Capped per signed-in session (else per launch token) and in total.
      const refused = sse.attach(res, SECURITY_HEADERS, sessionToken ?? token);
      if (refused !== 'ok')
        sendJson(
          res,
          429,
          failure(
            'UNAVAILABLE',
            refused === 'session'
              ? 'Too many open event streams for this session; close one first.'
              : 'Too many open event streams on this desk; try again later.',
          ),
          { 'Retry-After': '5' },
        );
      return;
    }
    if (pathname !== '/api/call') {
      sendJson(res, 404, failure('NOT_FOUND', 'No such endpoint.'));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('VALIDATION', 'Use POST.'), { Allow: 'POST' });
      return;
    }
    // Requiring JSON keeps HTML forms (which cannot send it) from ever reaching a procedure.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, failure('VALIDATION', 'Content-Type must be application/json.'));
      return;
    }
    let call;
    try {
      call = parseCallRequest(await readBody(req, maxBody));
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        sendJson(res, 413, failure('VALIDATION', `Request body exceeds ${maxBody} bytes.`), {
          Connection: 'close',
        });
        return;
      }
      sendJson(res, 400, { ok: false, error: toApiError(err) });
      return;
    }
    // The launch token stops here: who is calling comes from the session cookie alone.
    let setCookie: string | null = null;
    const result = await options.dispatch(call.name, call.input, {
      transport: 'bridge',
      sessionToken,
      setSession: (next) => {
        setCookie = next === null ? clearSessionCookie(port) : sessionCookie(port, next);
      },
    });
    sendJson(res, 200, result, setCookie === null ? {} : { 'Set-Cookie': setCookie });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const twice = duplicatedHeader(req.rawHeaders);
    if (twice !== null) {
      sendJson(res, 400, failure('VALIDATION', `More than one ${twice} header.`), { Connection: 'close' });
      return;
    }
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendJson(res, 403, failure('FORBIDDEN', 'Requests must come from this desk’s own loopback origin.'));
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`).pathname;
    } catch {
      sendJson(res, 400, failure('VALIDATION', 'Bad request URL.'));
      return;
    }
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, failure('VALIDATION', 'Static files are read-only.'), { Allow: 'GET, HEAD' });
      return;
    }
    serveStatic(req, res, options.staticDir ?? null, pathname, SECURITY_HEADERS);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'bridge request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toApiError(err) });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      // A taken or privileged port is the user's to fix (pick another or use 0), not an internal error.
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        reject(
          new UserError('UNAVAILABLE', `Cannot listen on ${host}:${options.port ?? 0} (${err.code}).`, {
            cause: err,
          }),
        );
      } else reject(err);
    });
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error');
      server.on('error', (err) => log.error({ err }, 'bridge server error'));
      resolvePromise();
    });
  });
  const address = server.address() as AddressInfo;
  if (address.address !== LOOPBACK_HOST) {
    server.close();
    throw new UserError('FORBIDDEN', 'The bridge refused to serve a non-loopback address.');
  }
  port = address.port;
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  log.info({ port }, 'bridge listening on loopback');

  let closing: Promise<void> | null = null;
  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        sse.closeAll();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
