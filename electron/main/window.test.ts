/**
 * The window/session wiring with fake Electron objects: every checklist item is asserted on what
 * the wiring actually installs, so removing one (a web preference, a handler) fails a test here.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, lockDownContents, restrictPermissions } from './window';

// the electron package only resolves inside Electron; the wiring gets fakes injected instead
vi.mock('electron', () => ({ BrowserWindow: class {} }));

type Listener = (event: { preventDefault(): void }, ...rest: unknown[]) => void;

function fakeContents(url = 'app://sop-studio/') {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    getURL: () => url,
    on: (name: string, fn: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), fn]),
    setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
  };
  /** Fire an event; true when some listener prevented it. */
  const fire = (name: string, ...rest: unknown[]) => {
    const preventDefault = vi.fn();
    for (const fn of listeners.get(name) ?? []) fn({ preventDefault }, ...rest);
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContents,
    fire,
    openWindow: (u: string) => openHandler?.({ url: u }),
    listeners,
  };
}

function fakeSession() {
  const h: {
    request?: (c: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl?: string }) => void;
    check?: (c: unknown, p: string, origin: string) => boolean;
    device?: () => boolean;
  } = {};
  const session = {
    setPermissionRequestHandler: (fn: typeof h.request) => void (h.request = fn),
    setPermissionCheckHandler: (fn: typeof h.check) => void (h.check = fn),
    setDevicePermissionHandler: (fn: typeof h.device) => void (h.device = fn),
  };
  const request = (permission: string, requestingUrl: string) => {
    let answer: boolean | undefined;
    h.request!(null, permission, (ok) => (answer = ok), { requestingUrl });
    return answer;
  };
  return { session: session as unknown as Session, h, request };
}

describe('main window wiring', () => {
  it('creates the window sandboxed, isolated, without Node, with web security on and webviews off', () => {
    const made: BrowserWindowConstructorOptions[] = [];
    const fake = fakeContents();
    class FakeWindow {
      webContents = fake.contents;
      constructor(options: BrowserWindowConstructorOptions) {
        made.push(options);
      }
      once() {}
      show() {}
      loadURL = vi.fn(async () => undefined);
    }
    const win = createMainWindow(
      'app://sop-studio/',
      FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
    );
    expect(made[0]!.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect((win as unknown as FakeWindow).loadURL).toHaveBeenCalledWith('app://sop-studio/');
    // and the contents were locked down
    expect(fake.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('navigation and redirects away from the page are stopped; a reload of the same page is not', () => {
    const f = fakeContents('app://sop-studio/');
    lockDownContents(f.contents);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'app://sop-studio/')).toBe(false);
  });

  it('every new window is denied and every webview blocked', () => {
    const f = fakeContents();
    lockDownContents(f.contents);
    expect(f.openWindow('app://sop-studio/other')).toEqual({ action: 'deny' });
    expect(f.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('permission handlers are installed: only the clipboard, only for the app page; devices never', () => {
    const s = fakeSession();
    restrictPermissions(s.session);
    expect(s.request('camera', 'app://sop-studio/')).toBe(false);
    expect(s.request('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(s.request('clipboard-read', 'app://sop-studio/')).toBe(true);
    expect(s.h.check!(null, 'geolocation', 'app://sop-studio')).toBe(false);
    expect(s.h.check!(null, 'clipboard-sanitized-write', 'app://sop-studio')).toBe(true);
    expect(s.h.device!()).toBe(false);
  });
});
