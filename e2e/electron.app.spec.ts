/**
 * The desktop app under Electron. Where the Electron binary is absent (offline installs: electron
 * ≥ 42 downloads it lazily on first require, which we never trigger) the spec skips and prints why,
 * because Playwright's list reporter does not show skip reasons.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../scripts/electronBinary.mjs';
import type { DesktopApi } from '../electron/ipc/contract';

const binary = findElectronBinary(process.cwd());
const SKIP_NO_BINARY =
  `Electron binary not present (${binary.found ? '' : binary.reason}). ` +
  'On a machine with GitHub access run `npx install-electron --no` (electron>=42), then `npm run build:electron`.';
const mainEntry = path.resolve('.vite/build/main.cjs');
const SKIP_NOT_BUILT = `App not built (${mainEntry} missing): run \`npm run build:electron\` first.`;
if (!binary.found) console.warn(`[e2e/electron] SKIPPED: ${SKIP_NO_BINARY}`);
else if (!existsSync(mainEntry)) console.warn(`[e2e/electron] SKIPPED: ${SKIP_NOT_BUILT}`);

test.describe('electron app', () => {
  test.skip(!binary.found, SKIP_NO_BINARY);
  test.skip(!existsSync(mainEntry), SKIP_NOT_BUILT);

  test('window opens on app://, preload API is the contract only, renderer is isolated and cannot navigate', async () => {
    const app = await electron.launch({ args: ['.'], executablePath: binary.found ? binary.path : '' });
    try {
      const win = await app.firstWindow();
      expect(win.url()).toMatch(/^app:\/\/sop-studio\//);
      await expect(win.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
      const info = await win.evaluate(async () => (window as Window & { desktop?: DesktopApi }).desktop?.getAppInfo());
      expect(info?.electron).toMatch(/^\d+\./);
      const keys = await win.evaluate(() =>
        Object.keys((window as Window & { desktop?: object }).desktop ?? {}).sort(),
      );
      expect(keys).toEqual([
        'exportFile',
        'getAppInfo',
        'onMenuCommand',
        'openGraphFile',
        'openLogFile',
        'readLogChunk',
        'saveGraphFile',
      ]);
      expect(await win.evaluate(() => typeof (window as Window & { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (window as Window & { process?: unknown }).process)).toBe('undefined');
      // a bad argument is rejected by main with a clear message
      const err = await win.evaluate(async () =>
        (window as Window & { desktop?: DesktopApi })
          .desktop!.readLogChunk({ path: '/etc/passwd', offset: 0, length: 10 })
          .then(
            () => 'read!',
            (e: Error) => e.message,
          ),
      );
      expect(err).toMatch(/readLogChunk: invalid argument/);
      // navigation away is refused; the app page stays
      await win.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await win.waitForTimeout(500);
      expect(win.url()).toMatch(/^app:\/\/sop-studio\//);
    } finally {
      await app.close();
    }
  });
});
