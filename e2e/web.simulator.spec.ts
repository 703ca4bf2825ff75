/**
 * The simulator, as an analyst: open the refund SOP, import a recorded CSV with a column mapping,
 * replay it, read on the triage node the same override rate `sop-studio simulate --json` prints,
 * open an overridden case and step through it, and compare a what-if variant with the baseline.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const GRAPH = 'samples/refund.sop.json';
const CSV = 'samples/cases/refund-history.csv';

interface CliRate {
  totals: {
    cases: number;
    overrides: number;
    suggestSteps: number;
    overrideRate: number | null;
    automationRate: number | null;
  };
  perState: Record<string, { visits: number; overrides: number; suggestSteps: number }>;
}

/** What the CLI prints for the same graph and data (the figures the UI must match). */
function cliSimulate(...extra: string[]): CliRate {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'simulate', GRAPH, CSV, '--json', ...extra], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CliRate;
}

/** The UI's percentage format (renderer/features/data/format.ts fmtPct). */
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

// the machine running these is shared (2 cores, many jobs): give the whole flow room
test.describe.configure({ timeout: 240_000 });

async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: `e2e/screenshots/simulator-${name}.png` });
}

async function openGraphAndImport(page: Page) {
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await expect(sim).toBeVisible();

  // the mapping step: roles recognised from the header, resource mapped by hand
  await sim.getByTestId('import-file').setInputFiles(CSV);
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByTestId('map-caseId')).toHaveValue('case_id');
  await expect(mapping.getByTestId('map-activity')).toHaveValue('activity');
  await expect(mapping.getByTestId('map-timestamp')).toHaveValue('timestamp');
  await expect(mapping.getByTestId('map-resource')).toHaveValue('');
  await mapping.getByTestId('map-resource').selectOption('agent_name');
  await expect(mapping.locator('th.sim-mapped')).toHaveCount(4);
  await shot(page, 'mapping');
  await mapping.getByTestId('import-start').click();

  const ds = sim.getByTestId('dataset-page');
  await expect(ds).toBeVisible({ timeout: 60_000 });
  await expect(ds.getByTestId('ds-cases')).toHaveText('400');
  await expect(ds.getByTestId('ds-events')).toHaveText('1,081');
  // activities people perform that the SOP has no state for
  await expect(ds.getByTestId('sop-gaps')).toContainText('Call customer');
  await expect(ds.getByTestId('sop-gaps')).toContainText('Send survey');
  await shot(page, 'dataset');
  return sim;
}

async function runReplay(page: Page) {
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-start').click();
  await expect(sim.getByTestId('run-totals')).toBeVisible({ timeout: 60_000 });
  return sim;
}

test('import with a mapping, replay, and read the CLI override rate on the triage node', async ({ page }) => {
  const cli = cliSimulate();
  const triage = cli.perState.triage!;
  expect(triage.suggestSteps).toBeGreaterThan(0);
  expect(triage.overrides).toBeGreaterThan(0);

  await openGraphAndImport(page);
  // the dataset survives a reload (IndexedDB), with its saved mapping
  await page.reload();
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('dataset-item').first().click();
  await expect(sim.getByTestId('dataset-page')).toContainText('case=case_id, activity=activity, time=timestamp');

  await runReplay(page);
  await expect(sim.getByTestId('total-override')).toContainText(pct(cli.totals.overrideRate));
  await expect(sim.getByTestId('total-automation')).toContainText(pct(cli.totals.automationRate));

  // the overlay is on the canvas: triage's badge shows its visits
  const triageNode = page.locator('.react-flow__node', { hasText: 'Triage request' });
  await expect(triageNode).toContainText(`${triage.visits} visits`);

  // clicking the node shows its figures with the 95% interval and the chart by month
  await triageNode.click();
  const panel = sim.getByTestId('state-panel');
  await expect(panel.getByTestId('state-panel-key')).toHaveText('triage');
  await expect(panel.getByTestId('state-visits')).toHaveText(String(triage.visits));
  const override = panel.getByTestId('state-override');
  await expect(override).toContainText(pct(triage.overrides / triage.suggestSteps));
  await expect(override).toContainText(`${triage.overrides}/${triage.suggestSteps}`);
  await expect(override).toContainText('95% CI');
  await expect(panel.getByTestId('period-chart').locator('rect')).toHaveCount(6);
  await expect(page.getByText('Opened refund.sop.json')).toBeHidden({ timeout: 20_000 }); // the toast would cover the chart
  await shot(page, 'overlay');
  if (process.env.SCREENSHOTS === '1') await panel.screenshot({ path: 'e2e/screenshots/simulator-state-panel.png' }); // figures + chart by month

  // a second run under the "assist" stage: same figures as the CLI, and the case explorer says
  // that the rollout stage is why an auto branch only suggested
  const cliAssist = cliSimulate('--rollout', 'assist');
  await sim.getByTestId('run-rollout').selectOption('assist');
  await sim.getByTestId('run-start').click();
  await expect(sim.getByTestId('run-totals')).toContainText('rollout assist', { timeout: 60_000 });
  await expect(sim.getByTestId('total-override')).toContainText(pct(cliAssist.totals.overrideRate));
  await expect(sim.getByTestId('run-list').locator('li')).toHaveCount(2);
  await sim.getByTestId('sim-tab-cases').click();
  await sim.getByTestId('case-filter').selectOption('overridden');
  const items = sim.getByTestId('case-item');
  const why = sim.getByTestId('step-why');
  let found = false;
  for (let i = 0; i < Math.min(20, await items.count()) && !found; i++) {
    await items.nth(i).click();
    await expect(sim.getByTestId('step-counter')).toContainText('Step 1 of');
    found = ((await why.textContent()) ?? '').includes('rollout stage “assist” caps it at suggest');
  }
  expect(found, 'an overridden case whose auto branch was capped by the rollout stage').toBe(true);
  await expect(sim.getByTestId('step-outcome')).toHaveText('override');
  await shot(page, 'case-why-rollout');
});

