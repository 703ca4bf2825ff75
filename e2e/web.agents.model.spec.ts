/**
 * The model agent in the app (issue #12), against a local OpenAI-compatible server this spec
 * starts on 127.0.0.1 (e2e/fixtures/modelServer.ts: deterministic answers from the case fields,
 * every request recorded). On the refund sample with its history: compare the rules agent with
 * the model agent; every request carries only the agent's `reads` and the key only in the
 * Authorization header; the key is in no IndexedDB row and not in localStorage; a second
 * comparison answers from the IndexedDB cache with zero requests; the case explorer shows the
 * model's reason for the open case (the server's own rule is the oracle); the comparison is shown
 * again after a reload; a call budget stops a run with partial results marked.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { importLogAndRun } from './pages/simulateRun';
import { answerFor, startModelServer, type ModelServer } from './fixtures/modelServer';

const GRAPH = 'samples/refund.sop.json';
const CSV = 'e2e/fixtures/refund-history-proposed.csv';
const KEY = 'sk-e2e-NEVER-STORED-7f3a';
const READS = ['amount', 'customerTier', 'fraudScore'];

test.describe.configure({ timeout: 240_000 });

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer();
});
test.afterAll(async () => {
  await server.close();
});

/** The first row's fields of a case in the CSV (case attributes are the first event's columns). */
function caseRow(caseId: string): Record<string, string> {
  const [head, ...rows] = readFileSync(CSV, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === caseId)!;
  return Object.fromEntries(cols.map((c, i) => [c, row[i]!]));
}

test('model agent over a local endpoint: reads only, key never stored, cached rerun, reasons, reload, budget', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await expect(page.locator('.react-flow__node', { hasText: 'Triage request' })).toBeVisible();
  const sim = await importLogAndRun(page, CSV, 400);

  // the model agent alone beside the rules agent
  await sim.getByTestId('sim-tab-agents').click();
  const agents = sim.getByTestId('agents');
  await agents.getByTestId('agents-learned').uncheck();
  await agents.getByTestId('agents-model-on').check();
  await agents.getByTestId('agents-model-url').fill(server.baseUrl);
  await agents.getByTestId('agents-model-name').fill('test-model');
  await agents.getByTestId('agents-model-key').fill(KEY);
  await agents.getByTestId('agents-model-max-calls').fill('');
  await agents.getByTestId('agents-compare-run').click();
  const cmp = sim.getByTestId('agents-compare');
  await expect(cmp.locator('tr[data-policy="model"]')).toHaveCount(1, { timeout: 120_000 });
  const asked = server.seen.length;
  // the figures the README quotes (calls/s of the first run, the cached rerun below)
  test.info().annotations.push({
    type: 'first run',
    description: (await cmp.getByTestId('agents-model-stats').textContent()) ?? '',
  });
  expect(asked).toBeGreaterThan(100);
  const stats = cmp.getByTestId('agents-model-stats');
  await expect(stats).toContainText(
    `${asked} endpoint calls · 0 cache hits · ${(asked * 120).toLocaleString('en-US')} tokens`,
  );
  // every request: only the agent's reads, never the CSV's other columns; the key only in the header
  for (const r of server.seen) {
    expect(Object.keys(r.caseFields).every((k) => READS.includes(k))).toBe(true);
    expect(r.raw).not.toContain('proposed');
    expect(r.raw).not.toContain('agent_name');
    expect(r.raw).not.toContain(KEY);
    expect(r.auth).toBe(`Bearer ${KEY}`);
  }
  // the coverage curve marks, per policy, the threshold that meets the owner's target
  await expect(cmp.getByTestId('coverage-target-line')).toHaveCount(1);
  await expect(cmp.getByTestId('coverage-targets').locator('li[data-policy="model"]')).toContainText(
    /confidence ≥ \d\.\d\d takes|no threshold meets/,
  );

  // the key is in no IndexedDB row and not in localStorage
  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('sop-studio-data');
    const db = await new Promise<IDBDatabase>(
      (ok, ko) => (
        (open.onsuccess = () => ok(open.result)),
        (open.onerror = () => ko(open.error ?? new Error('indexedDB open failed')))
      ),
    );
    const dump: unknown[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      if (name === 'caseChunks') continue;
      const req = db.transaction(name).objectStore(name).getAll();
      dump.push(await new Promise((ok) => (req.onsuccess = () => ok(req.result))));
    }
    db.close();
    return { idb: JSON.stringify(dump), local: JSON.stringify({ ...localStorage }) };
  });
  expect(stored.idb).toContain('test-model');
  expect(stored.idb).not.toContain(KEY);
  expect(stored.local).not.toContain(KEY);

  // a second comparison answers every decision from the cache: zero requests, same figures
  const modelRow = (await cmp.locator('tr[data-policy="model"]').textContent()) ?? '';
  await agents.getByTestId('agents-compare-run').click();
  await expect(stats).toContainText('0 endpoint calls · ', { timeout: 60_000 });
  expect(server.seen.length).toBe(asked);
  await expect(cmp.locator('tr[data-policy="model"]')).toHaveText(modelRow);
  await expect(agents.getByTestId('agents-saved').locator('option')).toHaveCount(2);
  test.info().annotations.push({ type: 'cached rerun', description: (await stats.textContent()) ?? '' });

  // the case explorer shows the model's reason for the open case, as the server's rule gives it
  await sim.getByTestId('sim-tab-cases').click();
  await sim.getByTestId('case-filter').selectOption('any');
  await sim.getByTestId('case-item').first().click();
  const caseId = (await sim.getByTestId('open-case-id').innerText()).trim();
  const row = caseRow(caseId);
  const branches = [
    { branch: 0, leadsTo: 'Issue refund' },
    { branch: 1, leadsTo: 'Reject request' },
    { branch: 2, leadsTo: 'Manual review' },
  ];
  const expected = answerFor({
    activity: 'Triage request',
    branches,
    caseFields: { amount: Number(row.amount), fraudScore: Number(row.fraudScore) },
  });
  await expect(sim.getByTestId('case-model-reasons').locator('li[data-state="triage"]')).toContainText(expected.reason);

  // after a reload the saved comparison is shown with the run; the key is gone with the page
  await page.reload();
  await page.getByTestId('open-file-input').setInputFiles(GRAPH);
  await page.getByTestId('mode-simulate').click();
  await sim.getByTestId('dataset-item').first().click();
  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-list').getByRole('button').first().click();
  await sim.getByTestId('sim-tab-agents').click();
  await expect(cmp.locator('tr[data-policy="model"]')).toHaveText(modelRow);
  await agents.getByTestId('agents-model-on').check();
  await expect(agents.getByTestId('agents-model-url')).toHaveValue(server.baseUrl);
  await expect(agents.getByTestId('agents-model-key')).toHaveValue('');

  // a call budget stops the run cleanly (another model: nothing cached), partial results marked
  await agents.getByTestId('agents-model-name').fill('test-model-b');
  await agents.getByTestId('agents-model-max-calls').fill('5');
  await agents.getByTestId('agents-compare-run').click();
  await expect(sim.getByTestId('agents-partial')).toContainText('the call or token budget ran out', {
    timeout: 60_000,
  });
  await expect(cmp.locator('tr[data-policy="model"]')).toContainText('(partial)');
  expect(server.seen.length).toBe(asked + 5);
  // without a key this time: no Authorization header was sent
  expect(server.seen.slice(asked).every((r) => r.auth === undefined)).toBe(true);
});
