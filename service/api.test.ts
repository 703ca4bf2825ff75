/**
 * The service's API against a real PostgreSQL (started by the test) and the real `sop-studio serve`
 * process: roles and tokens, idempotent case start, approval after a restart, events, escalation.
 * Tool calls are counted in the tools module's own table (test_calls), not the service's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { verifyAuditText } from '../shared/runtime/audit';
import { refundGraph } from '../shared/runtime/testGraph';
import { client, startServiceFixture, type ServiceFixture, type ServiceProcess } from './testing/harness';

let fx: ServiceFixture;
let pool: pg.Pool;
let service: ServiceProcess;

const start = (extra: string[] = []) => fx.start(extra);
const as = (who: string) => client(service.url!, fx.token(who));
const callsOf = async (caseId: string) =>
  (
    await pool.query<{ tool: string; idempotency_key: string; actor: string }>(
      'SELECT tool, idempotency_key, actor FROM test_calls WHERE case_id = $1 ORDER BY id',
      [caseId],
    )
  ).rows;
type CaseBody = {
  case: { status: string; state: string; waitingOn: string | null; auditRecords: number; path: string[] };
  waitingOn: {
    id: string;
    kind: string;
    fields: Record<string, unknown>;
    proposal: { tool: string | null } | null;
    reasons: Array<{ kind: string }>;
  } | null;
};
const waitCase = (caseId: string, status: string, after = -1) =>
  as('operator').get<CaseBody>(`/cases/${caseId}?waitFor=${status}&after=${after}&timeoutMs=20000`);
const decisions = (records: Array<{ decision: string }>) => records.map((r) => r.decision);

beforeAll(async () => {
  fx = await startServiceFixture({
    name: 'api',
    graph: refundGraph({ rollout: 'autonomy' }),
    tokens: ['operator:olive', 'viewer:vic', 'approver:payments-ops:anna', 'approver:legal:lee'],
    serve: ['--executor-id', 'api-1'],
  });
  ({ pool, service } = fx);
}, 120_000);

afterAll(() => fx?.close(), 30_000);

describe('tokens and roles', () => {
  it('answers 401 without a token or with an unknown one, and changes nothing', async () => {
    const anon = client(service.url!);
    const forged = client(service.url!, 'sop_not-a-real-token-at-all');
    for (const c of [anon, forged]) {
      expect((await c.post('/cases', { caseId: 'nobody', attributes: {} })).status).toBe(401);
      expect((await c.get('/cases')).status).toBe(401);
      expect((await c.put('/controls/kill-switch', { scope: 'graph', paused: true })).status).toBe(401);
    }
    expect((await as('operator').get('/cases/nobody')).status).toBe(404);
    expect((await as('viewer').get<{ paused: string[] }>('/controls')).body.paused).toEqual([]);
  });

  it('answers 403 to a role that may not, and changes nothing', async () => {
    expect(
      (await as('viewer').post('/cases', { caseId: 'v1', attributes: { amount: 40, fraudScore: 0.1 } })).status,
    ).toBe(403);
    expect(
      (await as('approver:payments-ops').put('/controls/kill-switch', { scope: 'graph', paused: true })).status,
    ).toBe(403);
    expect((await as('viewer').post('/rollback', { agent: 'refund-agent', n: 1 })).status).toBe(403);
    expect((await as('operator').get('/cases/v1')).status).toBe(404);
    expect((await as('viewer').get<{ paused: string[] }>('/controls')).body.paused).toEqual([]);
    // a suggestion owned by payments-ops: another approver role may neither see nor decide it
    expect(
      (await as('operator').post('/cases', { caseId: 'r1', attributes: { amount: 700, fraudScore: 0.9 } })).status,
    ).toBe(201);
    const waiting = await waitCase('r1', 'waiting');
    const item = waiting.body.waitingOn!;
    expect((await as('approver:legal').get<{ items: unknown[] }>('/inbox')).body.items).toEqual([]);
    expect((await as('approver:legal').post(`/inbox/${encodeURIComponent(item.id)}/approve`)).status).toBe(403);
    expect((await as('operator').post(`/inbox/${encodeURIComponent(item.id)}/approve`)).status).toBe(403);
    const after = await as('viewer').get<CaseBody>('/cases/r1');
    expect(after.body.case.status).toBe('waiting');
    expect(after.body.case.auditRecords).toBe(waiting.body.case.auditRecords);
  });

  it('rejects a body that does not match the schema with 400', async () => {
    const r = await as('operator').post('/cases', { caseId: 'x', attributes: {}, extra: 1 });
    expect(r.status).toBe(400);
    expect((await as('operator').get('/cases/x')).status).toBe(404);
  });
});

describe('cases', () => {
  it('runs an auto case once: starting an existing case id returns it, never a second run', async () => {
    const first = await as('operator').post('/cases', { caseId: 'a1', attributes: { amount: 40, fraudScore: 0.1 } });
    const again = await as('operator').post('/cases', { caseId: 'a1', attributes: { amount: 40, fraudScore: 0.1 } });
    expect([first.status, again.status]).toEqual([201, 200]);
    const done = await waitCase('a1', 'done');
    expect(done.body.case.path).toEqual(['triage', 'refund', 'done']);
    expect(await callsOf('a1')).toEqual([
      { tool: 'issueRefund', idempotency_key: 'a1:triage:1', actor: 'agent:refund-agent' },
    ]);
    const history = await as('viewer').get<{ records: Array<{ decision: string }> }>('/cases/a1/history');
    expect(decisions(history.body.records)).toEqual(['start', 'intent', 'call', 'pass', 'final']);
  });

  it('approves a suggestion after the service restarted: the tool is called once and the case completes once', async () => {
    // assist caps auto at suggest: the refund becomes a draft for payments-ops
    expect((await as('operator').put('/controls/rollout', { rollout: 'assist' })).status).toBe(200);
    await as('operator').post('/cases', {
      caseId: 's1',
      attributes: { amount: 40, fraudScore: 0.1, customerTier: 'gold' },
    });
    const waiting = await waitCase('s1', 'waiting');
    const item = waiting.body.waitingOn!;
    expect(item.kind).toBe('suggest');
    expect(item.proposal?.tool).toBe('issueRefund');
    // the agent reads amount and fraudScore only: the approver sees those, not customerTier
    expect(item.fields).toEqual({ amount: 40, fraudScore: 0.1 });
    expect(await callsOf('s1')).toEqual([]);

    await service.stop();
    service = await start();

    const approve = await as('approver:payments-ops').post(`/inbox/${encodeURIComponent(item.id)}/approve`);
    expect(approve.status).toBe(202);
    expect((await as('approver:payments-ops').post(`/inbox/${encodeURIComponent(item.id)}/approve`)).status).toBe(409);
    const done = await waitCase('s1', 'done');
    expect(done.body.case.path).toEqual(['triage', 'refund', 'done']);
    expect(await callsOf('s1')).toEqual([
      { tool: 'issueRefund', idempotency_key: 's1:triage:1', actor: 'payments-ops:anna' },
    ]);
    const exported = await as('viewer').get('/audit/s1');
    expect(await verifyAuditText(exported.text)).toMatchObject({ ok: true, records: done.body.case.auditRecords });
    const history = await as('viewer').get<{ records: Array<{ decision: string }> }>('/cases/s1/history');
    expect(decisions(history.body.records)).toEqual(['start', 'suggest', 'approve', 'intent', 'call', 'pass', 'final']);
    await as('operator').put('/controls/rollout', { rollout: 'autonomy' });
  });

  it('resumes a hand-off with the recorded event (APPROVE at review)', async () => {
    await as('operator').post('/cases', { caseId: 'h1', attributes: { amount: 300, fraudScore: 0.5 } });
    const atTriage = await waitCase('h1', 'waiting');
    expect(atTriage.body.waitingOn?.kind).toBe('human');
    const options = (
      await as('approver:payments-ops').get<{
        items: Array<{ id: string; options: Array<{ transitionId: string; target: string }> }>;
      }>('/inbox')
    ).body.items.find((i) => i.id === atTriage.body.waitingOn!.id)!.options;
    const toReview = options.find((o) => o.target === 'review')!.transitionId;
    expect(
      (
        await as('approver:payments-ops').post(`/inbox/${encodeURIComponent(atTriage.body.waitingOn!.id)}/decide`, {
          transitionId: toReview,
        })
      ).status,
    ).toBe(202);
    const atReview = await waitCase('h1', 'waiting', atTriage.body.case.auditRecords + 1);
    expect(atReview.body.case.state).toBe('review');
    expect((await as('approver:payments-ops').post('/cases/h1/events', { event: 'NOPE' })).status).toBe(400);
    expect((await as('approver:payments-ops').post('/cases/h1/events', { event: 'APPROVE' })).status).toBe(202);
    const done = await waitCase('h1', 'done');
    expect(done.body.case.path).toEqual(['triage', 'review', 'refund', 'done']);
    // a human decided: the human acts in the system of record, the service calls no tool
    expect(await callsOf('h1')).toEqual([]);
  });

  it('drain refuses new cases with 503 and lets cases in flight finish', async () => {
    await as('operator').post('/cases', { caseId: 'd1', attributes: { amount: 700, fraudScore: 0.9 } });
    const waiting = await waitCase('d1', 'waiting');
    expect((await as('operator').put('/controls/drain', { draining: true })).status).toBe(200);
    expect((await as('operator').post('/cases', { caseId: 'd2', attributes: {} })).status).toBe(503);
    expect((await as('operator').get('/cases/d2')).status).toBe(404);
    expect(
      (await as('approver:payments-ops').post(`/inbox/${encodeURIComponent(waiting.body.waitingOn!.id)}/approve`))
        .status,
    ).toBe(202);
    expect((await waitCase('d1', 'done')).body.case.path).toEqual(['triage', 'reject', 'done']);
    await as('operator').put('/controls/drain', { draining: false });
  });

  it('escalates a suggestion to a human once its deadline passes', async () => {
    expect((await as('operator').put('/controls/approval-timeout', { seconds: 1 })).status).toBe(200);
    await as('operator').post('/cases', { caseId: 'e1', attributes: { amount: 700, fraudScore: 0.9 } });
    const suggested = await waitCase('e1', 'waiting');
    expect(suggested.body.waitingOn?.kind).toBe('suggest');
    const escalated = await waitCase('e1', 'waiting', suggested.body.case.auditRecords);
    expect(escalated.body.waitingOn?.kind).toBe('human');
    expect(escalated.body.waitingOn?.reasons.map((r) => r.kind)).toContain('deadline');
    const expired = await as('approver:payments-ops').post(
      `/inbox/${encodeURIComponent(suggested.body.waitingOn!.id)}/approve`,
    );
    expect(expired.status).toBe(409);
    await as('operator').put('/controls/approval-timeout', { seconds: 86400 });
  });

  it('reports live figures per branch from what happened above', async () => {
    const figures = (await as('viewer').get<{ branches: Array<Record<string, unknown>> }>('/figures')).body.branches;
    const at = (state: string, target: string | null) => figures.find((f) => f.state === state && f.target === target);
    // triage: drafts for r1, s1, d1, e1; approved s1 and d1; hand-offs h1 and e1's escalation (a deadline trip)
    expect(at('triage', null)).toMatchObject({
      suggested: 4,
      approved: 2,
      overridden: 0,
      handedOff: 2,
      guardrailTrips: 1,
    });
    // the agent's own refunds: a1 only (s1's refund was called by its approver)
    expect(at('triage', 'refund')).toMatchObject({ auto: 1 });
  });

  it('serves its OpenAPI document without a token', async () => {
    const doc = await client(service.url!).get<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/inbox/{itemId}/approve');
  });
});
