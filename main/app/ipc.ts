import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/channel';
import type { Result } from '../../shared/result';
import type { Dispatch } from '../core/api';
import type { CoreEvents } from '../core/container';
import { isTrustedAppUrl } from './trust';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Confidant window.' },
};

/**
 * One channel, one handler: the same dispatcher as the bridge, so authorization, validation and error
 * mapping are identical on both transports. Sub-frames and foreign pages are refused before dispatch.
 * The sign-in session lives here in main, keyed by the window's webContents: the renderer never holds it,
 * and it ends with the window.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  push?: PushOptions,
): { attachWindow(contents: PushTarget): () => void } {
  const sessions = new Map<number, string>();
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedAppUrl(frame.url)) return FORBIDDEN;
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'VALIDATION', message: 'Procedure name must be a string.' } };
    }
    const key = event.sender.id;
    return dispatch(name, input, {
      transport: 'ipc',
      sessionToken: sessions.get(key),
      setSession: (token) => {
        if (token === null) return void sessions.delete(key);
        if (!sessions.has(key)) event.sender.once('destroyed', () => sessions.delete(key));
        sessions.set(key, token);
      },
    });
  });
  return {
    /**
     * Server push to one window, the desktop twin of the bridge's event stream: the same core events, only to
     * our own page, only while its window holds a live session, and addressed events only to their session.
     */
    attachWindow(contents) {
      if (!push) return () => {};
      const unsubscribe = push.events.subscribe((event) => {
        if (contents.isDestroyed()) return unsubscribe();
        if (!isTrustedAppUrl(contents.getURL())) return;
        const session = sessions.get(contents.id);
        if (!push.hasSession(session)) return;
        // An addressed event (a draft as it is written) goes to its own session's window only, as on the bridge.
        if (event.audience !== undefined && event.audience !== session) return;
        contents.send(IPC_EVENT_CHANNEL, { topic: event.topic, data: event.data });
      });
      contents.once('destroyed', unsubscribe);
      return unsubscribe;
    },
  };
}

export interface PushOptions {
  events: Pick<CoreEvents, 'subscribe'>;
  /** Whether a session token is signed in (locked counts): the bridge asks the same before it streams. */
  hasSession(sessionToken: string | undefined): boolean;
}

export type PushTarget = Pick<WebContents, 'id' | 'isDestroyed' | 'getURL' | 'send' | 'once'>;
