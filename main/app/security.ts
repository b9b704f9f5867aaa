import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../bridge';
import { isTrustedAppUrl } from './trust';

/** DevTools is the only non-app scheme a window may load, and only when a developer opens it. */
const ALLOWED_REQUEST = /^(app|devtools):/;

/**
 * Session-wide guards: every response carries the strict CSP, nothing is fetched from the network or
 * the filesystem, and every permission (camera, notifications, geolocation…) is denied.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !ALLOWED_REQUEST.test(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies navigation guards to every WebContents the app ever creates, including ones we did not. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedAppUrl(url)) event.preventDefault();
  });
  // Links never open windows or the system browser: a desk must not leak data by a stray click.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  safeDialogs: true,
  navigateOnDragDrop: false,
} as const;

export { SECURITY_HEADERS };
