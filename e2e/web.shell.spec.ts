/**
 * The app shell as a user first sees it: the refund sample drawn with every state as a node,
 * tiers readable on the branches, the status bar, templates, and a .sop.json opened from a file.
 */
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

test('first start shows the refund sample, styled, with tiers on branches', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  for (const key of ['triage', 'refund', 'reject', 'review', 'done']) await expect(d.node(key)).toBeVisible();
  await expect(d.edgeLabels).toHaveCount(7);
  await expect(d.edgeLabels.filter({ hasText: 'auto' }).first()).toBeVisible();
  await expect(d.node('triage').locator('.initial-mark')).toBeVisible();
  await expect(d.node('done').locator('.final-mark')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText('5 states');
  await d.waitSaved();
  await d.screenshot('designer-refund');
});

test('opening a .sop.json through the file input shows every state as a node', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await d.openFile('samples/account-change.sop.json');
  await expect(page.getByTestId('graph-name')).toHaveValue('Account detail change');
  const doc = JSON.parse(
    await (await import('node:fs/promises')).readFile('samples/account-change.sop.json', 'utf8'),
  ) as { machine: { states: Record<string, { states?: Record<string, unknown> }> } };
  const keys: string[] = [];
  const walk = (states: Record<string, { states?: Record<string, unknown> }>, prefix: string) => {
    for (const [k, v] of Object.entries(states)) {
      keys.push(prefix + k);
      if (v.states) walk(v.states as never, `${prefix}${k}.`);
    }
  };
  walk(doc.machine.states, '');
  await expect(d.nodes).toHaveCount(keys.length);
  for (const k of keys) await expect(d.node(k)).toBeAttached();
  await page.getByTestId('auto-layout').click();
  await d.settled();
  await d.screenshot('designer-compound');
});

/** A graph whose Problems list is long: twenty states nobody can reach or leave. */
function manyProblemsGraph() {
  const states: Record<string, unknown> = { start: { always: [] } };
  for (let i = 0; i < 20; i++) states[`orphan${i}`] = { meta: { activity: `Orphan ${i}` } };
  return { format: 'sop-studio/graph@1', name: 'Twenty problems', machine: { id: 'p', initial: 'start', states } };
}

for (const viewport of [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`the window never scrolls at ${viewport.width}×${viewport.height}, even with a long Problems list`, async ({
    page,
  }, info) => {
    await page.setViewportSize(viewport);
    const d = new DesignerPage(page);
    await d.goto();
    const file = info.outputPath('problems.sop.json');
    await (await import('node:fs/promises')).writeFile(file, JSON.stringify(manyProblemsGraph()));
    await d.openFile(file);
    await expect(page.getByTestId('graph-name')).toHaveValue('Twenty problems');
    await page.getByTestId('tab-validation').click();
    await expect.poll(() => page.getByTestId('diagnostic').count()).toBeGreaterThanOrEqual(20);
    const size = () =>
      page.evaluate(() => ({
        doc: document.documentElement.scrollHeight,
        body: document.body.scrollHeight,
        win: window.innerHeight,
        scrollY: window.scrollY,
      }));
    expect(await size()).toEqual({ doc: viewport.height, body: viewport.height, win: viewport.height, scrollY: 0 });
    // a wheel over the top bar moves nothing
    const bar = (await page.locator('.topbar').boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await page.mouse.wheel(0, 600);
    await expect(page.locator('.topbar')).toBeInViewport();
    expect(await page.evaluate(() => [window.scrollY, document.querySelector('.shell')!.scrollTop])).toEqual([0, 0]);
    // the list scrolls inside its panel instead, and a message is readable in full on hover
    const first = page.getByTestId('diagnostic').first();
    await expect(first).toHaveAttribute('title', /.+/);
    await d.screenshot(`shell-problems-${viewport.width}`);
  });
}

test('panels resize with a splitter and keep their size after a reload', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  const panel = page.getByTestId('bottom-panel');
  await expect(panel).toBeVisible();
  const before = (await panel.boundingBox())!.height;
  const splitter = page.locator('.splitter--h');
  const s = (await splitter.boundingBox())!;
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2, s.y - 150, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await panel.boundingBox())!.height).toBeGreaterThan(before + 100);
  const after = (await panel.boundingBox())!.height;
  await page.reload();
  await expect(d.canvas).toBeVisible();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.height)).toBe(Math.round(after));
});

test('dialogs: Esc closes New graph and the delete confirmation; focus stays inside them', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  await page.getByTestId('new-graph').click();
  const dialog = page.getByTestId('new-graph-dialog');
  await expect(dialog).toBeVisible();
  // Tab cycles inside the modal: the page behind is inert
  for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="new-graph-dialog"]'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // the Export dialog too, and focus comes back to the button that opened it
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect(page.getByTestId('export')).toBeFocused();

  // a second graph, so the first can be deleted; Esc on the confirmation keeps it
  await d.newFromTemplate('blank');
  await expect(page.getByTestId('project-item')).toHaveCount(2);
  const other = page.locator('[data-testid="project-item"]:not(.is-current)');
  await other.hover();
  await other.getByRole('button', { name: /^Delete / }).click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('confirm-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('project-item')).toHaveCount(2);
  // and confirming deletes it
  await other.hover();
  await other.getByRole('button', { name: /^Delete / }).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('project-item')).toHaveCount(1);
});

test('primary buttons keep their label on hover (computed colours)', async ({ page }) => {
  const d = new DesignerPage(page);
  await d.goto();
  /** Text and background colours of a button while the pointer is over it. */
  const colours = async (button: import('@playwright/test').Locator) => {
    await button.hover();
    // hover styles apply at once; transitions of background are short but wait for them
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    return button.evaluate((el) => ({
      color: getComputedStyle(el).color,
      background: getComputedStyle(el).backgroundColor,
    }));
  };
  const exportButton = page.getByTestId('export');
  const hovered = await colours(exportButton);
  // white on the darker blue of .primary-button:hover, not white on the generic #f2f4f7
  expect(hovered).toEqual({ color: 'rgb(255, 255, 255)', background: 'rgb(51, 85, 198)' });
  // the simulator's primary buttons (Run replay, Compare, Import) under the same stylesheet
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.className = 'simulator';
    host.innerHTML = '<button type="button" class="sim-primary" data-testid="probe-primary">Run replay</button>';
    host.style.cssText = 'position:fixed;left:40%;top:40%;z-index:99';
    document.body.append(host);
  });
  const sim = await colours(page.getByTestId('probe-primary'));
  expect(sim.color).toBe('rgb(255, 255, 255)');
  expect(sim.background).toBe('rgb(27, 79, 216)');
});
