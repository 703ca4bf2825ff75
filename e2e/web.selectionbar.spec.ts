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
    [...document.querySelectorAll<HTMLElement>('*')].filter((el) => {
      const s = getComputedStyle(el);
      return (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.getBoundingClientRect().top < 120;
    }).map((el) => `${el.className}`),
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
