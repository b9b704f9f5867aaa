/**
 * Electron cannot run on the CI machines, so the packaged main process is booted in Node against a
 * stand-in `electron` module (a loader hook maps the import): the bundle in dist/app must resolve every
 * import, find its package root, create the store through the keychain adapter, harden the session, and
 * open exactly one window, hardened, on the app's own URL, served from the built renderer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_PREFERENCES } from '../main/app/security';

const root = join(import.meta.dirname, '..');

const STUB = String.raw`
const calls = [];
const record = (name) => (...args) => { calls.push(name); return args; };
let ready;
const handlers = {};
const report = async (window, url) => {
  const served = handlers.app ? await handlers.app({ url }) : null;
  process.stdout.write(JSON.stringify({
    url,
    webPreferences: window.options.webPreferences,
    calls,
    status: served && served.status,
    contentType: served && served.headers.get('content-type'),
    csp: served && served.headers.get('content-security-policy'),
  }) + '\n');
  process.exit(0);
};
export const app = {
  enableSandbox: record('app.enableSandbox'),
  on: (event) => calls.push('app.on:' + event),
  requestSingleInstanceLock: () => (calls.push('app.requestSingleInstanceLock'), true),
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.STUB_USER_DATA,
  getAppPath: () => process.env.STUB_APP_PATH,
  getVersion: () => '0.0.0-stub',
  isPackaged: false,
  exit: (code) => { process.stderr.write('app.exit ' + code + '\n'); process.exit(10 + code); },
  quit: () => process.exit(20),
};
export class BrowserWindow {
  constructor(options) {
    this.options = options;
    calls.push('new BrowserWindow');
    // Enough of webContents for main to attach the server push to the window.
    this.webContents = { id: 1, isDestroyed: () => false, getURL: () => '', send() {}, once() {} };
  }
  once() {}
  loadURL(url) { return report(this, url); }
  static getAllWindows() { return []; }
}
export const dialog = { showErrorBox: (title, message) => { process.stderr.write(title + ': ' + message + '\n'); } };
export const ipcMain = { handle: (channel) => calls.push('ipcMain.handle:' + channel) };
export const protocol = {
  registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
  handle: (scheme, fn) => { handlers[scheme] = fn; calls.push('protocol.handle:' + scheme); },
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from('sealed:' + s),
  decryptString: (b) => b.toString().slice('sealed:'.length),
};
const webRequest = { onBeforeRequest: record('session.onBeforeRequest'), onHeadersReceived: record('session.onHeadersReceived') };
export const session = {
  defaultSession: {
    webRequest,
    setPermissionRequestHandler: record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: record('session.setDevicePermissionHandler'),
  },
};
export default { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session };
`;

describe('desktop main process, booted against a stand-in electron', () => {
  // Inside the package, so the bundle's dependencies resolve from node_modules as they do in app.asar.
  const out = join(root, 'dist', `.test-app-${process.pid}`);
  const work = mkdtempSync(join(tmpdir(), 'confidant-boot-'));
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('creates its store, hardens the session and opens one hardened window on app://', () => {
    spawnSync(process.execPath, [join(root, 'scripts', 'build-app.mjs')], {
      env: { ...process.env, CONFIDANT_APP_OUT: out },
      stdio: 'pipe',
    });
    expect(existsSync(join(out, 'main.js'))).toBe(true);
    const stub = join(work, 'electron.mjs');
    writeFileSync(stub, STUB);
    writeFileSync(
      join(work, 'hooks.mjs'),
      `export async function resolve(specifier, context, next) {
        return specifier === 'electron' ? { url: ${JSON.stringify(pathToFileURL(stub).href)}, shortCircuit: true } : next(specifier, context);
      }\n`,
    );
    writeFileSync(
      join(work, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)});\n`,
    );
    const userData = join(work, 'user-data');
    mkdirSync(userData);
    const appPath = join(work, 'app');
    mkdirSync(join(appPath, 'renderer', 'dist'), { recursive: true });
    writeFileSync(join(appPath, 'renderer', 'dist', 'index.html'), '<!doctype html><title>Confidant</title>');

    const run = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(work, 'register.mjs')).href, join(out, 'main.js')],
      {
        env: {
          ...process.env,
          STUB_USER_DATA: userData,
          STUB_APP_PATH: appPath,
          CONFIDANT_LOG_LEVEL: 'warn',
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const booted = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
      url: string;
      webPreferences: Record<string, unknown>;
      calls: string[];
      status: number;
      contentType: string;
      csp: string;
    };
    expect(booted.url).toBe('app://confidant/index.html');
    expect(booted.webPreferences).toMatchObject(WEB_PREFERENCES);
    expect(String(booted.webPreferences.preload)).toBe(join(out, 'preload.cjs'));
    // Sandbox and guards before ready; session hardened and IPC registered before the window exists.
    const order = (name: string) => booted.calls.indexOf(name);
    expect(order('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(order('app.on:web-contents-created')).toBeGreaterThanOrEqual(0);
    expect(order('app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    for (const step of [
      'session.setPermissionRequestHandler',
      'session.onHeadersReceived',
      'ipcMain.handle:confidant:call',
    ])
      expect(order(step), step).toBeLessThan(order('new BrowserWindow'));
    expect(order('session.setPermissionRequestHandler')).toBeGreaterThanOrEqual(0);
    // The renderer is served from the app path, with the strict headers.
    expect(booted.status).toBe(200);
    expect(booted.contentType).toMatch(/text\/html/);
    expect(booted.csp).toContain("default-src 'none'");
    // The store was created under the user-data folder, its key wrapped by the (stand-in) keychain.
    expect(existsSync(join(userData, 'keys.json'))).toBe(true);
    expect(existsSync(join(userData, 'confidant.db'))).toBe(true);
  });
});
