/**
 * Loose ends at the bridge: a request with two Host headers (or two Origin / Authorization headers) is
 * refused before any check reads them; event streams are capped per session and in total, extras get 429.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/log';
import { startBridge, type Bridge } from './index';

let bridge: Bridge;
const held: ClientRequest[] = [];

beforeAll(async () => {
  bridge = await startBridge({
    dispatch: async () => ({ ok: true, value: 'pong' }),
    log: createLogger({ level: 'silent' }),
    staticDir: null,
    sseLimits: { perSession: 2, total: 3 },
  });
});
afterAll(async () => {
  for (const r of held) r.destroy();
  await bridge.close();
});

/** Raw bytes on a socket: http.request would merge or reject the duplicate headers we need to send. */
function raw(head: string[], body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1', () => socket.end(`${head.join('\r\n')}\r\n\r\n${body}`));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

function openStream(on: Bridge = bridge): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: on.port,
        path: '/api/events',
        headers: { Host: `127.0.0.1:${on.port}`, Authorization: `Bearer ${on.token}` },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
    held.push(req);
  });
}

describe('bridge: duplicate headers and event-stream caps', () => {
  it('refuses two Host headers, whichever comes first, and two Authorization headers', async () => {
    const good = `Host: 127.0.0.1:${bridge.port}`;
    const auth = `Authorization: Bearer ${bridge.token}`;
    const body = '{"name":"ping","input":{}}';
    const post = [
      'POST /api/call HTTP/1.1',
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Connection: close',
    ];
    const ok = await raw([...post, good, auth], body);
    expect(ok).toMatch(/^HTTP\/1.1 200/);
    for (const hosts of [
      [good, 'Host: evil.example'],
      ['Host: evil.example', good],
    ]) {
      const res = await raw([...post, ...hosts, auth], body);
      expect(res).toMatch(/^HTTP\/1.1 400/);
      expect(res).toContain('More than one host header.');
    }
    const twoAuth = await raw([...post, good, auth, 'Authorization: Bearer nope'], body);
    expect(twoAuth).toMatch(/^HTTP\/1.1 400/);
  });

  it('caps event streams per session, then in total, with 429 and a clear message', async () => {
    const a = await openStream();
    const b = await openStream();
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const c = await openStream();
    expect(c.statusCode).toBe(429);
    expect(c.headers['retry-after']).toBe('5');
    const text = await new Promise<string>((resolve) => {
      let t = '';
      c.on('data', (d: Buffer) => (t += d.toString()));
      c.on('end', () => resolve(t));
    });
    expect(JSON.parse(text)).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'Too many open event streams for this session; close one first.',
      },
    });
    // Closing one frees its slot.
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await openStream()).statusCode).toBe(200);
  });

  it('caps event streams in total', async () => {
    const small = await startBridge({
      dispatch: async () => ({ ok: true, value: null }),
      log: createLogger({ level: 'silent' }),
      staticDir: null,
      sseLimits: { perSession: 10, total: 2 },
    });
    try {
      expect((await openStream(small)).statusCode).toBe(200);
      expect((await openStream(small)).statusCode).toBe(200);
      const third = await openStream(small);
      expect(third.statusCode).toBe(429);
    } finally {
      for (const r of held.splice(0)) r.destroy();
      await small.close();
    }
  });
});
