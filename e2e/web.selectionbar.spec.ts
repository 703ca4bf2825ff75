/**
 * The branch selection bar at 1280×720: the three tier buttons are all on screen and the toolbar
 * never scrolls sideways, in Design and in Simulate.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

async function expectBarFits(page: Page, bar: Locator) {
  for (const tier of ['auto', 'suggest', 'human']) {
    const button = bar.getByTestId(`tier-${tier}`);
    await expect(button).toBeInViewport({ ratio: 1 });
    // not cut by the bar or the toolbar around it
    const clipped = await button.evaluate((b) => {
      const r = b.getBoundingClientRect();
      for (let el = b.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.overflow === 'visible') continue;
        const c = el.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5) return `${b.textContent} cut by ${el.className}`;
      }
      return null;
    });
    expect(clipped).toBeNull();
  }
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('*')]
      .filter((el) => {
        const s = getComputedStyle(el);
        return (
          (s.overflowX === 'auto' || s.overflowX === 'scroll') &&
          el.scrollWidth > el.clientWidth + 1 &&
          el.getBoundingClientRect().top < 120
        );
      })
      .map((el) => `${el.className}`),
  );
  expect(overflowing, 'no horizontal scrollbar in the top area').toEqual([]);
}

test.use({ viewport: { width: 1280, height: 720 } });

test('at 1280×720 the branch selection bar shows all three tier buttons in Design and Simulate', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('refund');
  await d.selectBranch('triage', 'reject');
  await expectBarFits(page, d.selectionBar);
  await d.screenshot('selection-bar-design-1280');

  await page.getByTestId('mode-simulate').click();
  await d.settled();
  await d.selectBranch('triage', 'reject');
  await expectBarFits(page, d.selectionBar);
});

/** The dock's rows: distinct top edges of its items (the toolbar's and the selection bar's). */
async function dockRows(page: Page): Promise<{ rows: number; height: number }> {
  return page.locator('.canvas-dock').evaluate((dock) => {
    const items = [
      ...dock.querySelectorAll<HTMLElement>(':scope > *, :scope > .selection-bar > *, :scope > .canvas-toolbar > *'),
    ].filter(
      (el) =>
        el.getClientRects().length > 0 &&
        !el.classList.contains('selection-bar') &&
        !el.classList.contains('canvas-toolbar'),
    );
    const middles = items.map((el) => {
      const r = el.getBoundingClientRect();
      return Math.round((r.top + r.bottom) / 2);
    });
    const rows = new Set(middles.map((m) => Math.round(m / 12))).size;
    return { rows, height: dock.getBoundingClientRect().height };
  });
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    test('the canvas toolbar and the branch or state bar stay on one row in Design and Simulate', async ({ page }) => {
      const d = new DesignerPage(page);
      await d.goto();
      await d.settled();
      for (const mode of ['design', 'simulate'] as const) {
        await page.getByTestId(`mode-${mode}`).click();
        await d.settled();
        const empty = await dockRows(page);
        expect(empty.rows, `${mode}: nothing selected`).toBe(1);
        await d.selectBranch('triage', 'reject');
        await expectBarFits(page, d.selectionBar);
        const branch = await dockRows(page);
        expect(branch.rows, `${mode}: branch bar`).toBe(1);
        // the dock does not grow on selection (the graph would move under the pointer)
        expect(branch.height).toBe(empty.height);
        await page.locator('.react-flow__node', { hasText: 'Manual review' }).click();
        await expect(d.selectionBar.getByTestId('delete-selection')).toBeInViewport({ ratio: 1 });
        expect((await dockRows(page)).rows, `${mode}: state bar`).toBe(1);
        await page.keyboard.press('Escape');
      }
    });
  });
}
