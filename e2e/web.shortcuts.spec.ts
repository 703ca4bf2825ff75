/**
 * The shortcut sheet: `?` opens it, it lists every key of the one command table, Esc closes it.
 */
import { COMMAND_TABLE } from '../shared/commands/commandTable';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

const withKeys = Object.values(COMMAND_TABLE).filter((c) => 'shortcuts' in c && c.shortcuts.length > 0);

for (const viewport of [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`? opens the shortcut sheet with every key of the command table at ${viewport.width}×${viewport.height}; Esc closes it`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const d = new DesignerPage(page);
    await d.goto();
    await d.settled();
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Shift+?');
    const sheet = page.getByTestId('shortcut-sheet');
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('shortcut-row')).toHaveCount(withKeys.length);
    await expect(sheet.getByTestId('shortcut-row').filter({ hasText: 'Undo' }).first()).toContainText('Ctrl+Z');
    await expect(sheet.getByTestId('shortcut-row').filter({ hasText: 'Export' })).toContainText('Ctrl+E');
    await d.screenshot(`shortcut-sheet-${viewport.width}`);
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    // the top bar's Help button opens it too
    await page.getByTestId('help').click();
    await expect(sheet).toBeVisible();
  });
}
