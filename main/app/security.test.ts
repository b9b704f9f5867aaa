/**
 * Electron cannot run on the CI machines, so the desktop hardening is checked statically: the window
 * options, the session and WebContents handlers driven through stand-ins with the same call shapes,
 * the fuse configuration the afterPack hook applies, and the startup order in main.ts.
 */
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../bridge';
import { guardAllWebContents, guardWebContents, hardenSession, WEB_PREFERENCES } from './security';
import { APP_ENTRY_URL } from './trust';

const root = join(import.meta.dirname, '..', '..');
const mainSource = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8');

/** The shell's own sources (not tests), by file name. */
function appSources(): [string, string][] {
  return readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => [f, readFileSync(join(import.meta.dirname, f), 'utf8')]);
}

type Handler = (...args: never[]) => unknown;

/** Records every handler hardenSession installs, keyed by the method that installed it. */
function fakeSession() {
  const handlers = new Map<string, Handler>();
  const record = (name: string) => (handler: Handler) => handlers.set(name, handler);
  const session = {
    webRequest: {
      onBeforeRequest: record('onBeforeRequest'),
      onHeadersReceived: record('onHeadersReceived'),
    },
    setPermissionRequestHandler: record('permissionRequest'),
    setPermissionCheckHandler: record('permissionCheck'),
    setDevicePermissionHandler: record('devicePermission'),
  };
  hardenSession(session as unknown as Session);
  const get = (name: string) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`hardenSession did not install ${name}`);
    return handler as unknown as (...args: unknown[]) => unknown;
  };
  return { get };
}

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  });
  guardWebContents(contents as unknown as WebContents);
  const fire = (event: string, ...args: unknown[]) => {
    const preventDefault = vi.fn();
    emitter.emit(event, { preventDefault }, ...args);
    return preventDefault.mock.calls.length > 0;
  };
  return { fire, open: (url: string) => openHandler?.({ url }) };
}

describe('window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node anywhere, no webview', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('every window main/app opens is built from those options, adding only the preload', () => {
    let windows = 0;
    for (const [file, source] of appSources()) {
      for (const [, options = ''] of source.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)) {
        windows++;
        expect(options, file).toMatch(/webPreferences: \{ \.\.\.WEB_PREFERENCES, preload: [^}]+\}/);
      }
      // Only security.ts (WEB_PREFERENCES itself) may name these.
      if (file !== 'security.ts')
        expect(source, file).not.toMatch(/nodeIntegration|contextIsolation|sandbox:\s*false|webSecurity/);
    }
    expect(windows).toBeGreaterThan(0);
  });
});

describe('session guards', () => {
  it('denies every permission request, check and device by default', () => {
    const s = fakeSession();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      const callback = vi.fn();
      s.get('permissionRequest')({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(s.get('permissionCheck')({}, permission, APP_ENTRY_URL, {}), permission).toBe(false);
    }
    expect(s.get('devicePermission')({ deviceType: 'usb', origin: APP_ENTRY_URL })).toBe(false);
  });

  it('lets only the app scheme (and DevTools) load; the network and the filesystem are cancelled', () => {
    const s = fakeSession();
    const cancelled = (url: string) => {
      const callback = vi.fn();
      s.get('onBeforeRequest')({ url }, callback);
      return (callback.mock.calls[0]?.[0] as { cancel: boolean }).cancel;
    };
    expect(cancelled(APP_ENTRY_URL)).toBe(false);
    expect(cancelled('app://confidant/assets/index.js')).toBe(false);
    expect(cancelled('devtools://devtools/bundled/inspector.html')).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'ws://x/',
      'data:text/html,x',
    ])
      expect(cancelled(url), url).toBe(true);
  });

  it('puts the strict CSP on every response, whatever the response said', () => {
    const s = fakeSession();
    const callback = vi.fn();
    s.get('onHeadersReceived')(
      { responseHeaders: { 'Content-Security-Policy': ["default-src *; script-src 'unsafe-inline'"] } },
      callback,
    );
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> })
      .responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('main.ts hardens the session before it loads any page, and any other session is hardened too', () => {
    const hardened = mainSource.indexOf('hardenSession(session.defaultSession)');
    expect(hardened).toBeGreaterThan(0);
    expect(hardened).toBeLessThan(mainSource.indexOf('.loadURL('));
    for (const [file, source] of appSources()) {
      const made = source.match(/session\.from(Partition|Path)\(/g)?.length ?? 0;
      const guarded = source.match(/hardenSession\(/g)?.length ?? 0;
      if (made > 0) expect(guarded, `${file}: a session it creates is not hardened`).toBeGreaterThan(0);
    }
  });
});

describe('navigation and window-open guards', () => {
  it('blocks navigation and redirects away from the app, new windows and webviews', () => {
    const c = fakeContents();
    expect(c.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(c.fire('will-navigate', 'app://confidant/index.html#/desk')).toBe(false);
    expect(c.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(c.fire('will-redirect', APP_ENTRY_URL)).toBe(false);
    expect(c.fire('will-attach-webview', {}, {})).toBe(true);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
  });

  it('applies them to every WebContents the app creates, and main.ts installs that before anything else', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as unknown as App);
    const created = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, created);
    expect(created.listenerCount('will-navigate')).toBe(1);
    expect(created.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(mainSource.indexOf('guardAllWebContents(app)')).toBeLessThan(
      mainSource.indexOf('async function start'),
    );
    expect(mainSource).toMatch(/^app\.enableSandbox\(\);$/m);
  });
});

describe('process-level guards', () => {
  it('holds a single-instance lock: a second launch quits and focuses the first', () => {
    expect(mainSource).toMatch(/if \(!app\.requestSingleInstanceLock\(\)\) \{[^}]*app\.quit\(\);/);
    expect(mainSource).toContain("app.on('second-instance'");
    // Starting the core is reachable only from the branch that holds the lock.
    expect(mainSource.indexOf('app.whenReady().then(start')).toBeGreaterThan(
      mainSource.indexOf('requestSingleInstanceLock'),
    );
  });

  it('ships no updater: updates are off, regulated sites deploy centrally', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).filter((d) => /updater|update-electron-app/.test(d))).toEqual([]);
    for (const file of readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    )) {
      const source = readFileSync(join(import.meta.dirname, file), 'utf8');
      expect(source, file).not.toMatch(/autoUpdater|electron-updater|checkForUpdates/);
    }
  });

  it('the afterPack hook turns off running as Node, NODE_OPTIONS and inspect, and turns on cookie encryption and asar integrity', async () => {
    const hook = (await import(pathToFileURL(join(root, 'scripts', 'after-pack.mjs')).href)) as {
      FUSES: Record<string, boolean>;
      fuseConfig: (platform: string) => Record<string, unknown>;
    };
    expect(hook.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
    // @electron/fuses numbers the wire: 0 RunAsNode … 7 GrantFileProtocolExtraPrivileges.
    expect(hook.fuseConfig('linux')).toMatchObject({
      version: '1',
      0: false,
      1: true,
      2: false,
      3: false,
      4: true,
      5: true,
    });
    expect(hook.fuseConfig('darwin')).toMatchObject({ resetAdHocDarwinSignature: true });
    expect(hook.fuseConfig('win32')).toMatchObject({ resetAdHocDarwinSignature: false });
  });
});
