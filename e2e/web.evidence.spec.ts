/**
 * Evidence stays with its graph, as an analyst: a run of graph A is not shown anywhere in Simulate
 * once graph B is open; an edit of A after its run puts an out-of-date notice on every figure
 * until it is run again; a what-if with a typo in a guardrail is an inline error and is not run.
 * Screenshots of the notice are written only with SCREENSHOTS=1 (tracked files stay as they are).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importLogAndRun } from './pages/simulateRun';

const CSV = 'samples/cases/refund-history.csv';
const GRAPH_B = 'samples/ticket-routing.sop.json';

// a shared 2-core machine: give the whole flow room
test.describe.configure({ timeout: 240_000 });

async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: `e2e/screenshots/evidence-${name}.png` });
}

/** Start-up opens the refund sample as the first project: that is graph A. */
async function openGraphA(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('project-item')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
}

/** Put the caret in a Monaco editor (low in its visible box: an error line may sit below it). */
async function typeInto(page: Page, container: Locator, text: string) {
  const editor = container.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.click({ position: { x: 40, y: 8 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // close a suggestion list
}

test('a run of graph A is shown only with A, marked out of date after an edit, current again after a re-run', async ({
  page,
}) => {
  await openGraphA(page);
  const sim = await importLogAndRun(page, CSV, 400);
  const legend = page.getByTestId('overlay-legend');
  await expect(legend).toContainText(/Refund requests #[0-9a-f]{8} · ran /);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toContainText('visits');
  await expect(sim.getByTestId('total-time-saved')).toBeVisible();

  // open graph B: a new project
  await page.getByTestId('open-file-input').setInputFiles(GRAPH_B);
  await expect(page.getByTestId('project-item')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator('.react-flow__node', { hasText: 'Classify ticket' })).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  // nothing of A's run anywhere in Simulate: no legend, badges, edge figures, totals, runs, cases
  await expect(legend).toHaveCount(0);
  await expect(page.locator('.overlay-badge')).toHaveCount(0);
  await expect(page.locator('.edge-overlay')).toHaveCount(0);
  await sim.getByTestId('sim-tab-run').click();
  await expect(sim.getByTestId('run-start')).toBeVisible();
  await expect(sim).toContainText('Support ticket routing');
  await expect(sim.getByTestId('run-totals')).toHaveCount(0);
  await expect(sim.getByTestId('run-list')).toHaveCount(0);
  await expect(sim.getByTestId('sim-tab-cases')).toBeDisabled();
  await expect(sim.getByTestId('sim-tab-whatif')).toBeDisabled();
  await expect(page.getByText(/Refund requests #/)).toHaveCount(0);

  // back to A from the sidebar: its run is listed and current
  await page.getByTestId('project-item').filter({ hasText: 'Refund requests' }).getByRole('button').first().click();
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  const runs = sim.getByTestId('run-list').locator('li');
  await expect(runs).toHaveCount(1);
  await expect(sim.getByTestId('run-item-stale')).toHaveCount(0);
  await runs.first().getByRole('button').click();
  await expect(sim.getByTestId('run-totals')).toBeVisible();
  await expect(sim.getByTestId('stale-banner')).toHaveCount(0);

  // edit A in the designer: lower triage → refund from auto to suggest
  await page.getByTestId('mode-design').click();
  await page.locator('.edge-label', { hasText: 'amount <= 100.0' }).click();
  const inspector = page.getByTestId('transition-inspector');
  await expect(inspector.locator('h2')).toContainText('triage → refund');
  await inspector.getByTestId('tier-control').getByRole('radio', { name: 'Suggest' }).click();
  await page.getByTestId('mode-simulate').click();

  // every figure of the run is now marked: the notice says what changed, the canvas is dimmed
  const banner = sim.getByTestId('stale-banner');
  await expect(banner).toContainText('These results are from an earlier version of this graph — 1 change since');
  await expect(banner.getByTestId('stale-changes')).toContainText('branch triage → refund: tier auto → suggest');
  await expect(legend).toContainText('Out of date');
  await expect(page.getByTestId('overlay-stale')).toBeVisible();
  await expect(page.locator('.overlay-badge').first()).toHaveCSS('opacity', '0.45');
  await expect(sim.getByTestId('run-totals')).toContainText('out of date');
  await expect(sim.getByTestId('run-item-stale')).toHaveCount(1);
  await shot(page, 'stale-banner');

  // run again: the notice goes, the new run is of this version
  await banner.getByTestId('stale-run-again').click();
  await expect(banner).toHaveCount(0, { timeout: 60_000 });
  await expect(runs).toHaveCount(2);
  await expect(sim.getByTestId('run-item-stale')).toHaveCount(1); // the first run, of the earlier version
  await expect(sim.getByTestId('run-totals')).not.toContainText('out of date');
  await expect(legend).not.toContainText('Out of date');
  await expect(page.locator('.overlay-badge').first()).toHaveCSS('opacity', '1');
});

test('what-if: a typo in a guardrail is an inline error and nothing runs; a valid variant applies as one undoable edit', async ({
  page,
}) => {
  await openGraphA(page);
  const sim = await importLogAndRun(page, CSV, 400);
  await sim.getByTestId('sim-tab-whatif').click();
  const whatif = sim.getByTestId('whatif');
  await whatif.locator('label', { hasText: 'Add a guardrail on' }).locator('select').selectOption('triage');
  const when = whatif.getByTestId('whatif-guard-when');
  await typeInto(page, when, 'amont > 250.0');

  // the type-checker's error is inline, and Compare is disabled with the reason
  await expect(when.getByTestId('whatif-guard-when-error')).toContainText('amont');
  await expect(whatif.getByTestId('whatif-compare')).toBeDisabled();
  await expect(whatif.getByTestId('whatif-blocked')).toContainText('Fix the variant first');
  await expect(whatif.getByTestId('whatif-apply')).toBeDisabled();
  await expect(sim.getByTestId('compare')).toHaveCount(0);
  await shot(page, 'whatif-typo');

  // fixed, it is scored
  await typeInto(page, when, 'amount > 250.0');
  await expect(when.getByTestId('whatif-guard-when-error')).toHaveCount(0);
  await expect(whatif.getByTestId('whatif-blocked')).toHaveCount(0);
  await whatif.getByTestId('whatif-compare').click();
  await expect(sim.getByTestId('compare')).toBeVisible();
  await expect(sim.getByTestId('compare-variant-label')).toContainText('guardrail on triage: amount > 250.0 → human');

  // applied to the graph: one edit (the run is now of an earlier version); one undo reverts it all
  await whatif.getByTestId('whatif-apply').click();
  await expect(whatif.getByTestId('whatif-applied')).toBeVisible();
  await expect(sim.getByTestId('stale-banner')).toContainText('state triage changed (meta.guardrails)');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(sim.getByTestId('stale-banner')).toHaveCount(0);
});
