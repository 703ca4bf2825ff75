/**
 * What the designer keeps across a reload besides the graph: elk's edge routes (saved in the
 * layout) and the undo stack (saved with the working copy).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

/** Every drawn edge's SVG path, by edge id. */
async function edgePaths(page: Page): Promise<Record<string, string>> {
  return page
    .locator('.react-flow__edge')
    .evaluateAll((edges) =>
      Object.fromEntries(
        edges.map((g) => [
          g.getAttribute('data-id') ?? '',
          g.querySelector('path.react-flow__edge-path')?.getAttribute('d') ?? '',
        ]),
      ),
    );
}

test('auto-layout routes survive a reload; dragging a state re-draws only its own edges', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('refund');
  await d.settled();
  await page.getByTestId('auto-layout').click();
  await d.settled();
  const routed = await edgePaths(page);
  const ids = Object.keys(routed);
  expect(ids.length).toBeGreaterThanOrEqual(6);
  // elk's orthogonal routes are polylines with rounded corners (L … Q …), never React Flow's bezier (C)
  expect(Object.values(routed).filter((p) => / Q /.test(p)).length).toBeGreaterThan(0);
  expect(Object.values(routed).filter((p) => / C /.test(p))).toEqual([]);

  await d.waitSaved();
  await page.reload();
  await d.settled();
  await expect(page.locator('.react-flow__edge')).toHaveCount(ids.length);
  expect(await edgePaths(page)).toEqual(routed);

  // drag "reject" aside: its edges change, every other edge keeps its saved route
  const box = (await d.node('reject').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + 40, { steps: 12 });
  await page.mouse.up();
  await d.settled();
  const after = await edgePaths(page);
  // which edges end at "reject", from the branch labels (edge id = transition id "<source>|…")
  const ends = await d.edgeLabels.evaluateAll((labels) =>
    labels.map((l) => ({
      id: l.getAttribute('data-transition') ?? '',
      source: (l.getAttribute('data-transition') ?? '').split('|')[0],
      target: l.getAttribute('data-target'),
    })),
  );
  const touching = new Set(ends.filter((e) => e.source === 'reject' || e.target === 'reject').map((e) => e.id));
  expect(touching.size).toBeGreaterThanOrEqual(2);
  for (const id of ids) {
    if (touching.has(id)) expect(after[id], `edge ${id} follows the moved state`).not.toBe(routed[id]);
    else expect(after[id], `edge ${id} keeps its saved route`).toBe(routed[id]);
  }
});

test('undo works after a reload: the edit made before it is undone, and redone', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('refund');
  await d.selectBranch('triage', 'reject');
  const rejectTier = d.branch('triage', 'reject').locator('.tier-badge');
  await expect(rejectTier).toContainText('suggest');
  await d.setTier('human');
  await expect(rejectTier).toContainText('human');
  await d.waitSaved();

  await page.reload();
  await d.settled();
  await expect(rejectTier).toContainText('human');
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(rejectTier).toContainText('suggest');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(rejectTier).toContainText('human');
});
