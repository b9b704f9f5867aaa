import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../../shared/contract/channel';
import type { Result } from '../../shared/result';
import type { Dispatch } from '../core/api';
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
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
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
}
