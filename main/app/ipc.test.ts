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
  const invoke = (url: string | null, parent: unknown, ...args: unknown[]) =>
    listener(
      { senderFrame: url === null ? null : { url, parent } } as unknown as IpcMainInvokeEvent,
      ...args,
    );
  return { calls, channel: () => channel, invoke };
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
    expect(calls).toEqual([{ name: 'status.get', input: {}, ctx: { transport: 'ipc' } }]);
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
