/**
 * First run, as a new user: a fresh profile opens on the welcome (what SOP Studio is for, three
 * steps); "Open a sample" opens the refund graph with its recorded log already imported, so
 * Simulate lists the dataset and a replay runs at once; the what-if placeholder names the
 * sample's own field. Dismissed, the welcome stays away after a reload and comes back from Help.
 */
import { expect, test } from './fixtures';
import { contrast } from './pages/contrast';

test.use({ welcome: true });
test.describe.configure({ timeout: 180_000 });

test('open a sample from the welcome: its dataset is listed in Simulate and a replay runs', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'Welcome to SOP Studio' })).toBeVisible();
  await expect(welcome.locator('.welcome-steps li')).toHaveCount(3);
  await welcome.getByTestId('welcome-sample-refund').click();
  await expect(welcome).toBeHidden({ timeout: 60_000 });

  // Simulate, Run tab: the sample's log is the selected dataset, counted as the CSV has it
  const sim = page.getByTestId('simulator');
  await expect(sim).toBeVisible();
  await expect(sim).toContainText('over refund-history (sample) (400 cases)');
  // the real Run replay button keeps a readable label under the pointer (issue #15: white on #f2f4f7)
  const run = sim.getByTestId('run-start');
  await run.hover();
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const hovered = await run.evaluate((el) => ({
    fg: getComputedStyle(el).color,
    bg: getComputedStyle(el).backgroundColor,
  }));
  expect(contrast(hovered.fg, hovered.bg), `${hovered.fg} on ${hovered.bg}`).toBeGreaterThanOrEqual(4.5);
  await run.click();
  await expect(sim.getByTestId('run-totals')).toBeVisible({ timeout: 60_000 });
  await expect(sim.getByTestId('run-totals')).toContainText('400');

  // the Data tab lists it too, and the start-up refund project was reused, not copied
  await sim.getByTestId('sim-tab-data').click();
  await expect(sim.getByTestId('dataset-item')).toHaveText(['refund-history (sample)']);
  await expect(sim.getByTestId('dataset-status')).toHaveText(['400 cases · 1,081 events']);
  await expect(page.getByTestId('project-item')).toHaveCount(1);

  // what-if: a new guardrail's placeholder is written over the refund schema's first field
  await sim.getByTestId('sim-tab-whatif').click();
  const whatif = sim.getByTestId('whatif');
  await whatif.locator('label', { hasText: 'Add a guardrail on' }).locator('select').selectOption('triage');
  const when = whatif.getByTestId('whatif-guard-when');
  await expect(when.locator('.cel-editor__placeholder')).toHaveText('e.g. amount > 100.0', { timeout: 20_000 });
});

test('the welcome closes with Esc, stays closed after a reload, and opens again from Help', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(welcome).toBeHidden();
  await page.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(welcome).toHaveCount(0);

  await page.getByTestId('help').click();
  await page.getByTestId('shortcut-sheet').getByTestId('help-welcome').click();
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await expect(welcome).toBeVisible();
  await welcome.getByTestId('welcome-close').click();
  await expect(welcome).toHaveCount(0);
});

test('a reload before the welcome is dismissed shows it again', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('welcome')).toBeVisible();
});
