/**
 * The operations console against a real `sop-studio serve` on 127.0.0.1 with PostgreSQL, both
 * started here: connect as an approver, see cases on the canvas, approve and reject from the inbox
 * and see the cases move; as an operator, pause the agent and see its next auto step arrive as a
 * suggestion, roll back the last 3 actions and find the undo calls in the timeline; as a viewer,
 * see the figures and have every action refused with a clear message.
 *
 * The service is the oracle: case states are read back through its API, not from the page.
 */
import type { Page } from '@playwright/test';
import { refundGraph } from '../shared/runtime/testGraph';
import {
  client,
  issueToken,
  RECORDING_TOOLS,
  spawnService,
  writeGraph,
  type ServiceProcess,
} from '../service/testing/harness';
import { startTestPostgres, type TestPostgres } from '../service/testing/pg';
import { expect, test } from './fixtures';
import { canvasCoverage, tabRowProblems } from './pages/layoutBoxes';
import { readmeShot } from './pages/screenshots';

let cluster: TestPostgres;
let service: ServiceProcess;
let graphFile: string;
const tokens: Record<string, string> = {};

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startTestPostgres();
  const db = cluster.database('operate_e2e');
  graphFile = writeGraph(refundGraph({ rollout: 'autonomy' }));
  for (const who of ['operator:olive', 'viewer:vic', 'approver:payments-ops:anna'])
    tokens[who.split(':')[0]!] = await issueToken(graphFile, db, who);
  service = await spawnService(
    [graphFile, '--db', db, '--port', '0', '--tools', RECORDING_TOOLS, '--executor-id', 'operate-e2e'],
    { SOP_TEST_DB: db },
  );
});

test.afterAll(async () => {
  await service?.stop();
  cluster?.stop();
});

const api = () => client(service.url!, tokens.operator);
type CaseBody = { case: { status: string; state: string } };
const caseState = async (id: string) => (await api().get<CaseBody>(`/cases/${id}`)).body.case;
const startCase = async (caseId: string, amount: number, fraudScore: number) =>
  expect((await api().post('/cases', { caseId, attributes: { amount, fraudScore } })).status).toBe(201);
const waitFor = async (id: string, status: string) =>
  expect((await api().get<CaseBody>(`/cases/${id}?waitFor=${status}&timeoutMs=20000`)).body.case.status).toBe(status);

async function connect(page: Page, who: 'operator' | 'viewer' | 'approver', role: string) {
  if (await page.getByTestId('operate-disconnect').isVisible()) await page.getByTestId('operate-disconnect').click();
  await page.getByTestId('operate-url').fill(service.url!);
  await page.getByTestId('operate-token').fill(tokens[who]!);
  await page.getByTestId('operate-connect-button').click();
  await expect(page.getByTestId('status-connection')).toContainText(`${role} · live`);
}

const badge = (page: Page, activity: string) =>
  page.locator('.react-flow__node', { hasText: activity }).locator('.overlay-badge');
const inboxRow = (page: Page, caseId: string) => page.locator(`[data-testid="inbox-row"][data-case="${caseId}"]`);

// the viewer's refused actions answer 403 (and Chromium logs each): those two, and only those, are expected
const REFUSALS = [
  /^HTTP 403 http:\/\/127\.0\.0\.1:\d+\/(controls\/kill-switch|inbox\/[^/]+\/approve)$/,
  /status of 403 \(Forbidden\)/,
];
// a fixture option whose value is an array is passed wrapped (Playwright reads a bare array as [value, options])
test.use({ viewport: { width: 1400, height: 900 }, allowConsoleErrors: [REFUSALS, { scope: 'test' }] });

