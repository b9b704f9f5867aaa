import type { ServerResponse } from 'node:http';
import type { CoreEvent, CoreEvents } from '../core/container';

const HEARTBEAT_MS = 15_000;

/**
 * Server push over Server-Sent Events. WebSocket would need the `ws` package, which is not a dependency;
 * SSE is plain HTTP, so the same token, Host and Origin checks guard it. The renderer reads it with
 * fetch() streaming because EventSource cannot send the Authorization header.
 */
export interface SseLimits {
  /** Streams one session (token or cookie session) may hold open at once. */
  perSession: number;
  /** Streams open on the bridge at once. */
  total: number;
}

/** A desk tab holds one stream; a few more cover reloads whose old stream has not closed yet. */
export const DEFAULT_SSE_LIMITS: SseLimits = { perSession: 8, total: 64 };

export function createSseHub(
  source: Pick<CoreEvents, 'subscribe'> | undefined,
  limits: SseLimits = DEFAULT_SSE_LIMITS,
) {
  const open = new Set<ServerResponse>();
  const perSession = new Map<string, number>();

  /** Opens a stream for `session`, or returns why not (the caller answers 429) without writing anything. */
  function attach(
    res: ServerResponse,
    headers: Readonly<Record<string, string>>,
    session: string,
  ): 'ok' | 'session' | 'total' {
    const mine = perSession.get(session) ?? 0;
    if (mine >= limits.perSession) return 'session';
    if (open.size >= limits.total) return 'total';
    perSession.set(session, mine + 1);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    open.add(res);
    const send = (event: CoreEvent) => {
      if (event.audience !== undefined && event.audience !== session) return;
      res.write(`event: ${event.topic.replace(/[^\w.-]/g, '_')}\ndata: ${JSON.stringify(event.data)}\n\n`);
    };
    const unsubscribe = source?.subscribe(send) ?? (() => {});
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
      const left = (perSession.get(session) ?? 1) - 1;
      if (left > 0) perSession.set(session, left);
      else perSession.delete(session);
    });
    return 'ok';
  }

  function closeAll(): void {
    for (const res of open) res.end();
    open.clear();
  }

  return { attach, closeAll, size: () => open.size };
}
