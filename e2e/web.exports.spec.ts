/**
 * The app opens what it exports: export XState JSON and SCXML of the refund graph from the
 * Export dialog, open each back through the file input, and find every state with the same
 * tiers on the canvas. The second export of the unchanged graph names the same release.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';

const OUT = join('test-results', 'exports-e2e');
const STATES = ['triage', 'refund', 'reject', 'review', 'done'];

/** Every branch label on the canvas as "transition id → tier text". */
async function tiers(page: Page): Promise<string[]> {
  const labels = page.getByTestId('edge-label');
  const out: string[] = [];
  for (const l of await labels.all())
    out.push(`${await l.getAttribute('data-transition')} ${(await l.locator('.tier-badge').innerText()).trim()}`);
  return out.sort();
}

async function exportAs(page: Page, format: 'xstate' | 'scxml', signer?: string): Promise<string> {
  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId(`export-format-${format}`).check();
  if (signer) await dialog.getByTestId('export-signoff-by').fill(signer);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-confirm').click()]);
  await expect(dialog).toBeHidden();
  const file = join(OUT, download.suggestedFilename());
  writeFileSync(file, readFileSync(await download.path(), 'utf8'));
  return file;
}

test('export XState JSON and SCXML from the app, open each back: same states, same tiers', async ({ page }) => {
  test.slow();
  mkdirSync(OUT, { recursive: true });
  const d = new DesignerPage(page);
  await page.goto('/');
  await expect(d.canvas).toBeVisible({ timeout: 90_000 });
  await d.openFile('samples/refund.sop.json');
  for (const key of STATES) await expect(d.node(key)).toBeVisible();
  const before = await tiers(page);
  expect(before.length).toBeGreaterThan(0);

  const json = await exportAs(page, 'xstate', 'Risk reviewer');
  // the unchanged graph again: the same release, no sign-off asked
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-release')).toContainText('Unchanged since release v4');
  await expect(page.getByTestId('export-signoff')).toHaveCount(0);
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Cancel' }).click();
  const scxml = await exportAs(page, 'scxml');
  expect(scxml).toMatch(/refund\.v4\.scxml$/);
  expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ initial: 'triage', meta: { sop: { version: 4 } } });

  for (const file of [json, scxml]) {
    await d.openFile(file);
    await expect(page.getByTestId('toast').filter({ hasText: `Opened ${basename(file)}` })).toBeVisible();
    for (const key of STATES) await expect(d.node(key)).toBeVisible();
    await expect.poll(() => tiers(page)).toEqual(before);
  }
});

test('a spinning graph shows the error in Problems and the export dialog refuses it', async ({ page }) => {
  test.slow();
  mkdirSync(OUT, { recursive: true });
  const spinning = join(OUT, 'spinning.sop.json');
  writeFileSync(
    spinning,
    JSON.stringify({
      format: 'sop-studio/graph@1',
      name: 'Spinning',
      rollout: 'observe',
      machine: {
        id: 'spin',
        initial: 'accepted',
        states: { accepted: { always: 'queued' }, queued: { always: 'accepted' }, done: { type: 'final' } },
      },
    }),
  );
  const d = new DesignerPage(page);
  await page.goto('/');
  await expect(d.canvas).toBeVisible({ timeout: 90_000 });
  await d.openFile(spinning);
  await expect(d.node('queued')).toBeVisible();
  await expect(
    page.getByTestId('diagnostic').filter({ hasText: 'Eventless loop "accepted" → "queued" → "accepted"' }),
  ).toBeVisible();
  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-blockers')).toContainText('eventless-loop');
  await expect(dialog.getByTestId('export-confirm')).toBeDisabled();
});
