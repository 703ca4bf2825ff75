/**
 * The exported simulation report opens in Chromium with no network and shows the figures of the
 * run; and the app's Export dialog asks for a sign-off, then saves the artifact.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const OUT = join('test-results', 'report-e2e');

function cli(args: string[]): string {
  return execFileSync(process.execPath, ['bin/sop-studio.mjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

test('the HTML report renders offline, under its CSP, with the figures of the run', async ({ page }) => {
  mkdirSync(OUT, { recursive: true });
  const graph = join(OUT, 'refund.sop.json');
  copyFileSync('samples/refund.sop.json', graph);
  const log = 'samples/cases/refund-history.csv';
  // the figures the report must show, straight from the simulator
  const run = JSON.parse(cli(['simulate', graph, log, '--json'])) as {
    totals: { cases: number; deviations: number; automationRate: number; overrideRate: number | null };
  };
  const reportFile = join(OUT, 'refund.report.html');
  cli(['export', graph, '--format', 'html', '--cases', log, '-o', reportFile, '--signed-off-by', 'e2e']);
  const html = readFileSync(reportFile, 'utf8');

  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.setContent(html, { waitUntil: 'load' });

  await expect(page.locator('h1')).toHaveText('Refund requests');
  await expect(page.locator('[data-fact="version"]')).toHaveText('4');
  await expect(page.locator('[data-fact="hash"]')).toHaveText(/^sha256:[0-9a-f]{64}$/);
  await expect(page.locator('[data-fact="dataset"]')).toContainText('refund-history.csv');
  await expect(page.locator('[data-total="cases"] b')).toHaveText(String(run.totals.cases));
  await expect(page.locator('[data-total="deviations"] b')).toHaveText(String(run.totals.deviations));
  await expect(page.locator('[data-total="automation rate"] b')).toHaveText(pct(run.totals.automationRate));
  if (run.totals.overrideRate !== null)
    await expect(page.locator('[data-total="override rate"] b')).toHaveText(pct(run.totals.overrideRate));
  // branch figures with intervals, and the graph picture with one box per state
  await expect(page.locator('tr[data-transition="triage|always||0"]')).toContainText(/\[\d+\.\d%–\d+\.\d%\] n=\d+/);
  await expect(page.locator('svg[role="img"] rect')).toHaveCount(5);
  // the inline stylesheet is allowed by its hash: styles apply, nothing was blocked
  const headerBg = await page
    .locator('th')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(headerBg).toBe('rgb(246, 248, 250)');
  expect(cspViolations).toEqual([]);
  // nothing was fetched: the page made no request at all
  expect(requests).toEqual([]);
  if (process.env.SCREENSHOTS === '1')
    await page.screenshot({ path: 'e2e/screenshots/report-refund.png', fullPage: true });
});

test('the Export dialog blocks until raised tiers are signed off, then saves the machine', async ({ page }) => {
  test.slow(); // the first load of the app (dev server: E2E_DEV=1) can take long on 2 shared cores
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-signoff')).toContainText('triage → refund: human → auto');
  await expect(dialog.getByTestId('export-preview')).toContainText('"sop"');
  const confirm = dialog.getByTestId('export-confirm');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('export-signoff-by').fill('Risk reviewer');
  await expect(confirm).toBeEnabled();
  if (process.env.SCREENSHOTS === '1') await dialog.screenshot({ path: 'e2e/screenshots/export-dialog.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), confirm.click()]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    meta: { sop: { version: number } };
    states: Record<string, unknown>;
  };
  expect(download.suggestedFilename()).toMatch(/^refund\.v\d+\.machine\.json$/);
  expect(Object.keys(saved.states)).toEqual(['triage', 'refund', 'reject', 'review', 'done']);
  await expect(dialog).toBeHidden();
  // the export was recorded: exporting again needs no sign-off
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-signoff')).toHaveCount(0);
  await expect(page.getByTestId('export-dialog')).toContainText(`Unchanged since release v${saved.meta.sop.version}`);
});
