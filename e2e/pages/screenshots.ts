/**
 * README screenshots are written only when asked for (SCREENSHOTS=1, see scripts in README):
 * a normal test run never rewrites tracked files. Before a picture, the canvas must be at rest.
 */
import { expect, type Page } from '@playwright/test';

const SCREENSHOTS = process.env.SCREENSHOTS === '1';

/** Save `e2e/screenshots/<name>.png` when SCREENSHOTS=1; otherwise do nothing. */
export async function readmeShot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  const canvas = page.getByTestId('canvas');
  if (await canvas.isVisible()) {
    await expect(canvas).toHaveAttribute('data-view', 'settled');
    await expect(canvas).toHaveAttribute('data-layout', 'idle');
  }
  // let CSS transitions (tooltips, fades) finish: web-first, on the page's own animations
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}
