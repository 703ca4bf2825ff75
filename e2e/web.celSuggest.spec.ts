/**
 * The CEL completion list: its selected row is readable (contrast ≥ 4.5:1 from the computed
 * colours), it never sits over the error message below the editor, and it closes when the
 * editor loses focus instead of lingering over the inspector.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';
import { contrast } from './pages/contrast';
import { retypeMonaco } from './pages/monaco';

/** Text colour and the first opaque background behind it, for each text part of the focused row. */
async function focusedRowColours(suggest: Locator): Promise<Array<{ text: string; fg: string; bg: string }>> {
  return suggest.locator('.monaco-list-row.focused').evaluate((row) => {
    const behind = (el: Element | null): string => {
      for (; el; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
      }
      return 'rgb(255, 255, 255)';
    };
    return [
      ...row.querySelectorAll<HTMLElement>('.label-name, .label-name .highlight, .details-label, .qualifier-label'),
    ]
      .filter((el) => (el.textContent ?? '').trim() && el.getClientRects().length > 0)
      .map((el) => ({ text: (el.textContent ?? '').trim(), fg: getComputedStyle(el).color, bg: behind(el) }));
  });
}

test('the completion list is readable, never over the error text, and closes on blur', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.selectBranch('triage', 'refund');
  const guard = page.getByTestId('transition-inspector').getByTestId('guard-editor');
  await expect(guard.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  // an unknown prefix: the type-checker's message is due below the editor while the list is open
  await retypeMonaco(page, guard, 'amount <= 100.0 && fraudSc');
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest).toContainText('fraudScore');
  await expect(suggest.locator('.monaco-list-row.focused')).toHaveCount(1);

  const colours = await focusedRowColours(suggest);
  expect(colours.length).toBeGreaterThan(0);
  for (const c of colours) expect(contrast(c.fg, c.bg), `“${c.text}” ${c.fg} on ${c.bg}`).toBeGreaterThanOrEqual(4.5);

  // the message is not drawn under the open list
  const error = guard.getByTestId('guard-editor-error');
  await expect(error).toHaveCount(1);
  await expect(error).toBeHidden();

  // focus leaves the editor (a click on the inspector's heading): the list closes, the message shows
  await page.getByTestId('transition-inspector').locator('h2').click();
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(0);
  await expect(error).toBeVisible();
  await expect(error).toContainText('fraudSc');
});
