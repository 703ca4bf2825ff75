/**
 * The app shell as a user first sees it: the refund sample drawn with every state as a node,
 * tiers readable on the branches, the status bar, templates, and a .sop.json opened from a file.
 */
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

test('first start shows the refund sample, styled, with tiers on branches', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  for (const key of ['triage', 'refund', 'reject', 'review', 'done']) await expect(d.node(key)).toBeVisible();
  await expect(d.edgeLabels).toHaveCount(7);
  await expect(d.edgeLabels.filter({ hasText: 'auto' }).first()).toBeVisible();
  await expect(d.node('triage').locator('.initial-mark')).toBeVisible();
  await expect(d.node('done').locator('.final-mark')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText('5 states');
  await d.waitSaved();
  await d.screenshot('designer-refund');
});

test('opening a .sop.json through the file input shows every state as a node', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.openFile('samples/account-change.sop.json');
  await expect(page.getByTestId('graph-name')).toHaveValue('Account detail change');
  const doc = JSON.parse(await (await import('node:fs/promises')).readFile('samples/account-change.sop.json', 'utf8')) as { machine: { states: Record<string, { states?: Record<string, unknown> }> } };
  const keys: string[] = [];
  const walk = (states: Record<string, { states?: Record<string, unknown> }>, prefix: string) => {
    for (const [k, v] of Object.entries(states)) {
      keys.push(prefix + k);
      if (v.states) walk(v.states as never, `${prefix}${k}.`);
    }
  };
  walk(doc.machine.states, '');
  await expect(d.nodes).toHaveCount(keys.length);
  for (const k of keys) await expect(d.node(k)).toBeAttached();
  await page.getByTestId('auto-layout').click();
  await page.waitForTimeout(800);
  await d.screenshot('designer-compound');
});
