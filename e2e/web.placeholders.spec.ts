/**
 * CEL editors suggest conditions over the open graph's own case fields: in the ticket-routing
 * sample a new guardrail suggests `category == "billing"`, never the refund sample's fields, and
 * an empty new condition is not reported as an error before the user types.
 */
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

test('a new guardrail in the ticket-routing graph suggests its own field and shows no error yet', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.newFromTemplate('ticket-routing');
  await d.selectBranch('classify', 'billing');
  const branch = page.getByTestId('transition-inspector');
  await branch.getByRole('button', { name: '+ Add guardrail' }).click();
  const rail = branch.locator('.insp-guardrails .insp-card').last();
  await expect(rail.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(rail.locator('.cel-editor__placeholder')).toHaveText('e.g. category == "billing"');
  await expect(branch).not.toContainText('fraudScore');
  await expect(rail.locator('.cel-editor__error')).toHaveCount(0);
  await expect(branch).not.toContainText('expression is empty');
});
