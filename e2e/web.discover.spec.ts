/**
 * Real logs in the app (issue #10), as an analyst: the Helpdesk `.xes.gz` through the XES import
 * step (classifier offered from the log's attributes), the progress bar moving while it parses,
 * the dataset page's attributes added to the case schema as one undoable edit, and an SOP drafted
 * from the log that replays its own history with at least the slider's share conformant.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const HELPDESK = 'fixtures/outside/logs/pm4py__helpdesk.xes.gz';

test.describe.configure({ timeout: 240_000 });

async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}

/** Records every value the import progress bar shows, from inside the page (a MutationObserver, no polling). */
async function watchProgress(page: Page) {
  await page.addInitScript(() => {
    const seen: number[] = [];
    (globalThis as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="import progress"]');
      if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function importHelpdesk(page: Page) {
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('import-file').setInputFiles(HELPDESK);
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping).toBeVisible();
  // the XES step: what the head of the log holds, and a classifier to choose
  await expect(mapping.getByTestId('xes-preview')).toContainText('event attributes');
  await expect(mapping.getByTestId('xes-preview')).toContainText('no lifecycle');
  const classifier = mapping.getByTestId('import-classifier');
  await expect(classifier).toHaveValue('name');
  await expect(classifier.locator('option', { hasText: 'activity + lifecycle (no lifecycle data)' })).toBeDisabled();
  await expect(classifier.locator('optgroup[label="an attribute"] option', { hasText: /^org:resource$/ })).toHaveCount(
    1,
  );
  await expect(
    classifier.locator('optgroup[label="activity + an attribute"] option', { hasText: 'activity + workgroup' }),
  ).toHaveCount(1);
  await mapping.getByTestId('import-start').click();
  const ds = sim.getByTestId('dataset-page');
  await expect(ds).toBeVisible({ timeout: 120_000 });
  // pm4py / `sop-studio stats` on this file: 4,580 cases, 21,348 events
  await expect(ds.getByTestId('ds-cases')).toHaveText('4,580');
  await expect(ds.getByTestId('ds-events')).toHaveText('21,348');
  await expect(ds.getByTestId('ds-read-choices')).toHaveText('classifier name');
  return { sim, ds };
}

test('an XES log with lifecycle: its declared classifier chosen at import, lifecycle values and counts on the dataset page', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('import-file').setInputFiles('fixtures/import/lifecycle/handmade.xes');
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping.getByTestId('xes-preview')).toContainText('2 declared classifier(s)');
  await mapping.getByTestId('import-classifier').selectOption('Activity and step');
  await expect(mapping.getByTestId('import-classifier')).toHaveValue('Activity and step');
  await shot(page, 'import-mapping-classifier');
  await mapping.getByTestId('import-start').click();
  const ds = sim.getByTestId('dataset-page');
  await expect(ds).toBeVisible({ timeout: 60_000 });
  // fixtures/import/lifecycle/README.md, counted by hand: 13 events in 2 cases; 7 activity+lifecycle
  // combinations; lifecycle start 6, complete 6, schedule 1
  await expect(ds.getByTestId('ds-events')).toHaveText('13');
  await expect(ds.getByTestId('ds-read-choices')).toHaveText('classifier Activity and step');
  await expect(ds.locator('.sim-figures div', { hasText: 'activities' }).locator('dd')).toHaveText('7');
  await expect(ds.getByTestId('ds-lifecycle')).toHaveText('lifecycle: start 6 · complete 6 · schedule 1');
});

test('a .xes.gz: classifier offered, the progress bar moves, two attributes go into the case schema in one undoable edit', async ({
  page,
}) => {
  await watchProgress(page);
  const { ds } = await importHelpdesk(page);
  const seen = await page.evaluate(() => (globalThis as unknown as { progressSeen: number[] }).progressSeen);
  const between = new Set(seen.filter((v) => v > 0 && v < 1));
  expect(between.size, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);

  const attrs = ds.getByTestId('ds-attributes');
  const row = (name: string, scope: 'case' | 'event') =>
    attrs.locator(`[data-testid="ds-attribute"][data-scope="${scope}"][data-attribute="${name}"]`);
  // every Helpdesk event carries org:resource (zcat … | head shows it on the first event)
  await expect(row('org:resource', 'event')).toContainText('4,580 (100%)');
  const add = attrs.getByTestId('ds-add-to-schema');
  await expect(add).toBeDisabled();
  await expect(attrs.getByTestId('ds-add-why')).toHaveText('Tick the attributes to add first.');
  await row('product', 'case').getByRole('checkbox').check();
  await row('workgroup', 'case').getByRole('checkbox').check();
  await expect(add).toHaveText('Add 2 to case schema');
  await shot(page, 'dataset-attributes');
  await add.click();
  await expect(row('product', 'case')).toContainText('in the schema');
  await expect(row('workgroup', 'case')).toContainText('in the schema');

  // the designer's case schema has both fields, typed, with no source yet
  await page.getByTestId('mode-design').click();
  await page.getByRole('tab', { name: 'Case schema' }).click();
  const schema = page.getByTestId('schema-caseSchema');
  await expect(schema.locator('.schema-entry__name', { hasText: /^product$/ })).toHaveCount(1);
  await expect(schema.locator('.schema-entry__name', { hasText: /^workgroup$/ })).toHaveCount(1);
  // one undo takes both away
  await page.getByTestId('undo').click();
  await expect(schema.locator('.schema-entry__name', { hasText: /^(product|workgroup)$/ })).toHaveCount(0);
});

test('an SOP drafted from the Helpdesk log replays its own history with at least the slider share conformant', async ({
  page,
}) => {
  const { sim, ds } = await importHelpdesk(page);
  await ds.getByTestId('discover-open').click();
  const panel = sim.getByTestId('discover-panel');
  await expect(panel.getByTestId('discover-coverage')).toHaveValue('0.8');
  await expect(panel.getByTestId('discover-summary')).toContainText('variants cover');
  await expect(panel.getByTestId('discover-why')).toHaveCount(0);
  const slider = Number(await panel.getByTestId('discover-coverage').inputValue());
  await panel.getByTestId('discover-create').click();

  // the draft is the open graph: one state per activity, branches with their case counts, all human
  await expect(page.locator('.react-flow__node', { hasText: 'Assign seriousness' })).toBeVisible();
  await expect(page.getByTestId('edge-cases').first()).toContainText('cases');
  await expect(page.getByTestId('edge-label').filter({ hasText: /auto|suggest/ })).toHaveCount(0);
  await shot(page, 'discover-draft');

  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-start').click();
  const cases = sim.getByTestId('total-cases');
  await expect(cases).toBeVisible({ timeout: 120_000 });
  const total = Number(await cases.getAttribute('data-cases'));
  const conformant = Number(await cases.getAttribute('data-conformant'));
  expect(total).toBe(4580);
  expect(conformant / total).toBeGreaterThanOrEqual(slider);
});
