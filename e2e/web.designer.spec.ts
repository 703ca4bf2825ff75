/**
 * The designer as a process owner uses it: build the refund SOP from an empty graph (states,
 * branches in order, events, tiers, a guard with a type error that is then fixed), undo and redo,
 * reload the page and find it all there.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';
import { retypeMonaco } from './pages/monaco';

/** Replace the content of a Monaco editor by typing, as a user would, and close completion. */
async function retype(page: Page, editor: Locator, text: string) {
  await retypeMonaco(page, editor, text);
  await page.keyboard.press('Escape');
}

async function expectRefundGraph(d: DesignerPage) {
  for (const key of ['triage', 'refund', 'reject', 'review', 'done']) await expect(d.node(key)).toBeVisible();
  await expect(d.node('triage').locator('.initial-mark')).toBeVisible();
  await expect(d.node('done').locator('.final-mark')).toBeVisible();
  const toRefund = d.branch('triage', 'refund');
  await expect(toRefund.locator('.edge-order')).toHaveText('1');
  await expect(toRefund.locator('.tier-badge')).toContainText('auto');
  await expect(toRefund.locator('.edge-guard')).toHaveText('amount <= 100.0');
  await expect(d.branch('triage', 'reject').locator('.edge-order')).toHaveText('2');
  await expect(d.branch('triage', 'reject').locator('.tier-badge')).toContainText('suggest');
  await expect(d.branch('triage', 'review').locator('.edge-order')).toHaveText('3');
  await expect(d.branch('triage', 'review').locator('.tier-badge')).toContainText('human');
  await expect(d.branch('review', 'refund', 'APPROVE')).toBeVisible();
  await expect(d.branch('review', 'reject', 'DENY')).toBeVisible();
  await expect(d.edgeLabels).toHaveCount(7);
}

