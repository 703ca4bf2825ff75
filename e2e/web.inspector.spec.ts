/**
 * The inspector half of the designer, as a user: pick a branch, set its tier, write a guard with
 * a typo (inline error + Problems diagnostic), fix it; edit the document as JSON and see the
 * canvas follow; break the JSON and keep the graph.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { focusMonaco, retypeMonaco } from './pages/monaco';
import { readmeShot } from './pages/screenshots';

const SAMPLE = 'samples/refund.sop.json';

// Monaco and the canvas start slowly on a shared 2-core machine; these are flows, not timings.
test.describe.configure({ timeout: 180_000 });

async function openSample(page: Page) {
  await page.goto('/');
  // start-up creates a first project; open the file after it, or start-up would switch back
  await expect(page.getByTestId('project-item')).toHaveCount(1, { timeout: 60_000 });
  // the start-up project is this same sample: opening the file reopens it (no second copy in the
  // sidebar); wait for the notice so the reopen is over before the spec selects anything
  await page.getByTestId('open-file-input').setInputFiles(SAMPLE);
  await expect(page.getByText(/already in the sidebar/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('project-item')).toHaveCount(1);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
}

/** Replace the whole content of a Monaco editor by typing (as a user would). */
const retype = retypeMonaco;
const focusEditor = focusMonaco;

/** Click a state node near its top-right corner (edge labels may cover its middle), the view at rest. */
async function clickNode(page: Page, text: string) {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-view', 'settled', { timeout: 30_000 });
  const node = page.locator('.react-flow__node', { hasText: text });
  const box = (await node.boundingBox())!;
  await node.click({ position: { x: box.width - 8, y: 8 } });
}

const shot = (page: Page, name: string) => readmeShot(page, `inspector-${name}`);

