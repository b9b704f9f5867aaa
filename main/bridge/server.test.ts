import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreDispatcher } from '../core/api';
import { loadConfig } from '../core/config';
import { createCore, type Core } from '../core/container';
import { createLogger } from '../core/log';
import { startBridge, type Bridge } from './index';

/** Raw HTTP so tests control Host and Origin, which fetch() would not let us forge. */
function send(
  bridge: Bridge,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback bridge', () => {
  let dir: string;
  let core: Core;
  let bridge: Bridge;
  const silent = createLogger({ level: 'silent' });
  const PASSWORD = 'bridge test password';
  /** The signed-in tab's cookie (set in beforeAll by a real sign-in over HTTP). */
  let cookie = '';

  const call = (body: unknown, headers: Record<string, string> = {}) =>
    send(bridge, {
      method: 'POST',
      path: '/api/call',
      headers: {
        Authorization: `Bearer ${bridge.token}`,
        'Content-Type': 'application/json',
        ...(cookie ? { Cookie: cookie } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    const staticDir = join(dir, 'dist');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Confidant</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
    core = await createCore({
      config: loadConfig({ dataDir: join(dir, 'data'), mode: 'browser' }),
      passphrase: 'bridge-test',
      create: true,
      log: silent,
    });
    await core.accounts.add(
      { name: 'Sam Supervisor', role: 'supervisor', password: PASSWORD },
      { kind: 'system', id: 'test', role: 'system' },
    );
    await core.accounts.add(
      { name: 'Ann Agent', role: 'agent', password: PASSWORD },
      { kind: 'system', id: 'test', role: 'system' },
    );
    bridge = await startBridge({
      dispatch: createCoreDispatcher(core),
      log: silent,
      port: 0,
      staticDir,
      events: core.events,
      hasSession: (token) => core.sessions.lookup(token, false).state !== 'none',
    });
    const signIn = await call({
      name: 'auth.sign_in',
      input: { name: 'Sam Supervisor', password: PASSWORD },
    });
    cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  });

  afterAll(async () => {
    await bridge.close();
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with a fresh random token in the URL fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
  });

  it('refuses to start on a non-loopback host', async () => {
    await expect(
      startBridge({ dispatch: async () => ({ ok: true, value: null }), log: silent, host: '0.0.0.0' }),
    ).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('reports a taken port as a clear UNAVAILABLE error', async () => {
    await expect(
      startBridge({ dispatch: async () => ({ ok: true, value: null }), log: silent, port: bridge.port }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('EADDRINUSE') });
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie; the launch token alone opens nothing else', async () => {
    const res = await call(
      { name: 'auth.sign_in', input: { name: 'Ann Agent', password: PASSWORD } },
      { Cookie: '' },
    );
    const setCookie = String(res.headers['set-cookie']?.[0] ?? '');
    expect(setCookie).toMatch(
      new RegExp(`^confidant_session_${bridge.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(setCookie).not.toMatch(/Secure/);
    expect(res.text).not.toContain(setCookie.split(';')[0]?.split('=')[1] ?? 'x');
    const tokenOnly = await call({ name: 'status.get', input: {} }, { Cookie: '' });
    expect(JSON.parse(tokenOnly.text)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // An agent calling a supervisor procedure straight over the bridge.
    const agentCookie = setCookie.split(';')[0] ?? '';
    const denied = await call({ name: 'escalation.list', input: {} }, { Cookie: agentCookie });
    expect(JSON.parse(denied.text)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const out = await call({ name: 'auth.sign_out', input: {} }, { Cookie: agentCookie });
    expect(String(out.headers['set-cookie']?.[0])).toMatch(/Max-Age=0/);
    const after = await call({ name: 'status.get', input: {} }, { Cookie: agentCookie });
    expect(JSON.parse(after.text)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('answers a contract call with the real status', async () => {
    const res = await call({ name: 'status.get', input: {} });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({
      ok: true,
      value: { dataDir: join(dir, 'data'), mode: 'browser', store: { state: 'open', encrypted: true } },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('returns 401 for a missing or wrong token, and never runs the procedure', async () => {
    const none = await send(bridge, { method: 'POST', path: '/api/call', body: '{"name":"status.get"}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error.code).toBe('UNAUTHORIZED');
    const wrong = await call(
      { name: 'status.get', input: {} },
      { Authorization: `Bearer ${'x'.repeat(43)}` },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('dataDir');
    const events = await send(bridge, { path: '/api/events' });
    expect(events.status).toBe(401);
  });

  it('rejects foreign Host (DNS rebinding) and foreign Origin with 403', async () => {
    const host = await call({ name: 'status.get', input: {} }, { Host: `evil.example:${bridge.port}` });
    expect(host.status).toBe(403);
    const origin = await call({ name: 'status.get', input: {} }, { Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const okOrigin = await call({ name: 'status.get', input: {} }, { Origin: bridge.origin });
    expect(okOrigin.status).toBe(200);
  });

  it('maps bad payloads to VALIDATION with no stack trace', async () => {
    const badInput = await call({ name: 'status.get', input: { unexpected: 1 } });
    expect(JSON.parse(badInput.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const badJson = await call('{not json');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text).error.code).toBe('VALIDATION');
    const badShape = await call([1, 2]);
    expect(JSON.parse(badShape.text).error.code).toBe('VALIDATION');
    const unknown = await call({ name: 'nope.nothing', input: {} });
    expect(JSON.parse(unknown.text).error.code).toBe('NOT_FOUND');
    for (const res of [badInput, badJson, badShape, unknown]) expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('refuses non-JSON content types and oversized bodies', async () => {
    const form = await call('name=status.get', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const huge = await call({ name: 'status.get', input: { pad: 'x'.repeat(1024 * 1024 + 1) } });
    expect(huge.status).toBe(413);
  });

  it('serves the renderer with a strict CSP and never escapes the web root', async () => {
    const index = await send(bridge, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>Confidant</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(bridge, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await send(bridge, { path: '/desk' })).text).toContain('<title>Confidant</title>');
    const traversal = await send(bridge, { path: '/..%2fsecret.txt' });
    expect(traversal.text).not.toContain('outside the web root');
    expect((await send(bridge, { path: '/missing.js' })).status).toBe(404);
  });

  it('explains an unbuilt UI with a 503 while the API keeps working', async () => {
    const bare = await startBridge({
      dispatch: async () => ({ ok: true, value: 'pong' }),
      log: silent,
      staticDir: join(dir, 'no-such-dist'),
    });
    try {
      const page = await send(bare, { path: '/' });
      expect(page.status).toBe(503);
      expect(page.text).toContain('npm run build:renderer');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      const api = await send(bare, {
        method: 'POST',
        path: '/api/call',
        headers: { Authorization: `Bearer ${bare.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'status.get', input: {} }),
      });
      expect(JSON.parse(api.text)).toEqual({ ok: true, value: 'pong' });
      expect(bare.token).not.toBe(bridge.token);
    } finally {
      await bare.close();
    }
  });

  it('streams core events to an authorised subscriber', async () => {
    const controller = new AbortController();
    const anonymous = await send(bridge, {
      path: '/api/events',
      headers: { Authorization: `Bearer ${bridge.token}` },
    });
    expect(anonymous.status).toBe(401);
    const res = await fetch(`${bridge.origin}/api/events`, {
      headers: { Authorization: `Bearer ${bridge.token}`, Cookie: cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await reader.read(); // the retry preamble proves the stream is attached before we publish
    core.events.publish({ topic: 'status.changed', data: { reason: 'test' } });
    let text = '';
    while (!text.includes('status.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: status.changed\ndata: {"reason":"test"}');
    controller.abort();
  });

  it('sends an addressed event (a draft as it is written) to that session only', async () => {
    const signIn = await call(
      { name: 'auth.sign_in', input: { name: 'Ann Agent', password: PASSWORD } },
      { Cookie: '' },
    );
    const annCookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const annToken = annCookie.slice(annCookie.indexOf('=') + 1);
    const controller = new AbortController();
    const open = async (c: string) => {
      const res = await fetch(`${bridge.origin}/api/events`, {
        headers: { Authorization: `Bearer ${bridge.token}`, Cookie: c },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      return async (until: string) => {
        let text = '';
        while (!text.includes(until)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      };
    };
    const ann = await open(annCookie);
    const sam = await open(cookie);
    core.events.publish({
      topic: 'draft.progress',
      audience: annToken,
      data: { conversationId: 'c1', turnId: 't1', text: 'A new card is' },
    });
    core.events.publish({ topic: 'status.changed', data: { reason: 'marker' } });
    const annText = await ann('marker');
    const samText = await sam('marker');
    expect(annText).toContain(
      'event: draft.progress\ndata: {"conversationId":"c1","turnId":"t1","text":"A new card is"}',
    );
    expect(samText).toContain('marker');
    expect(samText).not.toContain('draft.progress');
    // The audience itself never goes out.
    expect(annText).not.toContain(annToken);
    controller.abort();
  });
});