test('build the refund SOP from an empty graph, undo/redo, reload', async ({ page }) => {
  // many small steps; the shared CI machine is slow, so the budget is generous (nothing is timed)
  test.setTimeout(480_000);
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('blank');
  await expect(d.nodes).toHaveCount(0);
  await expect(page.getByText('An empty procedure')).toBeVisible();

  // states: double-click the empty canvas, name each one
  await d.addState('triage', { x: 380, y: 120 });
  await d.addState('review', { x: 660, y: 230 });
  await d.addState('refund', { x: 260, y: 350 });
  await d.addState('reject', { x: 580, y: 380 });
  await d.addState('done', { x: 410, y: 490 });
  await d.toggleFinal();
  await expect(d.node('triage').locator('.initial-mark')).toBeVisible();

  // branches out of triage, drawn in the wrong order first: "ask a human" goes last
  await d.connect('triage', 'review');
  await d.setTier('human');
  await d.connect('triage', 'refund');
  await d.setTier('auto');
  await d.connect('triage', 'reject');
  await d.setTier('suggest');
  await d.selectBranch('triage', 'review');
  await page.getByTestId('branch-down').click();
  await page.getByTestId('branch-down').click();
  await expect(d.branch('triage', 'review').locator('.edge-order')).toHaveText('3');
  await expect(d.branch('triage', 'refund').locator('.edge-order')).toHaveText('1');

  // the reviewer's decisions are events; refund and reject close the case
  await d.connect('review', 'refund');
  await d.setEvent('APPROVE');
  await d.connect('review', 'reject');
  await d.setEvent('DENY');
  await d.connect('refund', 'done');
  await d.connect('reject', 'done');
  await expect(d.edgeLabels).toHaveCount(7);

  // declare the case field the guard reads (a number) in the case schema
  await page.getByRole('tab', { name: 'Case schema' }).click();
  await page.getByRole('button', { name: '+ Add field' }).click();
  const nameInput = page.getByLabel('field name', { exact: true });
  await nameInput.fill('amount');
  await nameInput.press('Enter');
  await page.getByLabel('amount type').selectOption('number');

  // a guard comparing the number with a string: a type error, shown inline and in Problems
  await d.selectBranch('triage', 'refund');
  const inspector = page.getByTestId('transition-inspector');
  const guard = inspector.getByTestId('guard-editor');
  await expect(guard.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await retype(page, guard, 'amount <= "100"');
  await expect(inspector.getByTestId('guard-editor-error')).toBeVisible();
  await page.getByTestId('tab-validation').click();
  const errorCount = async () =>
    Number(/(\d+) error/.exec(await page.getByTestId('status-diagnostics').innerText())?.[1]);
  await expect.poll(errorCount).toBeGreaterThan(0);
  const withTypeError = await errorCount();
  await d.screenshot('designer-guard-error');

  // fixed: compare with a number
  await retype(page, inspector.getByTestId('guard-editor'), 'amount <= 100.0');
  await expect(inspector.getByTestId('guard-editor-error')).toHaveCount(0);
  await expect.poll(errorCount).toBe(withTypeError - 1);
  await expect(d.branch('triage', 'refund').locator('.edge-guard')).toHaveText('amount <= 100.0');

  // undo and redo a tier change: toolbar buttons, then the keyboard
  await d.selectBranch('triage', 'reject');
  await d.setTier('human');
  const rejectTier = d.branch('triage', 'reject').locator('.tier-badge');
  await expect(rejectTier).toContainText('human');
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await d.undo();
  await expect(rejectTier).toContainText('suggest');
  await d.redo();
  await expect(rejectTier).toContainText('human');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(rejectTier).toContainText('suggest');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(rejectTier).toContainText('human');
  await page.keyboard.press('ControlOrMeta+Z');
  await expectRefundGraph(d);
  // tidy up with auto-layout (one undoable edit) and look at the result
  await page.getByTestId('auto-layout').click();
  await d.settled();
  await expectRefundGraph(d);
  await d.screenshot('designer-built-refund');

  // everything survives a reload (autosave within a second)
  await d.waitSaved();
  await page.reload();
  await expectRefundGraph(d);
  await expect(page.getByTestId('graph-name')).toHaveValue('Untitled SOP');
});

test('copy, paste, delete and find', async ({ page }) => {
  test.setTimeout(180_000);
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('refund');
  await expect(d.node('review')).toBeVisible();
  await d.select('review');
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(d.node('review2')).toBeVisible();
  await expect(d.branch('review2', 'refund', 'APPROVE')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(d.node('review2')).toHaveCount(0);
  // deleting a state takes the branches into it along
  await d.select('reject');
  await page.keyboard.press('Delete');
  await expect(d.node('reject')).toHaveCount(0);
  await expect(d.edgeLabels).toHaveCount(4);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(d.edgeLabels).toHaveCount(7);
  // Ctrl+F finds a state by its activity
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('ControlOrMeta+F');
  await page.getByTestId('find-input').fill('manual');
  await page.getByTestId('find-input').press('Enter');
  await expect(page.getByTestId('rename-state')).toHaveValue('review');
});

/**
 * Large-graph check (measured, not a timed assertion): a generated 1,000-state graph opens and
 * pans. Figures are printed and attached; e2e/LARGE_GRAPH.md records a run.
 */
test('on a blank graph the first double-click adds a state and the view stays put, so the next adds another', async ({
  page,
}) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('blank');
  await expect(d.nodes).toHaveCount(0);
  await d.settled();
  const viewport = () => page.locator('.react-flow__viewport').getAttribute('style');
  const before = await viewport();
  const box = (await d.canvas.boundingBox())!;
  await page.mouse.dblclick(box.x + 220, box.y + 200);
  await expect(d.nodes).toHaveCount(1);
  await d.settled();
  expect(await viewport()).toBe(before);
  await page.mouse.dblclick(box.x + 560, box.y + 380);
  await expect(d.nodes).toHaveCount(2);
  expect(await viewport()).toBe(before);
});
