import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../ipc/channels';
import type { MenuCommand } from '../ipc/contract';
import { resolveAppRequest, serveAppRequest } from './appProtocol';
import { buildMenuTemplate } from './menu';
import { CONTENT_SECURITY_POLICY, isNavigationAllowed, isPermissionAllowed } from './security';

const root = path.resolve('/opt/app/renderer/main_window');

describe('app:// protocol', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppRequest('app://sop-studio/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://sop-studio/assets/index-abc.js', root)).toBe(
      path.join(root, 'assets/index-abc.js'),
    );
    expect(resolveAppRequest('app://sop-studio/designer/refund', root)).toBe(path.join(root, 'index.html'));
  });
  it('refuses other hosts, schemes and any path escaping the folder', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'app://sop-studio/%2F..%2F..%2Fetc%2Fpasswd',
      'app://sop-studio/..%2F..%2Fetc/passwd.txt',
      'app://sop-studio/a%00.js',
      'app://sop-studio/%E0%A4%A',
    ]) {
      expect(resolveAppRequest(url, root), url).toBeNull();
    }
    // dot segments are already collapsed by the URL parser: they stay inside the folder
    for (const url of ['app://sop-studio/../../etc/passwd.js', 'app://sop-studio/%2e%2e/%2e%2e/etc/passwd.js']) {
      expect(resolveAppRequest(url, root), url).toBe(path.join(root, 'etc/passwd.js'));
    }
  });
  it('serves files with their type and the CSP header, 404 otherwise', async () => {
    const files = new Map([[path.join(root, 'index.html'), new TextEncoder().encode('<html>')]]);
    const read = async (p: string) => files.get(p) ?? Promise.reject(new Error('ENOENT'));
    const ok = await serveAppRequest('app://sop-studio/', root, read);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/html/);
    expect(ok.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await serveAppRequest('app://sop-studio/missing.js', root, read)).status).toBe(404);
  });
});

describe('security', () => {
  it('the CSP forbids eval and foreign origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });
  it('renderer/index.html carries the same policy (minus frame-ancestors, ignored in <meta>)', () => {
    const html = readFileSync(path.resolve('renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
  });
  it('grants only the clipboard, and only to the app page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://sop-studio/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'app://sop-studio/')).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'hid'])
      expect(isPermissionAllowed(p, 'app://sop-studio/')).toBe(false);
  });
  it('refuses every navigation away from the page', () => {
    expect(isNavigationAllowed('app://sop-studio/index.html', 'https://evil.example/')).toBe(false);
    expect(isNavigationAllowed('app://sop-studio/index.html', 'app://sop-studio/other.html')).toBe(false);
    expect(isNavigationAllowed('app://sop-studio/index.html', 'app://sop-studio/index.html')).toBe(true);
  });
});

describe('application menu', () => {
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);

  it('has an item for every MenuCommand that dispatches it, with the usual accelerators', () => {
    const sent: MenuCommand[] = [];
    const items = flatten(
      buildMenuTemplate((c) => sent.push(c), { appName: 'SOP Studio', platform: 'linux', dev: false }),
    );
    for (const command of MENU_COMMANDS) {
      const item = items.find((i) => i.id === command);
      expect(item, command).toBeDefined();
      (item!.click as () => void)();
    }
    expect(sent).toEqual([...MENU_COMMANDS]);
    const accel = (id: string) => items.find((i) => i.id === id)?.accelerator;
    expect(accel('edit.undo')).toBe('CmdOrCtrl+Z');
    expect(accel('edit.redo')).toBe('CmdOrCtrl+Shift+Z');
    expect(accel('file.save')).toBe('CmdOrCtrl+S');
    expect(accel('file.open')).toBe('CmdOrCtrl+O');
    expect(accel('file.new')).toBe('CmdOrCtrl+N');
    // edit keystrokes reach the page (native text editing keeps working)
    expect(items.find((i) => i.id === 'edit.copy')?.registerAccelerator).toBe(false);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
  it('adds the app menu on macOS and devtools in development', () => {
    const template = buildMenuTemplate(() => undefined, { appName: 'SOP Studio', platform: 'darwin', dev: true });
    expect(template[0]?.label).toBe('SOP Studio');
    expect(flatten(template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