test('the operations console: connect, inbox, kill switch, rollback, timeline, viewer refused', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(graphFile);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  // the start-up sample and the opened file; opening the same file again lists it once, not twice
  await expect(page.getByTestId('project-item')).toHaveCount(2);
  // an input keeps its file: clear it so choosing the same file again is a change, as in a new dialog
  await page.getByTestId('open-file-input').setInputFiles([]);
  await page.getByTestId('open-file-input').setInputFiles(graphFile);
  await expect(page.getByText(/already in the sidebar as “Refund requests”/)).toBeVisible();
  await expect(page.getByTestId('project-item')).toHaveCount(2);
  await page.getByTestId('mode-operate').click();
  await expect(page.getByTestId('operate-connect')).toBeVisible();
  await expect(page.getByTestId('status-connection')).toHaveText('Not connected');
  expect(
    requests.filter((u) => u.startsWith(service.url!)),
    'nothing is sent before Connect',
  ).toEqual([]);

  await test.step('connect as an approver; cases appear on the canvas', async () => {
    await connect(page, 'approver', 'approver:payments-ops anna');
    // fraudScore ≥ 0.8: the agent suggests Reject; 0.5: the human branch, a hand-off
    await startCase('s1', 700, 0.9);
    await startCase('s2', 650, 0.85);
    await startCase('h1', 300, 0.5);
    await expect(badge(page, 'Triage request')).toHaveText('3 in flight');
    await expect(page.locator('[data-testid="inbox-row"]')).toHaveCount(3);
  });

  await test.step('approve s1 with the A key and reject s2 with the button; the cases move', async () => {
    await inboxRow(page, 's1').click();
    await expect(page.getByTestId('inbox-draft')).toContainText('Reject request');
    await expect(page.getByTestId('inbox-fields')).toContainText('fraudScore');
    await readmeShot(page, 'operate-inbox');
    await page.keyboard.press('a');
    await expect(page.getByTestId('operate-outcome')).toContainText('Approve s1#1: done.');
    await expect(badge(page, 'Done')).toHaveText('1 done');
    await waitFor('s1', 'done');
    expect((await caseState('s1')).state).toBe('done');

    await inboxRow(page, 's2').click();
    await page.getByTestId('inbox-reject').click();
    await expect(page.getByTestId('operate-outcome')).toContainText('Reject s2#1: done.');
    // rejected without another branch: the step goes to a person — a hand-off of s2 replaces the suggestion
    await expect(inboxRow(page, 's2')).toContainText('hand-off');
    await expect(badge(page, 'Triage request')).toHaveText('2 in flight');
  });

  await test.step('as the operator, pause the agent: its next auto step arrives as a suggestion', async () => {
    await connect(page, 'operator', 'operator olive');
    await page.getByTestId('operate-tab-controls').click();
    await page.locator('[data-switch="agent:refund-agent"]').getByTestId('kill-switch-toggle').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Auto steps in triage, refund become suggestions');
    await page.getByTestId('confirm-ok').click();
    await expect(page.locator('[data-switch="agent:refund-agent"]')).toHaveAttribute('data-paused', 'true');
    await startCase('k1', 40, 0.1); // amount ≤ 100 and fraud < 0.3: the auto branch
    await page.getByTestId('operate-tab-inbox').click();
    await inboxRow(page, 'k1').click();
    await expect(inboxRow(page, 'k1')).toContainText('suggestion');
    await expect(page.getByTestId('inbox-reasons')).toContainText('kill-switch');
    await page.getByTestId('operate-tab-controls').click();
    await page.locator('[data-switch="agent:refund-agent"]').getByTestId('kill-switch-toggle').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.locator('[data-switch="agent:refund-agent"]')).toHaveAttribute('data-paused', 'false');
  });

  await test.step('roll back the last 3 actions; the undo calls are in the timeline', async () => {
    for (const id of ['r1', 'r2', 'r3']) {
      await startCase(id, 40, 0.1);
      await waitFor(id, 'done');
    }
    await page.getByTestId('rollback-n').fill('3');
    await page.getByTestId('rollback-preview').click();
    await expect(page.getByTestId('rollback-calls').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('rollback-calls')).toContainText('r3 triage: reverseRefund undoes issueRefund');
    await readmeShot(page, 'operate-controls');
    await page.getByTestId('rollback-run').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('r1: reverseRefund(issueRefund)');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('rollback-results').locator('li')).toHaveText([
      'r3: reverseRefund done',
      'r2: reverseRefund done',
      'r1: reverseRefund done',
    ]);
    await page.getByTestId('operate-tab-timeline').click();
    await page.getByTestId('timeline-case').selectOption('r2');
    const rows = page.getByTestId('timeline-row');
    await expect(rows.filter({ hasText: 'undo call reverseRefund' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'action: rollback agent=refund-agent n=3' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'action: kill switch name=refund-agent paused=true scope=agent' })).toHaveCount(
      1,
    );
    await readmeShot(page, 'operate-timeline');
  });

  await test.step('live evidence, then the audit as a dataset, replayed in the simulator', async () => {
    await page.getByTestId('operate-tab-evidence').click();
    // r1-r3 refunded on their own and were rolled back: 3 auto errors of 3 automatic steps at triage
    const triage = page.getByTestId('evidence-table').locator('tr[data-state="triage"]');
    await expect(triage.locator('td').nth(1)).toHaveText('3');
    await expect(triage.locator('td').nth(2)).toHaveText('3 100.0% [43.9–100.0%]');
    await readmeShot(page, 'operate-evidence');
    await page.getByTestId('evidence-use-dataset').click();
    const cases = (await api().get<{ cases: unknown[] }>('/cases')).body.cases.length;
    await expect(page.getByTestId('operate-outcome')).toContainText(`Imported ${cases} cases as dataset`);
    await page.getByTestId('evidence-open-simulator').click();
    const sim = page.getByTestId('simulator');
    await expect(sim.getByTestId('ds-cases')).toHaveText(String(cases));
    await sim.getByTestId('sim-tab-run').click();
    await sim.getByTestId('run-start').click();
    await expect(sim.getByTestId('run-totals')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('mode-operate').click();
  });

  await test.step('a viewer sees the figures, and every action is refused with a clear message', async () => {
    await connect(page, 'viewer', 'viewer vic');
    await expect(badge(page, 'Triage request')).toHaveText('3 in flight');
    await readmeShot(page, 'operate-view');
    await page.getByTestId('operate-tab-inbox').click();
    await inboxRow(page, 'k1').click();
    await page.getByTestId('inbox-approve').click();
    await expect(page.getByTestId('operate-outcome')).toHaveText(
      'Approve k1#1 refused by the service: role viewer may not approve. This needs an approver token of the role the item names; you are connected as viewer vic.',
    );
    await page.getByTestId('operate-tab-controls').click();
    await page.locator('[data-switch="graph"]').getByTestId('kill-switch-toggle').click();
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('operate-outcome')).toContainText(
      'Pause the whole graph refused by the service: role viewer may not killSwitch. This needs an operator token',
    );
    expect((await api().get<{ paused: string[] }>('/controls')).body.paused).toEqual([]);
    expect((await caseState('k1')).status).toBe('waiting');
    // a smaller laptop screen: the inbox and its decision buttons still fit without scrolling the page
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('operate-tab-inbox').click();
    await inboxRow(page, 'k1').click();
    await expect(page.getByTestId('inbox-approve')).toBeInViewport();
    await expect(page.getByTestId('status-connection')).toBeInViewport();
    // every tab and Disconnect fit in the pane's tab row (it used to end in "Disconn…")
    expect(await tabRowProblems(page, '[data-testid="operate"] > .sim-tabs')).toEqual([]);
    await expect(page.getByTestId('operate-disconnect')).toBeInViewport({ ratio: 1 });
    // a window resize does not refit the canvas (yet): fit, as the user would, then nothing on
    // the canvas is under the minimap or the live legend, nor cut by the canvas's edges
    await page.getByTestId('fit-view').click();
    await expect(page.getByTestId('overlay-legend')).toBeVisible();
    // the fit animates (250 ms) and data-view turns 'moving' only once it has started, so a check
    // right after the click can still see the unfitted view: read the boxes until the fitted view
    // shows (a web-first wait on the outcome; a real overlap still fails at the timeout)
    await expect.poll(() => canvasCoverage(page)).toEqual([]);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-view', 'settled');
    await readmeShot(page, 'operate-inbox-1280');
  });

  await test.step('edit the draft tool params, then approve: the tool is called with the edited params', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await connect(page, 'approver', 'approver:payments-ops anna');
    await inboxRow(page, 'k1').click();
    await page.keyboard.press('e');
    const params = page.getByTestId('inbox-params');
    // the agent's draft params (readable case fields), without the caseId the service sets itself
    expect(JSON.parse(await params.inputValue())).toEqual({ amount: 40, fraudScore: 0.1 });
    await params.fill('{"amount": 25,');
    await expect(page.getByTestId('inbox-params-error')).toContainText('Not JSON');
    await expect(page.getByTestId('inbox-approve-params')).toBeDisabled();
    await params.fill('{"caseId": "other", "amount": 25}');
    await expect(page.getByTestId('inbox-params-error')).toHaveText(
      'caseId is set by the service (the case being decided); remove it.',
    );
    await params.fill('{"amount": 25, "note": "partial refund"}');
    await expect(page.getByTestId('inbox-params-error')).toHaveCount(0);
    await page.getByTestId('inbox-approve-params').click();
    await expect(page.getByTestId('operate-outcome')).toHaveText('Approve k1#1 with edited params: done.');
    await waitFor('k1', 'done');
    const { records } = (
      await api().get<{
        records: Array<{ decision: string; tool: string | null; params: Record<string, unknown> | null }>;
      }>('/cases/k1/history')
    ).body;
    expect(records.filter((r) => r.decision === 'edit').map((r) => r.params)).toEqual([
      { amount: 25, note: 'partial refund', caseId: 'k1' },
    ]);
  });
});
