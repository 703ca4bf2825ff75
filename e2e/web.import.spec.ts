/**
 * Importing a real-world log in the app: a ragged CSV with "skip and count rows that cannot be
 * read" — the dataset page names the skipped line and why (issue #10); without the option the
 * import stops with the line named; a truncated gzip is said once, in words for people.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const GRAPH = 'samples/refund.sop.json';
const RAGGED = 'fixtures/hostile/import/ragged.csv';

test.describe.configure({ timeout: 180_000 });

async function openSimulatorAndChoose(page: import('@playwright/test').Page) {
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('import-file').setInputFiles(RAGGED);
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping).toBeVisible();
  return { sim, mapping };
}

test('a ragged CSV imported with "skip and count": the dataset page lists the skipped line', async ({ page }) => {
  const { sim, mapping } = await openSimulatorAndChoose(page);
  await expect(mapping.getByTestId('map-caseId')).toHaveValue('case_id');
  await mapping.getByTestId('import-skip-invalid').check();
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: 'e2e/screenshots/import-mapping-options.png' });
  await mapping.getByTestId('import-start').click();
  const ds = sim.getByTestId('dataset-page');
  await expect(ds).toBeVisible({ timeout: 60_000 });
  await expect(ds.getByTestId('ds-events')).toHaveText('59');
  await expect(ds.getByTestId('ds-skipped')).toContainText('Skipped 1 row(s)');
  await expect(ds.getByTestId('ds-skipped')).toContainText('line 51: 2 fields where the header has 3');
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: 'e2e/screenshots/import-dataset-skipped.png' });
});

test('the same CSV without the option stops at the line, and a disabled Import says why', async ({ page }) => {
  const { sim, mapping } = await openSimulatorAndChoose(page);
  await mapping.getByTestId('map-activity').selectOption('');
  await expect(mapping.getByTestId('import-start')).toBeDisabled();
  await expect(mapping.getByTestId('import-start-why')).toHaveText('Choose an activity column to import.');
  await mapping.getByTestId('map-activity').selectOption('activity');
  await mapping.getByTestId('import-start').click();
  await expect(sim.getByRole('alert')).toContainText('line 51: 2 fields where the header has 3');
  await expect(sim.getByRole('alert')).toContainText('choose “Skip and count rows that cannot be read”');
});

test('a truncated .xes.gz: one sentence for people, shown once, no browser wording', async ({ page }) => {
  // the first 60% of the Helpdesk log's gzip bytes: as if the download stopped there
  const whole = readFileSync('fixtures/outside/logs/pm4py__helpdesk.xes.gz');
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim
    .getByTestId('import-file')
    .setInputFiles({ name: 'helpdesk-cut.xes.gz', mimeType: 'application/gzip', buffer: cut });
  await sim.getByTestId('mapping-step').getByTestId('import-start').click();
  const alert = sim.getByRole('alert');
  await expect(alert).toHaveText(
    'gzip: the compressed data is truncated or corrupt (was the file cut short while downloading or copying?)',
    { timeout: 120_000 },
  );
  await expect(sim.getByText(/truncated or corrupt/)).toHaveCount(1);
  await expect(sim.getByTestId('dataset-status')).toHaveText('import failed (point here for why)');
});
