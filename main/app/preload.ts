/**
 * Sandboxed preload (bundled to CommonJS by scripts/build-app.mjs). It exposes exactly one function,
 * `window.confidant.call(name, input)`: no ipcRenderer, no Node, nothing else crosses contextBridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, PRELOAD_GLOBAL } from '../../shared/contract/channel';

contextBridge.exposeInMainWorld(
  PRELOAD_GLOBAL,
  Object.freeze({
    call: (name: string, input: unknown): Promise<unknown> => {
      if (typeof name !== 'string') return Promise.reject(new TypeError('procedure name must be a string'));
      return ipcRenderer.invoke(IPC_CHANNEL, name, input);
    },
  }),
);
