/**
 * Sandboxed preload (bundled to CommonJS by scripts/build-app.mjs). It exposes exactly two functions:
 * `window.confidant.call(name, input)`, and `window.confidant.subscribe(listener)` for the server push main
 * forwards (ids and codes only, as the browser mode's event stream). No ipcRenderer, no Node, nothing else
 * crosses contextBridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, PRELOAD_GLOBAL } from '../../shared/contract/channel';

contextBridge.exposeInMainWorld(
  PRELOAD_GLOBAL,
  Object.freeze({
    call: (name: string, input: unknown): Promise<unknown> => {
      if (typeof name !== 'string') return Promise.reject(new TypeError('procedure name must be a string'));
      return ipcRenderer.invoke(IPC_CHANNEL, name, input);
    },
    subscribe: (listener: (event: unknown) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      // Only the payload crosses: the IPC event object (with its sender) never reaches the page.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    },
  }),
);
