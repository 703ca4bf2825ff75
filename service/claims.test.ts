/**
 * A decision claimed (item pending → deciding) by a process that died before it started the case's
 * continuation: the case must not stay `deciding` for ever. The database state is made exactly as
 * the dead process left it — `claimItem`, the claim's own statement, with no continuation started —
 * against a real PostgreSQL and the real `sop-studio serve`; the oracle is the tools module's table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { verifyAuditText } from '../shared/runtime/audit';
import { refundGraph } from '../shared/runtime/testGraph';
import { claimItem, type Decision } from './inbox';
import { client, startServiceFixture, type ServiceFixture, type ServiceProcess } from './testing/harness';

let fx: ServiceFixture;
let pool: pg.Pool;
let service: ServiceProcess;
let operator: string;
let approver: string;

const start = () => fx.start();
type CaseBody = {
  case: { status: string; state: string; path: string[] };
  waitingOn: { id: string; options: Array<{ transitionId: string; target: string }> } | null;
};
const waitCase = (caseId: string, status: string) =>
  client(service.url!, operator).get<CaseBody>(`/cases/${caseId}?waitFor=${status}&timeoutMs=20000`);
// a human's decision is carried out by the service once: one 'decide' record, one continuation workflow (and a human's branch calls no tool)
const decideRecords = async (caseId: string) =>
  Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM sop.audit WHERE case_id = $1 AND decision = 'decide'`,
        [caseId],
      )
    ).rows[0]!.n,
  );
const workflows = async (caseId: string) =>
  Number(
    (
      await pool.query<{ n: string }>(`SELECT count(*) AS n FROM dbos.workflow_status WHERE workflow_uuid LIKE $1`, [
        `case:${caseId}%`,
      ])
    ).rows[0]!.n,
  );
const toolCalls = async (caseId: string) =>
  Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM test_calls WHERE case_id = $1', [caseId])).rows[0]!.n,
  );
const itemStatus = async (id: string) =>
  (await pool.query<{ status: string }>('SELECT status FROM sop.approvals WHERE id = $1', [id])).rows[0]!.status;

/** A case that waits on a hand-off at triage (amount 300: the human branch), and the decision "refund". */
async function handoff(caseId: string): Promise<Decision> {
  expect(
    (await client(service.url!, operator).post('/cases', { caseId, attributes: { amount: 300, fraudScore: 0.5 } }))
      .status,
  ).toBe(201);
  const item = (await waitCase(caseId, 'waiting')).body.waitingOn!;
  const approve = item.options.find((o) => o.target === 'refund')!;
  return { itemId: item.id, action: 'decide', role: 'payments-ops', by: 'anna', transitionId: approve.transitionId };
}

beforeAll(async () => {
  fx = await startServiceFixture({
    name: 'claims',
    graph: refundGraph({ rollout: 'autonomy' }),
    tokens: ['operator:olive', 'approver:payments-ops:anna'],
    serve: ['--executor-id', 'api-1', '--claim-grace', '2'],
  });
  ({ pool, service } = fx);
  [operator, approver] = [fx.token('operator'), fx.token('approver:payments-ops')];
}, 120_000);

afterAll(() => fx?.close(), 30_000);

describe('a decision claimed by a process that died before the continuation started', () => {
  it('is carried out once when that process restarts, and an old claim without its decision goes back to the inbox', async () => {
    const own = await handoff('k1');
    const old = await handoff('k2');
    await service.kill9();
    // the state the crash leaves: k1 claimed with its decision by api-1; k2 as the code before this fix left it
    expect(await claimItem(pool, own, 'api-1')).toBe(true);
    await pool.query(`UPDATE sop.approvals SET status = 'deciding', decided_by = 'payments-ops:anna' WHERE id = $1`, [
      old.itemId,
    ]);
    expect(await itemStatus(own.itemId)).toBe('deciding');

    service = await start();
    const k1 = await waitCase('k1', 'done');
    expect(k1.body.case.status).toBe('done');
    expect(k1.body.case.path).toEqual(['triage', 'refund', 'done']);
    expect([await decideRecords('k1'), await workflows('k1'), await toolCalls('k1')]).toEqual([1, 2, 0]);
    expect(await itemStatus(own.itemId)).toBe('decided');
    const audit = await client(service.url!, operator).get(`/audit/k1`);
    expect((await verifyAuditText(audit.text)).ok).toBe(true);
    expect(audit.text).toContain('"actor":"payments-ops:anna"');

    // no decision stored: nothing to carry out, so the item is back to pending and a person decides again
    expect(await itemStatus(old.itemId)).toBe('pending');
    expect(await decideRecords('k2')).toBe(0);
    expect(
      (
        await client(service.url!, approver).post(`/inbox/${encodeURIComponent(old.itemId)}/decide`, {
          transitionId: old.transitionId,
        })
      ).status,
    ).toBe(202);
    expect((await waitCase('k2', 'done')).body.case.status).toBe('done');
    expect([await decideRecords('k2'), await workflows('k2')]).toEqual([1, 2]);
  }, 120_000);

  it("is carried out by a live process once another executor's claim is older than the grace period", async () => {
    const d = await handoff('k3');
    // claimed by an executor that never comes back; this process did not claim it, so it waits out the grace (2 s)
    expect(await claimItem(pool, d, 'api-gone')).toBe(true);
    const claimedAt = Date.now();
    const k3 = await waitCase('k3', 'done');
    expect(k3.body.case.status).toBe('done');
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(2000);
    // later sweeps (every second) find the continuation and start nothing more
    await new Promise((r) => setTimeout(r, 2500));
    expect([await decideRecords('k3'), await workflows('k3')]).toEqual([1, 2]);
  }, 60_000);
});