test('branch: tier, guard with a type error, fix', async ({ page }) => {
  await openSample(page);
  await clickNode(page, 'Triage request');
  const stateInspector = page.getByTestId('state-inspector');
  await expect(stateInspector).toBeVisible();
  await expect(stateInspector.getByTestId('state-activity')).toHaveValue('Triage request');
  await shot(page, 'state');

  // the first branch of triage: always → refund
  await stateInspector.locator('.insp-branch', { hasText: '→ refund' }).click();
  const inspector = page.getByTestId('transition-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.locator('h2')).toContainText('triage → refund');

  const tier = inspector.getByTestId('tier-control');
  await expect(tier.getByRole('radio', { name: 'Auto' })).toHaveAttribute('aria-checked', 'true');
  await tier.getByRole('radio', { name: 'Suggest' }).click();
  await expect(tier.getByRole('radio', { name: 'Suggest' })).toHaveAttribute('aria-checked', 'true');

  // a guard reading a field the case schema does not have
  const guard = inspector.getByTestId('guard-editor');
  await expect(guard.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await retype(page, guard, 'amount <= 100.0 && fraudSc');
  // completion offers the case field with its type and source
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest).toContainText('fraudScore');
  await shot(page, 'completion');
  await page.keyboard.press('Escape'); // close the suggestion list
  await page.keyboard.type('re < 0.3');
  await page.keyboard.press('Escape');
  await expect(inspector.getByTestId('guard-editor-error')).toContainText('fraudScre');
  await expect(guard.locator('.squiggly-error')).toBeVisible();

  await page.getByTestId('tab-validation').click();
  const problems = page.getByTestId('validation-panel');
  const diagnostic = problems.getByTestId('diagnostic').filter({ hasText: 'fraudScre' });
  await expect(diagnostic).toHaveCount(1);
  await expect(diagnostic).toContainText('triage → refund');
  await shot(page, 'guard-error');

  // clicking the diagnostic selects its branch (select a state first to prove it moves)
  await clickNode(page, 'Issue refund');
  await expect(page.getByTestId('state-inspector')).toBeVisible();
  await diagnostic.click();
  await expect(page.getByTestId('transition-inspector').locator('h2')).toContainText('triage → refund');

  // fix the typo: the marker, the message and the diagnostic go away
  const guardAgain = page.getByTestId('transition-inspector').getByTestId('guard-editor');
  await retype(page, guardAgain, 'amount <= 100.0 && fraudScore < 0.3');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('guard-editor-error')).toHaveCount(0);
  await expect(guardAgain.locator('.squiggly-error')).toHaveCount(0);
  await expect(problems.getByTestId('diagnostic').filter({ hasText: 'fraudScre' })).toHaveCount(0);

  // a guardrail on the branch: downgrade to human for large amounts
  const branch = page.getByTestId('transition-inspector');
  await branch.getByRole('button', { name: '+ Add guardrail' }).click();
  const rail = branch.locator('.insp-guardrails .insp-card').first();
  // a new, still empty condition is not an error yet
  await expect(rail.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(rail.locator('.cel-editor__error')).toHaveCount(0);
  await focusEditor(rail);
  await page.keyboard.type('amount > 80.0');
  await page.keyboard.press('Escape');
  await rail.getByRole('textbox', { name: 'Guardrail 1 reason' }).fill('Large refunds need a person');
  await expect(rail.getByRole('radio', { name: 'Human' })).toHaveAttribute('aria-checked', 'true');
  await expect(rail.locator('.cel-editor__error')).toHaveCount(0);
  await shot(page, 'transition');

  // the tier and guard are in the document (code view)
  await page.getByTestId('tab-code').click();
  const code = page.getByTestId('code-view');
  await expect(code.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await focusEditor(code);
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('fraudScore < 0.3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(code.locator('.view-lines')).toContainText('"expr": "amount <= 100.0 && fraudScore < 0.3"');
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('"when"');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(code.locator('.view-lines')).toContainText('"when": "amount > 80.0"');
});

test('code view: JSON edits reach the canvas; invalid JSON keeps the graph', async ({ page }) => {
  await openSample(page);
  await page.getByTestId('tab-code').click();
  const code = page.getByTestId('code-view');
  const lines = code.locator('.view-lines');
  await expect(code.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(lines).toContainText('"name": "Refund requests"');

  // find the activity label and type over the selected match
  await focusEditor(code);
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('Manual review');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.type('Senior review');
  await expect(page.locator('.react-flow__node', { hasText: 'Senior review' })).toBeVisible();
  await expect(page.getByTestId('code-status')).toContainText('In sync');

  await clickNode(page, 'Senior review');
  await expect(page.getByTestId('state-activity')).toHaveValue('Senior review');

  // inspector → code: the text follows an edit made in the inspector
  await page.getByTestId('state-activity').fill('Senior manual review');
  await expect(lines).toContainText('"activity": "Senior manual review"');
  await shot(page, 'code');

  // break the JSON: the problem is shown, the graph stays
  const nodeCount = await page.locator('.react-flow__node').count();
  await focusEditor(code);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' oops');
  await expect(page.getByTestId('code-problem')).toContainText(/line \d+, column \d+/);
  await expect(page.getByTestId('code-status')).toContainText('keeps its last valid version');
  await expect(page.locator('.react-flow__node')).toHaveCount(nodeCount);
  await expect(page.locator('.react-flow__node', { hasText: 'Senior manual review' })).toBeVisible();
  await shot(page, 'code-invalid');

  // removing the stray text makes it valid again: in sync
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('code-status')).toContainText('In sync');

  // discard brings the text back to the graph
  await page.keyboard.type('!');
  await expect(page.getByTestId('code-problem')).toBeVisible();
  await page.getByRole('button', { name: 'Discard edits' }).click();
  await expect(page.getByTestId('code-status')).toContainText('In sync');
  await expect(lines).not.toContainText('}!');

  // valid JSON that breaks the graph schema: the JSON Schema marks it, the graph is kept
  await focusEditor(code);
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('autonomy');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.type('sometimes'); // no quotes: typing one around a selection would wrap it
  await expect(page.getByTestId('code-problem')).toContainText('rollout');
  await expect(code.locator('.squiggly-warning, .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('status-bar')).toContainText('autonomy'); // the graph still has its rollout
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByTestId('code-status')).toContainText('In sync');
});

test('graph tabs: case schema, tools and agents editors', async ({ page }) => {
  await openSample(page);
  const inspector = page.getByTestId('inspector');
  await inspector.getByRole('tab', { name: 'Tools' }).click();
  const tools = inspector.getByTestId('schema-tools');
  await expect(tools.locator('.schema-entry__name', { hasText: 'issueRefund' })).toBeVisible();
  await expect(tools.locator('.cel-editor .view-lines').first()).toContainText('amount <= 500.0');
  await shot(page, 'tools');

  await inspector.getByRole('tab', { name: 'Agents' }).click();
  const agents = inspector.getByTestId('schema-agents');
  const reads = agents.getByRole('group', { name: 'refund-agent reads' });
  await expect(reads.getByRole('button', { name: 'amount' })).toHaveAttribute('aria-pressed', 'true');
  await reads.getByRole('button', { name: 'customerTier' }).click();
  await expect(reads.getByRole('button', { name: 'customerTier' })).toHaveAttribute('aria-pressed', 'false');

  await inspector.getByRole('tab', { name: 'Case schema' }).click();
  await shot(page, 'schema');
});
