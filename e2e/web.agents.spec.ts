/**
 * Agents side by side (issue #12), as an analyst: on the refund sample with its history (plus a
 * `proposed` column, e2e/fixtures/refund-history-proposed.csv: the activity people did next,
 * blank on every tenth row), replay, then compare the rules agent with a learned agent and the
 * recorded proposals; read the table and the coverage curve, apply the recorded agent's earned
 * tiers to the graph, see a branch's tier change on the canvas, undo, and see it back. The
 * comparison is saved with the run: after a reload it is shown again, and the learned agent's
 * saved model is re-applied without retraining (same figures on the same later cases).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { importLogAndRun } from './pages/simulateRun';

const GRAPH = 'samples/refund.sop.json';
const CSV = 'e2e/fixtures/refund-history-proposed.csv';

test.describe.configure({ timeout: 240_000 });

/**
 * Counted from the CSV itself: of the cases in start-time order, how many of the first `train`
 * and of the rest leave triage along a branch of the graph (the others deviate there, so the
 * learned agent has no step of theirs at triage).
 */
function triageCases(train: number): { train: number; test: number } {
  const [head, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const byCase = new Map<string, string[][]>();
  for (const l of lines) {
    const r = l.split(',');
    byCase.set(r[at('case_id')]!, [...(byCase.get(r[at('case_id')]!) ?? []), r]);
  }
  const ordered = [...byCase.values()].sort(
    (a, b) => Date.parse(a[0]![at('timestamp')]!) - Date.parse(b[0]![at('timestamp')]!),
  );
  const leaves = (ev: string[][]) =>
    ['Issue refund', 'Reject request', 'Manual review'].includes(ev[1]?.[at('activity')] ?? '');
  return { train: ordered.slice(0, train).filter(leaves).length, test: ordered.slice(train).filter(leaves).length };
}

test('learned and recorded agents side by side, apply earned tiers, undo', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  const sim = await importLogAndRun(page, CSV, 400);

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
  for (const p of ['rules', 'learned', 'recorded:proposed'])
    await expect(cmp.locator(`tr[data-policy="${p}"]`)).toHaveCount(1);
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
  // the coverage curve marks the owner's target (5% by default) and, per policy, the threshold meeting it
  await expect(cmp.getByTestId('coverage-target-line')).toHaveCount(1);
  const targets = cmp.getByTestId('coverage-targets');
  for (const p of ['rules', 'learned', 'recorded:proposed'])
    await expect(targets.locator(`li[data-policy="${p}"]`)).toContainText(
      /confidence ≥ \d\.\d\d takes \d+\.\d% of steps at \d+\.\d% error|no threshold meets 5\.0%/,
    );
  // the learned agent's training summary: cases, features, accuracy by state
  const learnedModels = sim.getByTestId('agents-learned-models');
  const triage = triageCases(280);
  await expect(learnedModels.locator('tr[data-state="triage"] td').nth(1)).toHaveText(String(triage.train));
  await expect(learnedModels.locator('tr[data-state="triage"] td').nth(4)).toContainText(
    new RegExp(`\\d+\\.\\d% of ${triage.test}$`),
  );
  for (const [w, h] of [
    [1400, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await cmp.locator('figure').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`agents-${w}x${h}.png`) });
  }
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: 'e2e/screenshots/agents-side-by-side.png', fullPage: true });

  const apply = sim.getByTestId('agents-apply');
  await apply.getByTestId('agents-apply-policy').selectOption('recorded:proposed');
  await apply.getByTestId('agents-apply-tiers').click();
  await expect(apply.getByTestId('agents-applied')).toContainText('earned tiers of recorded:proposed');
  await expect(edge).toContainText(earned!);
  await page.getByTestId('undo').click();
  await expect(edge).toContainText('human');

  // after a reload the comparison is shown again with its run, and the saved model re-applies
  const learnedRow = (await cmp.locator('tr[data-policy="learned"]').textContent())!.replace(/^learned/, '');
  await page.reload();
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await page.getByTestId('mode-simulate').click();
  await sim.getByTestId('dataset-item').first().click();
  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-list').getByRole('button').first().click();
  await sim.getByTestId('sim-tab-agents').click();
  await expect(cmp.locator('tr[data-policy="learned"]')).toHaveText(`learned${learnedRow}`);
  await expect(cmp.locator('tr[data-policy="recorded:proposed"]')).toHaveCount(1);
  await sim.getByTestId('agents-learned-models').getByTestId('agents-reapply').click();
  // not retrained: the same later 120 cases, the same figures as when it was learned
  await expect(cmp.locator('tr[data-policy="learned (saved)"]')).toHaveText(`learned (saved)${learnedRow}`, {
    timeout: 60_000,
  });
  await expect(sim.getByTestId('agents-saved').locator('option')).toHaveCount(2);
});
