/**
 * POST /cases/batch against a real PostgreSQL and the real `sop-studio serve`: each case of a batch
 * is its own workflow keyed by its id (a repeated start runs nothing twice), the batch is bounded
 * and checked before anything is written, and only an operator may start cases.
 * Oracles: the tools module's table (one call per auto refund) and DBOS's workflow table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { shadowProposals } from '../shared/agents';
import { parseAuditText, verifyAuditText } from '../shared/runtime/audit';
import { refundGraph } from '../shared/runtime/testGraph';
import { MAX_BATCH } from './routes';
import { client, startServiceFixture, type ServiceFixture, type ServiceProcess } from './testing/harness';

let fx: ServiceFixture;
let pool: pg.Pool;
let service: ServiceProcess;
let operator: string;
let viewer: string;

const count = async (sql: string, args: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const small = (caseId: string) => ({ caseId, attributes: { amount: 20, fraudScore: 0.05 } });

beforeAll(async () => {
  fx = await startServiceFixture({
    name: 'batch',
    graph: refundGraph({ rollout: 'autonomy', issueRefund: { rate: { maxRetries: 0 } } }),
    tokens: ['operator:olive', 'viewer:vic'],
    serve: ['--executor-id', 'batch-1'],
  });
  ({ pool, service } = fx);
  [operator, viewer] = [fx.token('operator'), fx.token('viewer')];
}, 120_000);

afterAll(() => fx?.close(), 30_000);

describe('POST /cases/batch', () => {
  it('starts each case once, and a repeated batch runs nothing twice', async () => {
    const api = client(service.url!, operator);
    const first = await api.post<{ created: number; existing: number }>('/cases/batch', {
      cases: ['b1', 'b2', 'b3'].map(small),
    });
    expect([first.status, first.body.created, first.body.existing]).toEqual([201, 3, 0]);
    // b1 again with other attributes, and one new case: b1 keeps its first run
    const again = await api.post<{
      created: number;
      existing: number;
      cases: Array<{ caseId: string; created: boolean }>;
    }>('/cases/batch', { cases: [{ caseId: 'b1', attributes: { amount: 999, fraudScore: 0.99 } }, small('b4')] });
    expect([again.status, again.body.created, again.body.existing]).toEqual([201, 1, 1]);
    expect(again.body.cases).toEqual([
      { caseId: 'b1', created: false },
      { caseId: 'b4', created: true },
    ]);
    for (const id of ['b1', 'b2', 'b3', 'b4'])
      expect(
        (await api.get<{ case: { status: string } }>(`/cases/${id}?waitFor=done&timeoutMs=20000`)).body.case.status,
      ).toBe('done');
    expect(await count(`SELECT count(*) AS n FROM test_calls WHERE tool = 'issueRefund'`)).toBe(4);
    expect(await count(`SELECT count(DISTINCT case_id) AS n FROM test_calls`)).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM dbos.workflow_status WHERE workflow_uuid LIKE 'case:b%'`)).toBe(4);
    expect(
      (await pool.query<{ attributes: { amount: number } }>(`SELECT attributes FROM sop.cases WHERE case_id = 'b1'`))
        .rows[0]!.attributes.amount,
    ).toBe(20);
  }, 60_000);

  it('refuses a repeated id, an empty or oversized batch and a bad case with 400, writing nothing', async () => {
    const api = client(service.url!, operator);
    const repeated = await api.post<{ error: string }>('/cases/batch', {
      cases: [small('x1'), small('x2'), small('x1')],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error).toContain('"x1" appears twice');
    expect((await api.post('/cases/batch', { cases: [] })).status).toBe(400);
    expect(
      (await api.post('/cases/batch', { cases: Array.from({ length: MAX_BATCH + 1 }, (_, i) => small(`big${i}`)) }))
        .status,
    ).toBe(400);
    expect((await api.post('/cases/batch', { cases: [small('y1'), { caseId: 'y2', extra: true }] })).status).toBe(400);
    expect(
      await count(
        `SELECT count(*) AS n FROM sop.cases WHERE case_id LIKE 'x%' OR case_id LIKE 'big%' OR case_id LIKE 'y%'`,
      ),
    ).toBe(0);
  });

  it('answers 401 without a token and 403 to a viewer, starting nothing', async () => {
    expect((await client(service.url!).post('/cases/batch', { cases: [small('v1')] })).status).toBe(401);
    expect((await client(service.url!, viewer).post('/cases/batch', { cases: [small('v1')] })).status).toBe(403);
    expect(await count(`SELECT count(*) AS n FROM sop.cases WHERE case_id = 'v1'`)).toBe(0);
  });

  it('refuses new cases with 503 while draining', async () => {
    const api = client(service.url!, operator);
    expect((await api.put('/controls/drain', { draining: true })).status).toBe(200);
    expect((await api.post('/cases/batch', { cases: [small('z1')] })).status).toBe(503);
    expect((await api.put('/controls/drain', { draining: false })).status).toBe(200);
    expect(await count(`SELECT count(*) AS n FROM sop.cases WHERE case_id = 'z1'`)).toBe(0);
  });

  it("writes the agent's proposal into suggest and hand-off records in the runner's form, which the simulator's shadow reader replays", async () => {
    const api = client(service.url!, operator);
    // hand-worked from refundGraph: fraud 0.9 → the agent suggests "Reject request"; amount 300 → the
    // human branch, the agent's pick "Manual review" handed off; amount 20 → it routes to "Issue refund" on its own
    const cases = [
      { caseId: 'p-sug', attributes: { amount: 700, fraudScore: 0.9 } },
      { caseId: 'p-hand', attributes: { amount: 300, fraudScore: 0.5 } },
      small('p-auto'),
    ];
    expect((await api.post('/cases/batch', { cases })).status).toBe(201);
    for (const [id, status] of [
      ['p-sug', 'waiting'],
      ['p-hand', 'waiting'],
      ['p-auto', 'done'],
    ] as const)
      expect(
        (await api.get<{ case: { status: string } }>(`/cases/${id}?waitFor=${status}&timeoutMs=20000`)).body.case
          .status,
      ).toBe(status);
    let trail = '';
    for (const c of cases) {
      const text = (await api.get(`/audit/${c.caseId}`)).text;
      expect((await verifyAuditText(text)).ok).toBe(true);
      trail += text;
    }
    // (the refund call's record targets `done`, a final state with no activity: the reader skips it)
    const proposals = shadowProposals(parseAuditText(trail));
    expect(Object.fromEntries([...proposals].map(([id, m]) => [id, Object.fromEntries(m)]))).toEqual({
      'p-sug': { triage: 'Reject request' },
      'p-hand': { triage: 'Manual review' },
      'p-auto': { triage: 'Issue refund' },
    });
  }, 60_000);
});
