/**
 * Sign-off evidence end to end, as a user: raise triage → reject to auto, replay the refund
 * history, open Export → the sign-off box shows each raised branch's disagreement, Wilson
 * interval and cases, and warns where the run recommends demoting it; sign off with a name and a
 * note, export the HTML report and read the file: the signer, the note and the raised branch's
 * figures are in it — checked against `sop-studio simulate --json` of the same edited graph (an
 * independent path). History lists the release; XState JSON and SCXML of the unchanged graph name
 * the same release. Screenshots are written only with SCREENSHOTS=1.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importLogAndRun } from './pages/simulateRun';

const GRAPH = 'samples/refund.sop.json';
const CSV = 'samples/cases/refund-history.csv';
const OUT = join('test-results', 'signoff-e2e');
const SIGNER = 'Dana Risk-Reviewer';
const NOTE = 'Reject branch raised for the Q3 pilot; see the demote warning';

interface Rate {
  rate: number;
  low: number;
  high: number;
  k: number;
  n: number;
}
interface CliRun {
  totals: { cases: number };
  perTransition: Record<string, { rates: { disagreement: Rate | null } }>;
  recommendations: { transitionId: string; action: string; to: string }[];
}

/** The UI's and the report's percentage format. */
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// a shared 2-core machine: give the whole flow room
test.describe.configure({ timeout: 240_000 });

async function shot(page: Page, name: string, target?: { screenshot(o: { path: string }): Promise<unknown> }) {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.setViewportSize({ width: 1400, height: 900 });
  await (target ?? page).screenshot({ path: `e2e/screenshots/${name}.png` });
}

/** The same edit done outside the app, replayed by the CLI: the figures the sign-off must show. */
function cliRunOfRaisedGraph(): CliRun {
  mkdirSync(OUT, { recursive: true });
  const g = JSON.parse(readFileSync(GRAPH, 'utf8')) as {
    machine: { states: { triage: { always: { meta: { tier: string } }[] } } };
  };
  g.machine.states.triage.always[1]!.meta.tier = 'auto'; // triage → reject: suggest → auto
  const file = join(OUT, 'refund-raised.sop.json');
  writeFileSync(file, JSON.stringify(g, null, 2));
  const out = execFileSync(process.execPath, ['bin/sop-studio.mjs', 'simulate', file, CSV, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as CliRun;
}

test('sign off a raised branch with its evidence; the HTML report carries signer, note and figures; other formats name the same release', async ({
  page,
}) => {
  const cli = cliRunOfRaisedGraph();
  const reject = cli.perTransition['triage|always||1']!.rates.disagreement!;
  expect(reject.n).toBeGreaterThan(0);
  // the run recommends demoting the raised branch: the sign-off box must warn
  expect(cli.recommendations.find((r) => r.transitionId === 'triage|always||1')?.action).toBe('demote');
  const evidenceText = `disagreement ${pct(reject.rate)} [${pct(reject.low)}–${pct(reject.high)}], ${reject.k}/${reject.n} agent choices, ${cli.totals.cases} cases`;

  // start-up opens the refund sample
  await page.goto('/');
  await expect(page.getByTestId('project-item')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();

  // raise triage → reject from suggest to auto
  await page.locator('.edge-label', { hasText: 'fraudScore >= 0.8' }).click();
  const inspector = page.getByTestId('transition-inspector');
  await expect(inspector.locator('h2')).toContainText('triage → reject');
  await inspector.getByTestId('tier-control').getByRole('radio', { name: 'Auto' }).click();
  await expect(inspector.getByTestId('tier-control').getByRole('radio', { name: 'Auto' })).toBeChecked();

  // import the refund history and replay the edited graph
  const sim = await importLogAndRun(page, CSV, 400);
  await expect(sim.getByTestId('stale-banner')).toHaveCount(0);

  // Export: the sign-off box shows the run and, beside the raised branch, its evidence and a warning
  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  const release = dialog.getByTestId('export-release');
  await expect(release).toContainText(/New release: version \d+ → \d+/);
  const newVersion = Number((await release.textContent())!.match(/version \d+ → (\d+)/)![1]);
  const box = dialog.getByTestId('export-signoff');
  await expect(box.getByTestId('signoff-run')).toContainText(`run on “refund-history”, ${cli.totals.cases} cases`);
  await expect(box.getByTestId('signoff-run')).not.toContainText('stale');
  const branch = box.getByTestId('signoff-branch').filter({ hasText: 'triage → reject' });
  await expect(branch).toHaveCount(1);
  await expect(branch).toContainText('→ auto');
  await expect(branch.getByTestId('signoff-evidence')).toHaveText(` · ${evidenceText}`);
  await expect(branch.getByTestId('signoff-warning')).toContainText(
    'the run recommends demoting this branch to suggest',
  );

  // HTML report: sign with a name and a note, save, read the file
  await dialog.getByTestId('export-format-html').check();
  const confirm = dialog.getByTestId('export-confirm');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('export-signoff-by').fill(SIGNER);
  await dialog.getByTestId('export-signoff-note').fill(NOTE);
  await expect(confirm).toBeEnabled();
  await shot(page, 'signoff-evidence');
  const [download] = await Promise.all([page.waitForEvent('download'), confirm.click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^refund\\.v${newVersion}\\..*html$`));
  const html = readFileSync(await download.path(), 'utf8');
  await expect(dialog).toBeHidden();

  const report = await page.context().newPage();
  await report.setContent(html, { waitUntil: 'load' });
  await expect(report.locator('[data-release="version"]')).toHaveText(String(newVersion));
  await expect(report.locator('[data-release="signer"]')).toHaveText(SIGNER);
  await expect(report.locator('[data-release="note"]')).toHaveText(NOTE);
  await expect(report.locator('[data-release="evidence-run"]')).toContainText(`${cli.totals.cases} cases`);
  const row = report.locator('tr[data-evidence]').filter({ hasText: 'triage → reject' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').nth(2)).toHaveText(
    `${pct(reject.rate)} [${pct(reject.low)}–${pct(reject.high)}] ${reject.k}/${reject.n}`,
  );
  await expect(row.locator('td').nth(3)).toHaveText(String(cli.totals.cases));
  await expect(row.locator('td').nth(4)).toContainText('demoting this branch to suggest');
  await report.close();

  // History lists the release with its sign-off
  await page.getByTestId('tab-history').click();
  const item = page.getByTestId('release-item').filter({ hasText: `v${newVersion}` });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('html');
  await expect(item.getByTestId('release-signoff')).toContainText(`Signed off by ${SIGNER}`);
  await expect(item.getByTestId('release-signoff')).toContainText(NOTE);
  await expect(item.getByTestId('release-signoff')).toContainText(
    `triage → reject: human → auto · disagreement ${pct(reject.rate)} [${pct(reject.low)}–${pct(reject.high)}]`,
  ); // never released: raised from the start (human)

  // the unchanged graph as XState JSON, then SCXML: the same release, no sign-off asked again
  for (const format of ['xstate', 'scxml'] as const) {
    await page.getByTestId('export').click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('export-release')).toContainText(`Unchanged since release v${newVersion}`);
    await expect(dialog.getByTestId('export-signoff')).toHaveCount(0);
    await dialog.getByTestId(`export-format-${format}`).check();
    const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-confirm').click()]);
    expect(dl.suggestedFilename()).toContain(`.v${newVersion}.`);
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('release-item')).toHaveCount(1);
  await expect(item).toContainText('html, xstate, scxml');
});
