/**
 * Agents side by side (issue #12), as an analyst: on the refund sample with its history (plus a
 * `proposed` column, e2e/fixtures/refund-history-proposed.csv: the activity people did next,
 * blank on every tenth row), replay, then compare the rules agent with a learned agent and the
 * recorded proposals; read the table and the coverage curve, apply the recorded agent's earned
 * tiers to the graph, see a branch's tier change on the canvas, undo, and see it back.
 */
import { expect, test } from './fixtures';

const GRAPH = 'samples/refund.sop.json';
const CSV = 'e2e/fixtures/refund-history-proposed.csv';

test.describe.configure({ timeout: 240_000 });

test('learned and recorded agents side by side, apply earned tiers, undo', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('import-file').setInputFiles(CSV);
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping.getByTestId('map-activity')).toHaveValue('activity');
  await mapping.getByTestId('import-start').click();
  await expect(sim.getByTestId('dataset-page').getByTestId('ds-cases')).toHaveText('400', { timeout: 60_000 });

  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-start').click();
  await expect(sim.getByTestId('run-totals')).toBeVisible({ timeout: 60_000 });

  await sim.getByTestId('sim-tab-agents').click();
  const agents = sim.getByTestId('agents');
  await expect(agents.getByTestId('agents-learned')).toBeChecked();
  await expect(agents.getByTestId('agents-train-share')).toHaveValue('0.7');
  await agents.getByTestId('agents-recorded-column').selectOption('proposed');
  await agents.getByTestId('agents-recorded-add').click();
  await expect(agents.getByTestId('agents-recorded-list')).toContainText('recorded:proposed');
  await agents.getByTestId('agents-compare-run').click();

  const cmp = sim.getByTestId('agents-compare');
  await expect(cmp).toBeVisible({ timeout: 120_000 });
  // 400 cases split by start time: the learned agent trains on the first 280, all are scored on the last 120
  await expect(cmp).toContainText('scored on the later 120 cases; learned from the first 280 by start time');
  for (const p of ['rules', 'learned', 'recorded:proposed']) await expect(cmp.locator(`tr[data-policy="${p}"]`)).toHaveCount(1);
  // the recorded agent proposes what people did, except on blank rows (abstains there)
  const rec = cmp.locator('tr[data-policy="recorded:proposed"] td');
  await expect(rec.nth(4)).not.toHaveText('0');
  // a coverage curve per policy, with points
  const curves = cmp.locator('svg polyline');
  await expect(curves).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(curves.nth(i)).toHaveAttribute('points', /\d/);

  // triage → review is marked human; the recorded agent, right on every choice there, earns a lower-risk tier
  const row = cmp.locator('tr[data-transition^="triage|"]').filter({ hasText: 'triage → review' });
  await expect(row).toHaveCount(1);
  const recCell = row.locator('td').nth(3);
  const earned = /→ (auto|suggest|human)$/.exec((await recCell.innerText()).trim())?.[1];
  expect(earned).toBeDefined();
  const edge = page.locator('[data-testid="edge-label"][data-transition^="triage|"][data-target="review"] .tier-badge');
  await expect(edge).toContainText('human');
  expect(earned).not.toBe('human');
  if (process.env.SCREENSHOTS) await cmp.locator('figure').scrollIntoViewIfNeeded();
  if (process.env.SCREENSHOTS) await page.screenshot({ path: 'e2e/screenshots/agents-side-by-side.png', fullPage: true });

  const apply = sim.getByTestId('agents-apply');
  await apply.getByTestId('agents-apply-policy').selectOption('recorded:proposed');
  await apply.getByTestId('agents-apply-tiers').click();
  await expect(apply.getByTestId('agents-applied')).toContainText('earned tiers of recorded:proposed');
  await expect(edge).toContainText(earned!);
  await page.getByTestId('undo').click();
  await expect(edge).toContainText('human');
});
