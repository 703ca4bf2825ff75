/**
 * Durability against a real PostgreSQL: kill -9 a worker with 200 cases in flight and restart it;
 * flip a kill switch mid-run; roll back an agent's last actions. The tools module records every
 * call in its own table (test_calls) — the oracle for "called once" — and DBOS's checkpoint table
 * says which tool steps had completed when the worker died.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { verifyAuditText } from '../shared/runtime/audit';
import { refundGraph } from '../shared/runtime/testGraph';
import { client, startServiceFixture, type ServiceFixture, type ServiceProcess } from './testing/harness';

let fx: ServiceFixture;
let pool: pg.Pool;
let worker: ServiceProcess;
let operator: string;

const N = 200;
const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
const start = () => fx.start();
const api = () => client(worker.url!, operator);
const waitCase = (caseId: string, statuses: string) =>
  api().get<{ case: { status: string; auditRecords: number } }>(`/cases/${caseId}?waitFor=${statuses}&timeoutMs=30000`);

async function startAll(caseIds: string[]) {
  // 20 requests at a time: the API answers as soon as the workflow is enqueued
  for (let i = 0; i < caseIds.length; i += 20) {
    const statuses = await Promise.all(
      caseIds
        .slice(i, i + 20)
        .map(
          async (caseId) =>
            (await api().post('/cases', { caseId, attributes: { amount: 20, fraudScore: 0.05 } })).status,
        ),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
  }
}

beforeAll(async () => {
  fx = await startServiceFixture({
    name: 'crash',
    // no per-minute rate here: every one of the cases may call the tool
    graph: refundGraph({ rollout: 'autonomy', issueRefund: { rate: { maxRetries: 1 } } }),
    tokens: ['operator:olive'],
    serve: ['--executor-id', 'w1', '--concurrency', '150'],
    env: { SOP_TEST_TOOL_DELAY_MS: '120' },
    testSettings: true,
  });
  ({ pool, service: worker } = fx);
  operator = fx.token('operator');
}, 120_000);

afterAll(() => fx?.close(), 30_000);

describe('a worker killed with -9 mid-run', () => {
  it('resumes every case after restart; no completed tool step is called again; every audit chain verifies', async () => {
    const cases = ids('k', N);
    await startAll(cases);
    expect((await waitCase('k030', 'done')).body.case.status).toBe('done');
    await worker.kill9();

    const completed = await pool.query<{ workflow_uuid: string }>(
      `SELECT workflow_uuid FROM dbos.operation_outputs WHERE function_name = 'tool:issueRefund' AND error IS NULL`,
    );
    const completedKeys = completed.rows.map((r) => `${r.workflow_uuid.replace(/^case:/, '')}:triage:1`);
    // the kill came mid-run: some tool steps had completed, not all
    expect(completedKeys.length).toBeGreaterThan(0);
    expect(completedKeys.length).toBeLessThan(N);

    worker = await start();
    for (const caseId of cases)
      expect([caseId, (await waitCase(caseId, 'done')).body.case.status]).toEqual([caseId, 'done']);

    const calls = await pool.query<{ idempotency_key: string; n: string }>(
      `SELECT idempotency_key, count(*) AS n FROM test_calls WHERE tool = 'issueRefund' AND case_id LIKE 'k%' GROUP BY 1`,
    );
    const count = new Map(calls.rows.map((r) => [r.idempotency_key, Number(r.n)]));
    expect(count.size).toBe(N);
    expect(completedKeys.filter((k) => count.get(k) !== 1)).toEqual([]);
    const repeated = [...count.values()].filter((n) => n > 1).length;
    // only steps in flight at the kill may run again (at-least-once; the key lets the tool dedupe)
    // bounded by the calls at once: the connection pool (min(concurrency, 40) + 10)
    expect(repeated).toBeLessThanOrEqual(50);
    console.log(
      `kill -9: ${completedKeys.length} tool steps completed before the kill, ${repeated} in-flight calls repeated after restart`,
    );

    for (const caseId of cases) {
      const text = (await api().get(`/audit/${caseId}`)).text;
      const verified = await verifyAuditText(text);
      expect([caseId, verified.ok]).toEqual([caseId, true]);
      const finals = text.split('\n').filter((l) => l.includes('"decision":"final"'));
      expect([caseId, finals.length]).toEqual([caseId, 1]);
    }
  }, 180_000);
});

describe('kill switch', () => {
  it('flipped mid-run: no automatic tool call starts after the flip; the rest wait as suggestions', async () => {
    // slower calls for this run: the flip lands while calls are in flight and cases are queued
    await pool.query(
      `INSERT INTO test_settings (key, value) VALUES ('delayMs', '800') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    const cases = ids('m', 150);
    await startAll(cases);
    await waitCase('m010', 'done');
    const flip = await api().put<{ updatedAt: string; effectiveAt: string }>('/controls/kill-switch', {
      scope: 'agent',
      name: 'refund-agent',
      paused: true,
    });
    expect(flip.status).toBe(200);
    const flippedAt = new Date(flip.body.effectiveAt);
    // cases started after the flip: none may call the tool, each waits for approval of its draft
    const after = ids('p', 20);
    await startAll(after);
    for (const caseId of [...cases, ...after])
      expect(['done', 'waiting']).toContain((await waitCase(caseId, 'done,waiting')).body.case.status);

    const late = await pool.query(`SELECT case_id, at FROM test_calls WHERE actor = 'agent:refund-agent' AND at > $1`, [
      flippedAt,
    ]);
    expect(late.rows).toEqual([]);
    // the audit says the same: every automatic call that was made had its intent on record before
    // the flip (a call finishing after it had started before it)
    const lateIntents = await pool.query(
      `SELECT c.case_id FROM sop.audit c JOIN sop.audit i ON i.case_id = c.case_id AND i.decision = 'intent'
          AND i.line::jsonb->>'idempotencyKey' = c.line::jsonb->>'idempotencyKey'
        WHERE (c.case_id LIKE 'm%' OR c.case_id LIKE 'p%') AND c.decision = 'call' AND c.line::jsonb->>'actor' = 'agent:refund-agent' AND i.ts >= $1`,
      [flippedAt],
    );
    expect(lateIntents.rows).toEqual([]);
    const suggested = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM sop.approvals WHERE case_id LIKE 'p%' AND kind = 'suggest' AND status = 'pending' AND item->'reasons' @> '[{"kind":"kill-switch"}]'`,
    );
    expect(Number(suggested.rows[0]!.n)).toBe(after.length);
    expect((await pool.query(`SELECT 1 FROM test_calls WHERE case_id LIKE 'p%'`)).rowCount).toBe(0);
    await api().put('/controls/kill-switch', { scope: 'agent', name: 'refund-agent', paused: false });
    await pool.query(`DELETE FROM test_settings`);
  }, 120_000);
});

describe('rollback', () => {
  it("undoes the agent's last N actions once each, through the undo tool; a repeated request undoes nothing more", async () => {
    const newest = await pool.query<{ idempotency_key: string }>(
      `SELECT idempotency_key FROM sop.actions WHERE actor = 'agent:refund-agent' ORDER BY n DESC LIMIT 3`,
    );
    const first = await api().post<{ results: Array<{ idempotencyKey: string; ok: boolean; undoTool: string }> }>(
      '/rollback',
      { agent: 'refund-agent', n: 3, requestId: 'rb-1' },
    );
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.idempotencyKey, r.ok, r.undoTool])).toEqual(
      newest.rows.map((r) => [r.idempotency_key, true, 'reverseRefund']),
    );
    const again = await api().post<{ results: unknown[] }>('/rollback', {
      agent: 'refund-agent',
      n: 3,
      requestId: 'rb-1',
    });
    expect(again.body.results).toEqual(first.body.results);

    const undos = await pool.query<{ key: string; n: string }>(
      `SELECT params->'original'->>'idempotencyKey' AS key, count(*) AS n FROM test_calls WHERE tool = 'reverseRefund' GROUP BY 1 ORDER BY 1`,
    );
    expect(undos.rows.map((r) => [r.key, Number(r.n)])).toEqual(newest.rows.map((r) => [r.idempotency_key, 1]).sort());

    const next = await api().post<{ results: Array<{ idempotencyKey: string }> }>('/rollback', {
      agent: 'refund-agent',
      n: 3,
      requestId: 'rb-2',
    });
    const overlap = next.body.results.filter((r) => newest.rows.some((n) => n.idempotency_key === r.idempotencyKey));
    expect(overlap).toEqual([]);
    for (const r of first.body.results) {
      const caseId = r.idempotencyKey.split(':')[0]!;
      const text = (await api().get(`/audit/${caseId}`)).text;
      expect((await verifyAuditText(text)).ok).toBe(true);
      expect(text).toContain('"decision":"undo"');
    }
  }, 60_000);
});
