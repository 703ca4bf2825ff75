/**
 * Bounds shared by every process on one database: a waiting case holds no queue slot (it parks),
 * a tool's concurrency bound holds across two processes (a DBOS queue per tool), and a tool's
 * circuit breaker opened by one process stops the calls of another. The oracle is the tools
 * module's own table (test_calls: every handler call, its pid, start and end).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { refundGraph } from '../shared/runtime/testGraph';
import { client, issueToken, RECORDING_TOOLS, spawnService, writeGraph, type ServiceProcess } from './testing/harness';
import { startTestPostgres, type TestPostgres } from './testing/pg';

let cluster: TestPostgres;
const pools: pg.Pool[] = [];
const procs: ServiceProcess[] = [];
const graphFile = writeGraph(refundGraph({ rollout: 'autonomy', issueRefund: { rate: { maxRetries: 0 } } }));
const auto = { amount: 20, fraudScore: 0.05 };
// fraudScore ≥ 0.8: the agent suggests a rejection, which waits for an approver
const suspicious = { amount: 700, fraudScore: 0.9 };

beforeAll(async () => {
  cluster = await startTestPostgres();
}, 60_000);

afterAll(async () => {
  for (const p of procs) await p.stop();
  for (const p of pools) await p.end();
  cluster?.stop();
}, 30_000);

async function setUp(name: string) {
  const db = cluster.database(name);
  const pool = new pg.Pool({ connectionString: db, max: 2 });
  pools.push(pool);
  await pool.query('CREATE TABLE IF NOT EXISTS test_settings (key text PRIMARY KEY, value text NOT NULL)');
  const token = await issueToken(graphFile, db, 'operator:olive');
  const spawn = async (args: string[], env: Record<string, string> = {}) => {
    const p = await spawnService([graphFile, '--db', db, '--tools', RECORDING_TOOLS, ...args], {
      SOP_TEST_DB: db,
      ...env,
    });
    procs.push(p);
    return p;
  };
  return { db, pool, token, spawn };
}

type CaseBody = { case: { status: string }; waitingOn: { reasons: Array<{ kind: string }> } | null };

describe('queue slots', () => {
  it('cases waiting for a person hold no slot: with room for 3 cases, 3 waiting suggestions do not block auto cases', async () => {
    const { token, spawn } = await setUp('slots');
    const p = await spawn(['--port', '0', '--executor-id', 'a', '--concurrency', '3', '--graph-concurrency', '3']);
    const api = client(p.url!, token);
    for (const caseId of ['w0', 'w1', 'w2'])
      expect((await api.post('/cases', { caseId, attributes: suspicious })).status).toBe(201);
    for (const caseId of ['w0', 'w1', 'w2'])
      expect((await api.get<CaseBody>(`/cases/${caseId}?waitFor=waiting&timeoutMs=30000`)).body.case.status).toBe(
        'waiting',
      );
    const autos = Array.from({ length: 6 }, (_, i) => `a${i}`);
    for (const caseId of autos) expect((await api.post('/cases', { caseId, attributes: auto })).status).toBe(201);
    for (const caseId of autos)
      expect([
        caseId,
        (await api.get<CaseBody>(`/cases/${caseId}?waitFor=done&timeoutMs=30000`)).body.case.status,
      ]).toEqual([caseId, 'done']);
    // the suggestions still wait, and an approval still completes one
    const inbox = await api.get<{ items: Array<{ id: string; caseId: string }> }>('/inbox');
    expect(inbox.body.items.map((i) => i.caseId).sort()).toEqual(['w0', 'w1', 'w2']);
  }, 120_000);
});

describe('tool concurrency', () => {
  it('holds across two processes: at most 2 calls of the tool at once', async () => {
    const { pool, token, spawn } = await setUp('toolq');
    const args = ['--tool-concurrency', 'issueRefund=2', '--concurrency', '10'];
    const env = { SOP_TEST_TOOL_DELAY_MS: '250' };
    const p = await spawn(['--port', '0', '--executor-id', 'a', ...args], env);
    await spawn(['--worker', '--executor-id', 'b', ...args], env);
    const api = client(p.url!, token);
    const ids = Array.from({ length: 12 }, (_, i) => `t${i}`);
    await Promise.all(ids.map((caseId) => api.post('/cases', { caseId, attributes: auto })));
    for (const caseId of ids)
      expect([
        caseId,
        (await api.get<CaseBody>(`/cases/${caseId}?waitFor=done&timeoutMs=30000`)).body.case.status,
      ]).toEqual([caseId, 'done']);
    const overlap = await pool.query<{ most: string; calls: string; pids: string }>(
      `SELECT (SELECT max(n) FROM (SELECT (SELECT count(*) FROM test_calls o WHERE o.at <= c.at AND o.done_at > c.at) AS n FROM test_calls c) x) AS most,
              count(*) AS calls, count(DISTINCT pid) AS pids FROM test_calls`,
    );
    expect(Number(overlap.rows[0]!.calls)).toBe(ids.length);
    expect(Number(overlap.rows[0]!.most)).toBeLessThanOrEqual(2);
    console.log(
      `tool concurrency 2: ${overlap.rows[0]!.calls} calls from ${overlap.rows[0]!.pids} process(es), at most ${overlap.rows[0]!.most} at once`,
    );
  }, 120_000);
});

describe('circuit breaker', () => {
  it('opened by one process stops the calls of another; after its cool-down one trial closes it', async () => {
    const { pool, token, spawn } = await setUp('breaker');
    const args = ['--port', '0', '--breaker-failures', '3', '--breaker-cooldown', '600'];
    await pool.query(`INSERT INTO test_settings (key, value) VALUES ('fail', 'true')`);
    const first = await spawn([...args, '--executor-id', 'a']);
    let api = client(first.url!, token);
    const run = async (caseId: string, until: string) => {
      expect((await api.post('/cases', { caseId, attributes: auto })).status).toBe(201);
      return (await api.get<CaseBody>(`/cases/${caseId}?waitFor=${until}&timeoutMs=30000`)).body;
    };
    // three failed calls on process a: the tool fails, each case goes to a person
    for (const caseId of ['f0', 'f1', 'f2'])
      expect((await run(caseId, 'waiting')).waitingOn!.reasons.map((r) => r.kind)).toContain('tool-failed');
    const opened = await api.get<{ breakers: Array<{ tool: string; openedAt: string | null }> }>('/controls');
    expect(opened.body.breakers.find((b) => b.tool === 'issueRefund')?.openedAt).not.toBeNull();
    await first.stop();

    // process b never saw a failure itself: the breaker it reads is the shared one
    const second = await spawn([...args, '--executor-id', 'b']);
    api = client(second.url!, token);
    for (const caseId of ['g0', 'g1', 'g2', 'g3'])
      expect((await run(caseId, 'waiting')).waitingOn!.reasons.map((r) => r.kind)).toContain('breaker-open');
    const calls = async () =>
      (await pool.query<{ case_id: string }>(`SELECT case_id FROM test_calls ORDER BY id`)).rows.map((r) => r.case_id);
    expect(await calls()).toEqual(['f0', 'f1', 'f2']);

    // the tool is back and the operators end the cool-down: one trial call, it succeeds, the breaker closes
    await pool.query(`DELETE FROM test_settings WHERE key = 'fail'`);
    expect((await api.put('/controls/breaker', { cooldownSeconds: 0 })).status).toBe(200);
    expect((await run('h0', 'done')).case.status).toBe('done');
    expect((await run('h1', 'done')).case.status).toBe('done');
    expect(await calls()).toEqual(['f0', 'f1', 'f2', 'h0', 'h1']);
    const closed = await api.get<{ breakers: Array<{ tool: string; failures: number; openedAt: string | null }> }>(
      '/controls',
    );
    expect(closed.body.breakers.find((b) => b.tool === 'issueRefund')).toEqual({
      tool: 'issueRefund',
      failures: 0,
      openedAt: null,
    });
  }, 120_000);
});
