/**
 * Typing into Monaco editors the way a person does, without luck: click inside what the editor
 * shows and wait until Monaco has the focus before any key is pressed. Keys sent before that
 * reach the page instead — where Backspace deletes the selected branch and N adds a state.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Put the caret in the Monaco editor inside `container`: a click in the middle of what it shows. */
export async function focusMonaco(container: Locator): Promise<void> {
  const editor = container.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  const box = (await editor.boundingBox())!;
  // the part of the editor on screen: inside its container, and inside the scrolling pane
  const shown = (await container.boundingBox()) ?? box;
  const top = Math.max(box.y, shown.y);
  const bottom = Math.min(box.y + box.height, shown.y + shown.height);
  await editor.click({ position: { x: Math.min(box.width / 2, 240), y: (top + bottom) / 2 - box.y } });
  // Monaco marks the editor `focused` once its text input has the focus
  await expect(editor).toHaveClass(/(^|\s)focused(\s|$)/);
}

/** Replace the whole text of the Monaco editor inside `container` by typing `text`. */
export async function retypeMonaco(page: Page, container: Locator, text: string): Promise<void> {
  await focusMonaco(container);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}
