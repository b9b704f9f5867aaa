import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../shared/contract';
import type { CallContext } from '../core/api';
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
