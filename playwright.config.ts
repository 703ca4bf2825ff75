import { defineConfig } from '@playwright/test';

// Debian's chromium (apt-get install -y chromium; .ci/run installs it). Playwright's own browser
// download cannot work offline.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_DEV=1 runs the specs against the Vite dev server instead of the built bundle (vite preview).
const SERVER = process.env.E2E_DEV ? '' : 'preview';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // 2 shared cores: one browser at a time keeps timings stable
  workers: 1,
  // No retries: a test that passes only on a second attempt hides a race. Specs wait on what the
  // app shows (web-first: the canvas's data-view/data-layout, Monaco's focus), never on luck.
  retries: 0,
  failOnFlakyTests: true,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\..*spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          // Playwright already passes --headless and a fresh temp --user-data-dir for launch();
          // passing --user-data-dir here is rejected (use launchPersistentContext for that).
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    // Skips with a printed reason where the Electron binary is absent (see e2e/electron.app.spec.ts).
    { name: 'electron', testMatch: /electron\..*spec\.ts/ },
  ],
  // Global: also started for the electron project. The renderer must be built first (npm run build:web).
  webServer: {
    command: `node node_modules/vite/bin/vite.js ${SERVER} --config vite.renderer.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
