import { describe, expect, it } from 'vitest';
import { createBridgeClient, parseSse, type BridgeEvent } from './bridge-client';
import { detectTransport } from './client';
import { takeBridgeToken, tokenFromHash, TOKEN_STORAGE_KEY } from './token';

const TOKEN = 'a'.repeat(43);

function fakeEnv(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    env: {
      location: { hash, pathname: '/', search: '' },
      history: {
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => replaced.push(String(url)),
      },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => storage.set(k, v),
      },
    },
    storage,
    replaced,
  };
}

describe('bridge token handling', () => {
  it('takes the token from the fragment, keeps it for the tab, and strips it from the address bar', () => {
    const { env, storage, replaced } = fakeEnv(`#token=${TOKEN}`);
    expect(takeBridgeToken(env)).toBe(TOKEN);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
  });

  it('falls back to the tab-scoped copy and rejects malformed tokens', () => {
    expect(takeBridgeToken(fakeEnv('', TOKEN).env)).toBe(TOKEN);
    expect(takeBridgeToken(fakeEnv('').env)).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('#token=<script>alert(1)</script>aaaaaaaaaaaaaaaa')).toBeNull();
  });
});

describe('bridge client', () => {
  it('posts {name,input} with the bearer token and returns the Result as sent', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const client = createBridgeClient({
      origin: 'http://127.0.0.1:1',
      token: TOKEN,
      fetch: async (url, init) => {
        seen.push({ url, init });
        return new Response(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'bad' } }));
      },
    });
    const res = await client.call('status.get', {});
    expect(res).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'bad' } });
    expect(seen[0]?.url).toBe('http://127.0.0.1:1/api/call');
    expect(new Headers(seen[0]?.init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ name: 'status.get', input: {} });
    // The sign-in session is an HttpOnly cookie: sent to this origin only, never read by the page.
    expect(seen[0]?.init?.credentials).toBe('same-origin');
  });

  it('turns transport failures into UNAVAILABLE results instead of throwing', async () => {
    const down = createBridgeClient({
      origin: 'x',
      token: TOKEN,
      fetch: () => Promise.reject(new Error('ECONNREFUSED')),
    });
    expect(await down.call('status.get', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const html = createBridgeClient({
      origin: 'x',
      token: TOKEN,
      fetch: async () => new Response('<html>', { status: 502 }),
    });
    expect(await html.call('status.get', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('parses SSE records across chunk boundaries and skips malformed ones', () => {
    const events: BridgeEvent[] = [];
    let rest = parseSse('event: a.b\ndata: {"x":1}\n\nevent: c\ndata: {bad}\n\nevent: d\nda', (e) =>
      events.push(e),
    );
    rest = parseSse(`${rest}ta: {"y":2}\n\n: keep-alive\n\n`, (e) => events.push(e));
    expect(events).toEqual([
      { topic: 'a.b', data: { x: 1 } },
      { topic: 'd', data: { y: 2 } },
    ]);
    expect(rest).toBe('');
  });
});

describe('desktop transport', () => {
  const call = async () => ({ ok: true as const, value: null });

  it('takes server push from the preload when it offers it, and none from an older preload', () => {
    const seen: unknown[] = [];
    const listeners: Array<(e: unknown) => void> = [];
    const preload = {
      call,
      subscribe: (l: (e: unknown) => void) => {
        listeners.push(l);
        return () => void listeners.splice(listeners.indexOf(l), 1);
      },
    };
    const t = detectTransport({ confidant: preload } as unknown as Window);
    if (t.kind !== 'desktop') throw new Error(`expected the desktop transport, got ${t.kind}`);
    expect(t.events).not.toBeNull();
    const off = t.events!.subscribe((e) => seen.push(e));
    listeners[0]?.({ topic: 'escalation.whisper', data: { conversationId: 'c1' } });
    off();
    expect(listeners).toHaveLength(0);
    expect(seen).toEqual([{ topic: 'escalation.whisper', data: { conversationId: 'c1' } }]);

    const old = detectTransport({ confidant: { call } } as unknown as Window);
    expect(old.kind === 'desktop' ? old.events : 'not desktop').toBeNull();
  });
});
