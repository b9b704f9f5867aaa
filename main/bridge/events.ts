import type { ServerResponse } from 'node:http';
import type { CoreEvent, CoreEvents } from '../core/container';

const HEARTBEAT_MS = 15_000;

/**
 * Server push over Server-Sent Events. WebSocket would need the `ws` package, which is not a dependency;
 * SSE is plain HTTP, so the same token, Host and Origin checks guard it. The renderer reads it with
 * fetch() streaming because EventSource cannot send the Authorization header.
 */
export function createSseHub(source: Pick<CoreEvents, 'subscribe'> | undefined) {
  const open = new Set<ServerResponse>();

  function attach(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    open.add(res);
    const send = (event: CoreEvent) => {
      res.write(`event: ${event.topic.replace(/[^\w.-]/g, '_')}\ndata: ${JSON.stringify(event.data)}\n\n`);
    };
    const unsubscribe = source?.subscribe(send) ?? (() => {});
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  }

  function closeAll(): void {
    for (const res of open) res.end();
    open.clear();
  }

  return { attach, closeAll, size: () => open.size };
}
