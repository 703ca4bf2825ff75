/**
 * The main window with Electron's security checklist applied: isolated, sandboxed renderer without
 * Node, web security on, no navigation, no new windows, no webviews, and every permission denied.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import path from 'node:path';
import { isNavigationAllowed, isPermissionAllowed } from './security';

/** Deny every permission request and check, except the clipboard for the app's own page. */
export function restrictPermissions(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents?.getURL(), devServerUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl),
  );
  session.setDevicePermissionHandler(() => false);
}

export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The renderer's web preferences: each line is a checklist item (window.test.ts fails without it). */
function mainWindowWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The constructor is injectable so the wiring is tested with a fake window in Node. */
export function createMainWindow(
  startUrl: string,
  Window: new (options: BrowserWindowConstructorOptions) => BrowserWindow = BrowserWindow,
): BrowserWindow {
  const win = new Window({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'SOP Studio',
    show: false,
    backgroundColor: '#f7f8fa',
    // Forge/vite build the preload next to main.cjs
    webPreferences: mainWindowWebPreferences(path.join(__dirname, 'preload.cjs')),
  });
  lockDownContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl);
  return win;
}
