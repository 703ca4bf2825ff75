/**
 * Two processes on one PostgreSQL share the cases through the DBOS queue: each case runs once, and
 * a tool's per-minute rate limit holds across both (it is counted in the database, not per process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { refundGraph } from '../shared/runtime/testGraph';
import { client, issueToken, RECORDING_TOOLS, spawnService, writeGraph, type ServiceProcess } from './testing/harness';
import { startTestPostgres, type TestPostgres } from './testing/pg';

let cluster: TestPostgres;
let db: string;
let pool: pg.Pool;
const procs: ServiceProcess[] = [];
let operator: string;
const N = 300;
const PER_MINUTE = 100;
// 160 cases in flight per process: neither process can take all 300, so both must run some
const CONCURRENCY = '160';

beforeAll(async () => {
  cluster = await startTestPostgres();
  db = cluster.database('scale');
  pool = new pg.Pool({ connectionString: db, max: 4 });
  const graphFile = writeGraph(refundGraph({ rollout: 'autonomy', issueRefund: { rate: { perMinute: PER_MINUTE, maxRetries: 0 } } }));
  operator = await issueToken(graphFile, db, 'operator:olive');
  const common = [graphFile, '--db', db, '--tools', RECORDING_TOOLS, '--concurrency', CONCURRENCY];
  procs.push(await spawnService([...common, '--port', '0', '--executor-id', 'a'], { SOP_TEST_DB: db }));
  procs.push(await spawnService([...common, '--worker', '--executor-id', 'b'], { SOP_TEST_DB: db }));
}, 120_000);

afterAll(async () => {
  for (const p of procs) await p.stop();
  await pool?.end();
  cluster?.stop();
}, 30_000);

describe('two processes on one database', () => {
  it('run each case once and hold the rate limit across both', async () => {
    const api = client(procs[0]!.url!, operator);
    const ids = Array.from({ length: N }, (_, i) => `s${i}`);
    for (let i = 0; i < N; i += 25) await Promise.all(ids.slice(i, i + 25).map((caseId) => api.post('/cases', { caseId, attributes: { amount: 20, fraudScore: 0.05 } })));
    for (const caseId of ids) {
      // a case either called the tool and finished, or hit the rate limit and waits for a person
      const r = await api.get<{ case: { status: string } }>(`/cases/${caseId}?waitFor=done,waiting&timeoutMs=30000`);
      expect([caseId, ['done', 'waiting'].includes(r.body.case.status)]).toEqual([caseId, true]);
    }
    const runs = await pool.query<{ executor_id: string; n: string }>(`SELECT executor_id, count(*) AS n FROM dbos.workflow_status WHERE workflow_uuid LIKE 'case:%' GROUP BY 1 ORDER BY 1`);
    const byExecutor = Object.fromEntries(runs.rows.map((r) => [r.executor_id, Number(r.n)]));
    expect(byExecutor.a! + byExecutor.b!).toBe(N);
    expect(byExecutor.a).toBeGreaterThan(0);
    expect(byExecutor.b).toBeGreaterThan(0);
    const starts = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sop.audit WHERE decision = 'start'`);
    expect(Number(starts.rows[0]!.n)).toBe(N);

    const calls = await pool.query<{ n: string; pids: string; span: number }>(
      `SELECT count(*) AS n, count(DISTINCT pid) AS pids, extract(epoch FROM max(at) - min(at)) AS span FROM test_calls WHERE tool = 'issueRefund'`,
    );
    // all calls fell in one minute, so the limit allows exactly PER_MINUTE of them, whichever process made them
    expect(Number(calls.rows[0]!.span)).toBeLessThan(60);
    expect(Number(calls.rows[0]!.n)).toBe(PER_MINUTE);
    console.log(`two processes: cases by executor ${JSON.stringify(byExecutor)}, ${calls.rows[0]!.n} calls from ${calls.rows[0]!.pids} process(es)`);
    const limited = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sop.approvals WHERE kind = 'human' AND item->'reasons' @> '[{"kind":"rate-limit"}]'`);
    expect(Number(limited.rows[0]!.n)).toBe(N - PER_MINUTE);
  }, 120_000);
});
