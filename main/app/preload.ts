/**
 * Sandboxed preload (bundled to CommonJS by scripts/build-app.mjs). It exposes exactly two functions:
 * `window.confidant.call(name, input)`, and `window.confidant.subscribe(listener)` for the server push main
 * forwards (ids and codes only, as the browser mode's event stream). No ipcRenderer, no Node, nothing else
 * crosses contextBridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, PRELOAD_GLOBAL } from '../../shared/contract/channel';

// One IPC listener however many views subscribe (EventEmitter warns past ten); the page's listeners sit here.
const listeners = new Set<(event: unknown) => void>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, payload: unknown) => {
  // Only the payload crosses: the IPC event object (with its sender) never reaches the page.
  for (const listener of [...listeners]) {
    try {
      listener(payload);
    } catch {
      // One broken view must not keep the push from the others.
    }
  }
});

contextBridge.exposeInMainWorld(
  PRELOAD_GLOBAL,
  Object.freeze({
    call: (name: string, input: unknown): Promise<unknown> => {
      if (typeof name !== 'string') return Promise.reject(new TypeError('procedure name must be a string'));
      return ipcRenderer.invoke(IPC_CHANNEL, name, input);
    },
    subscribe: (listener: (event: unknown) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  }),
);
