import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract';
import type { CallContext } from '../core/api';
import { createEventHub } from '../core/container';
import { registerIpc } from './ipc';
import { APP_ENTRY_URL, isTrustedAppUrl } from './trust';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function setup() {
  const calls: Array<{ name: string; input: unknown; ctx?: CallContext }> = [];
  let channel = '';
  let listener: Listener = () => undefined;
  registerIpc(
    {
      handle: (ch: string, fn: Listener) => {
        channel = ch;
        listener = fn;
      },
    } as never,
    async (name, input, ctx) => {
      calls.push({ name, input, ctx });
      return { ok: true, value: 'dispatched' };
    },
  );
  const destroyed: Array<() => void> = [];
  const sender = (id: number) => ({ id, once: (_e: string, fn: () => void) => destroyed.push(fn) });
  const invoke = (url: string | null, parent: unknown, ...args: unknown[]) =>
    invokeFrom(1, url, parent, ...args);
  const invokeFrom = (id: number, url: string | null, parent: unknown, ...args: unknown[]) =>
    listener(
      {
        senderFrame: url === null ? null : { url, parent },
        sender: sender(id),
      } as unknown as IpcMainInvokeEvent,
      ...args,
    );
  return { calls, channel: () => channel, invoke, invokeFrom, destroyed };
}

describe('desktop IPC', () => {
  it('trusts only our app:// origin', () => {
    expect(isTrustedAppUrl(APP_ENTRY_URL)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'https://confidant/index.html',
      'app://evil/index.html',
      'app://user:pw@confidant/',
      'not a url',
      undefined,
    ]) {
      expect(isTrustedAppUrl(url)).toBe(false);
    }
  });

  it('dispatches calls from the top frame of the app and refuses everyone else', async () => {
    const { calls, channel, invoke } = setup();
    expect(channel()).toBe(IPC_CHANNEL);
    expect(await invoke(APP_ENTRY_URL, null, 'status.get', {})).toEqual({ ok: true, value: 'dispatched' });
    expect(calls).toMatchObject([{ name: 'status.get', input: {}, ctx: { transport: 'ipc' } }]);
    expect(calls[0]?.ctx?.sessionToken).toBeUndefined();
    expect(await invoke('https://evil.example/', null, 'status.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke(APP_ENTRY_URL, { url: APP_ENTRY_URL }, 'status.get', {})).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke(null, null, 'status.get', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await invoke(APP_ENTRY_URL, null, 42, {})).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(calls).toHaveLength(1);
  });
});

describe('desktop sessions', () => {
  it('keeps the session in main per window: bound by sign-in, dropped on sign-out and when the window goes', async () => {
    const { calls, invokeFrom, destroyed } = setup();
    await invokeFrom(7, APP_ENTRY_URL, null, 'auth.sign_in', {});
    calls[0]?.ctx?.setSession?.('token-of-window-7');
    await invokeFrom(7, APP_ENTRY_URL, null, 'status.get', {});
    await invokeFrom(8, APP_ENTRY_URL, null, 'status.get', {});
    expect(calls[1]?.ctx?.sessionToken).toBe('token-of-window-7');
    // Another window (another webContents) does not share it.
    expect(calls[2]?.ctx?.sessionToken).toBeUndefined();
    calls[1]?.ctx?.setSession?.(null);
    await invokeFrom(7, APP_ENTRY_URL, null, 'status.get', {});
    expect(calls[3]?.ctx?.sessionToken).toBeUndefined();
    calls[3]?.ctx?.setSession?.('again');
    for (const fn of destroyed) fn();
    await invokeFrom(7, APP_ENTRY_URL, null, 'status.get', {});
    expect(calls[4]?.ctx?.sessionToken).toBeUndefined();
  });
});

describe('desktop server push', () => {
  it('forwards core events to our own signed-in window only, and stops when the window goes', async () => {
    const calls: Array<{ ctx?: CallContext }> = [];
    let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) | undefined;
    const hub = createEventHub();
    const ipc = registerIpc(
      { handle: (_ch: string, fn: typeof handler) => (handler = fn) } as never,
      async (_n, _i, ctx) => {
        calls.push({ ctx });
        return { ok: true, value: null };
      },
      { events: hub, hasSession: (token) => token === 'live-session' },
    );
    const sent: Array<[string, unknown]> = [];
    const destroyedFns: Array<() => void> = [];
    let url = APP_ENTRY_URL;
    let gone = false;
    ipc.attachWindow({
      id: 3,
      isDestroyed: () => gone,
      getURL: () => url,
      send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
      once: (_e: string, fn: () => void) => void destroyedFns.push(fn),
    } as never);
    const event = {
      topic: 'escalation.whisper',
      data: { conversationId: 'c1', escalationId: 'e1', via: 'lan' },
    };

    // Signed out: nothing is pushed (the bridge refuses its stream the same way).
    hub.publish(event);
    expect(sent).toEqual([]);
    await handler!(
      { senderFrame: { url: APP_ENTRY_URL, parent: null }, sender: { id: 3, once: () => {} } } as never,
      'auth.sign_in',
      {},
    );
    calls[0]?.ctx?.setSession?.('live-session');
    hub.publish(event);
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, event]]);
    // An event addressed to another session (a draft being written elsewhere) is not this window's.
    hub.publish({ ...event, audience: 'someone-else' });
    expect(sent).toHaveLength(1);
    hub.publish({ ...event, audience: 'live-session' });
    expect(sent).toEqual([
      [IPC_EVENT_CHANNEL, event],
      [IPC_EVENT_CHANNEL, event],
    ]);
    sent.pop();
    // Another page in the window (navigation is blocked, but still) gets nothing.
    url = 'https://evil.example/';
    hub.publish(event);
    expect(sent).toHaveLength(1);
    url = APP_ENTRY_URL;
    // The window goes: its subscription with it.
    gone = true;
    for (const fn of destroyedFns) fn();
    expect(hub.listenerCount()).toBe(0);
    hub.publish(event);
    expect(sent).toHaveLength(1);
  });

  it('pushes nothing when the shell passes no event source', () => {
    const ipc = registerIpc({ handle: () => {} } as never, async () => ({ ok: true, value: null }));
    expect(typeof ipc.attachWindow({} as never)).toBe('function');
  });
});