test('open an overridden case and step through it; compare a what-if variant', async ({ page }) => {
  await openGraphAndImport(page);
  const sim = await runReplay(page);

  await sim.getByTestId('sim-tab-cases').click();
  const explorer = sim.getByTestId('case-explorer');
  await explorer.getByTestId('case-filter').selectOption('overridden');
  const first = explorer.getByTestId('case-item').first();
  await expect(first).toBeVisible();
  const caseId = (await first.textContent())!;
  await first.click();

  const steps = sim.getByTestId('case-steps');
  await expect(steps.getByTestId('open-case-id')).toHaveText(caseId);
  await expect(steps.getByTestId('step-counter')).toContainText('Step 1 of');
  // step 1 is at triage: the agent proposed reject (suggest) and a person did something else
  const detail = steps.getByTestId('step-detail');
  await expect(detail).toContainText('At triage');
  await expect(detail.getByTestId('step-outcome')).toHaveText('override');
  await expect(detail.getByTestId('step-tier')).toHaveText('suggest');
  await expect(detail.getByTestId('step-why')).toContainText('branch marked suggest');
  // the canvas highlights the current state
  await expect(page.locator('.react-flow__node .is-highlighted', { hasText: 'Triage request' })).toBeVisible();
  await shot(page, 'case-explorer');
  await steps.getByTestId('step-next').click();
  await expect(steps.getByTestId('step-counter')).toContainText('Step 2 of');
  await expect(detail).not.toContainText('At triage');

  // what-if: the same facts under the "assist" stage (auto becomes suggest)
  await sim.getByTestId('sim-tab-whatif').click();
  const whatif = sim.getByTestId('whatif');
  await whatif.getByTestId('whatif-rollout').selectOption('assist');
  await whatif.getByTestId('whatif-compare').click();
  const compare = sim.getByTestId('compare');
  await expect(compare).toBeVisible();
  const cliAssist = cliSimulate('--rollout', 'assist');
  const automation = compare.getByTestId('compare-automation-rate');
  await expect(automation.locator('td').nth(2)).toHaveText(pct(cliAssist.totals.automationRate));
  await expect(compare.getByTestId('compare-override-rate').locator('td').nth(2)).toHaveText(
    pct(cliAssist.totals.overrideRate),
  );
  await expect(compare).toContainText('re-scored from kept facts');
  // the variant can be painted on the canvas in place of the baseline
  await sim.getByTestId('whatif-on-canvas').check();
  await expect(page.getByText(/What-if: rollout assist/)).toBeVisible();
  await shot(page, 'whatif');

  // recommendations: at a 3% threshold the auto branch triage → refund (8 errors in 99) is demoted;
  // applying it is an ordinary, undoable edit of the graph
  await sim.getByTestId('sim-tab-recs').click();
  const recs = sim.getByTestId('recommendations');
  await recs.getByTestId('rec-threshold').fill('3');
  const row = recs.getByTestId('rec-row').filter({ hasText: 'triage → refund' });
  await expect(row).toContainText('demote');
  await expect(row).toContainText('auto → suggest');
  await expect(row).toContainText('8 of 99');
  const badge = page.locator('.edge-label', { hasText: 'amount <= 100.0' }).locator('.tier-badge');
  await expect(badge).toHaveClass(/tier-auto/);
  await row.getByRole('button', { name: 'Apply' }).click();
  await expect(row.getByRole('button')).toHaveText('Applied');
  await expect(badge).toHaveClass(/tier-suggest/);
  await shot(page, 'recommendations');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(badge).toHaveClass(/tier-auto/);
  await expect(row.getByRole('button')).toHaveText('Apply');

  // after a reload the stored run still answers what-ifs: its facts are rebuilt from the chunks
  await page.reload();
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await page.getByTestId('mode-simulate').click();
  await sim.getByTestId('dataset-item').first().click();
  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-list').getByRole('button').first().click();
  await expect(sim.getByTestId('run-totals')).toBeVisible();
  await sim.getByTestId('sim-tab-whatif').click();
  await sim.getByTestId('whatif-rollout').selectOption('assist');
  await sim.getByTestId('whatif-compare').click();
  await expect(compare).toContainText('facts rebuilt from the stored chunks', { timeout: 60_000 });
  await expect(automation.locator('td').nth(2)).toHaveText(pct(cliAssist.totals.automationRate));
});
