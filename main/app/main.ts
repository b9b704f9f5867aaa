/**
 * Electron main process: the thin desktop shell. It unlocks the store with the OS keychain, starts the
 * same core as the CLI and browser mode, and answers the renderer over one IPC channel. This folder is
 * the only code that imports electron (lint enforces it).
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { toApiError } from '../../shared/errors';
import { createCoreDispatcher } from '../core/api';
import { loadConfig } from '../core/config';
import { createCore, type Core } from '../core/container';
import { lanSetting } from './lan-setting';
import { keychainStatus, osKeychainProvider } from '../core/store';
import { adoptInstallerModels, logAdoption } from './bundled-models';
import { registerIpc } from './ipc';
import { ACCEPT_INSECURE_SWITCH, insecureKeychainAccepted, safeStorageKeychain } from './keychain';
import { registerAppScheme, serveRenderer } from './protocol';
import { guardAllWebContents, hardenSession, WEB_PREFERENCES } from './security';
import { APP_ENTRY_URL } from './trust';

registerAppScheme(protocol);
app.enableSandbox();
guardAllWebContents(app);

let core: Core | null = null;

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const config = loadConfig({
    dataDir: userData,
    mode: 'desktop',
    appVersion: app.getVersion(),
    modelsDir: process.env.CONFIDANT_MODELS_DIR ?? join(userData, 'models'),
  });
  const adoption = app.isPackaged ? await adoptInstallerModels(process.resourcesPath, config.modelsDir) : [];
  const keychain = safeStorageKeychain(safeStorage);
  try {
    const masterKey = osKeychainProvider(keychain, {
      acceptInsecureBackend: insecureKeychainAccepted(process.argv, process.env),
    });
    core = await createCore({ config, masterKey, create: true, retentionSchedule: true });
  } catch (err) {
    // The message is a UserError's (no secrets); anything unexpected is reduced to INTERNAL.
    const hint = keychainStatus(keychain).insecure
      ? `\n\nAn administrator can accept this backend by starting Confidant with ${ACCEPT_INSECURE_SWITCH}.`
      : '';
    dialog.showErrorBox('Confidant cannot unlock its store', `${toApiError(err).message}${hint}`);
    app.exit(3);
    return;
  }
  logAdoption(core.log, adoption);
  const lan = lanSetting(process.env, core.lan.paired());
  if (lan) {
    // The desk works without the LAN: a busy port is logged and the window opens all the same.
    await core.lan.start(lan).catch((err: unknown) => core?.log.warn({ err }, 'lan endpoint not started'));
  }
  hardenSession(session.defaultSession);
  serveRenderer(protocol, join(app.getAppPath(), 'renderer', 'dist'));
  const live = core;
  const ipc = registerIpc(ipcMain, createCoreDispatcher(core), {
    events: core.events,
    hasSession: (token) => live.sessions.lookup(token, false).state !== 'none',
  });

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Confidant',
    backgroundColor: '#f4f6f8',
    webPreferences: { ...WEB_PREFERENCES, preload: join(import.meta.dirname, 'preload.cjs') },
  });
  // LAN news (a supervisor's claim, whisper, response, resolution) reaches the open views as it arrives.
  ipc.attachWindow(window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite store would fight over the WAL; the second one just focuses the first.
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.whenReady().then(start, (err: unknown) => {
    dialog.showErrorBox('Confidant failed to start', toApiError(err).message);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  let shuttingDown = false;
  app.on('will-quit', (event) => {
    if (shuttingDown || !core) return;
    // Close the store (checkpoint the WAL) before the process goes away.
    event.preventDefault();
    shuttingDown = true;
    void core.shutdown().finally(() => app.quit());
  });
}
