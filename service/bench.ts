/**
 * Bench: cases/s and p50/p95 step latency of the service with one and with two processes on one
 * PostgreSQL, and of the in-memory runner on the same graph and cases, in one run.
 * `node bin/run-ts.mjs service/bench.ts [cases]` (default 1000). Step latency: the time between
 * consecutive audit records of a case (each record is one effect of a step: a decision, a tool
 * call, a route), so it includes the database round trips a durable step costs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { memoryAuditSink } from '../shared/runtime/audit';
import { createRunner } from '../shared/runtime/runner';
import { refundGraph } from '../shared/runtime/testGraph';
import { client, issueToken, spawnService, writeGraph, type ServiceProcess } from './testing/harness';
import { startTestPostgres } from './testing/pg';

const N = Number(process.argv[2] ?? 1000);
const graph = refundGraph({ rollout: 'autonomy', issueRefund: { rate: { maxRetries: 0 } } });
const graphFile = writeGraph(graph);
const toolsFile = path.join(mkdtempSync(path.join(tmpdir(), 'sop-bench-')), 'tools.mjs');
writeFileSync(
  toolsFile,
  `export const tools = { issueRefund: async (p, ctx) => ({ ref: ctx.idempotencyKey }), reverseRefund: async () => ({}) };\n`,
);
const cases = Array.from({ length: N }, (_, i) => ({
  caseId: `b${i}`,
  attributes: { amount: 20 + (i % 50), fraudScore: 0.05 },
}));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function serviceRun(
  label: string,
  workers: number,
  cluster: Awaited<ReturnType<typeof startTestPostgres>>,
  dbName: string,
) {
  const db = cluster.database(dbName);
  const token = await issueToken(graphFile, db, 'operator:bench');
  const procs: ServiceProcess[] = [
    await spawnService([graphFile, '--db', db, '--port', '0', '--tools', toolsFile, '--executor-id', 'api']),
  ];
  for (let w = 1; w < workers; w++)
    procs.push(await spawnService([graphFile, '--db', db, '--tools', toolsFile, '--worker', '--executor-id', `w${w}`]));
  const api = client(procs[0]!.url!, token);
  const t0 = performance.now();
  for (let i = 0; i < cases.length; i += 50)
    await Promise.all(cases.slice(i, i + 50).map((c) => api.post('/cases', c)));
  for (const c of cases) await api.get(`/cases/${c.caseId}?waitFor=done&timeoutMs=30000`);
  const seconds = (performance.now() - t0) / 1000;
  const pool = new pg.Pool({ connectionString: db, max: 2 });
  const gaps = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM ts - lag(ts) OVER (PARTITION BY case_id ORDER BY seq)) * 1000 AS ms FROM sop.audit`,
  );
  const ms = gaps.rows.map((r) => Number(r.ms)).filter((x) => Number.isFinite(x));
  const by = await pool.query<{ executor_id: string; n: string }>(
    `SELECT executor_id, count(*) AS n FROM dbos.workflow_status WHERE workflow_uuid LIKE 'case:%' GROUP BY 1 ORDER BY 1`,
  );
  const done = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sop.cases WHERE status = 'done'`);
  await pool.end();
  for (const p of procs) await p.stop();
  return {
    label,
    cases: N,
    done: Number(done.rows[0]!.n),
    seconds: +seconds.toFixed(2),
    casesPerSecond: +(N / seconds).toFixed(1),
    stepP50ms: +quantile(ms, 0.5).toFixed(1),
    stepP95ms: +quantile(ms, 0.95).toFixed(1),
    byExecutor: Object.fromEntries(by.rows.map((r) => [r.executor_id, Number(r.n)])),
  };
}

async function memoryRun() {
  const stamps: number[] = [];
  const sink = memoryAuditSink();
  const runner = createRunner(graph, {
    tools: { issueRefund: async (_p, ctx) => ({ ref: ctx.idempotencyKey }) },
    audit: { append: (l: string, r) => (stamps.push(performance.now()), sink.append(l, r)) },
    environment: 'staging',
  });
  const t0 = performance.now();
  await runner.runCases(cases);
  const seconds = (performance.now() - t0) / 1000;
  const gaps: number[] = [];
  const lastOf = new Map<string, number>();
  runner.audit.records.forEach((r, i) => {
    const prev = lastOf.get(r.caseId);
    if (prev !== undefined) gaps.push(stamps[i]! - prev);
    lastOf.set(r.caseId, stamps[i]!);
  });
  return {
    label: 'in-memory runner',
    cases: N,
    seconds: +seconds.toFixed(3),
    casesPerSecond: +(N / seconds).toFixed(1),
    stepP50ms: +quantile(gaps, 0.5).toFixed(3),
    stepP95ms: +quantile(gaps, 0.95).toFixed(3),
  };
}

const cluster = await startTestPostgres();
try {
  const rows = [
    await serviceRun('service, 1 process', 1, cluster, 'bench1'),
    await serviceRun('service, 2 processes', 2, cluster, 'bench2'),
    await memoryRun(),
  ];
  for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
  process.stdout.write(
    `in-memory / 1-process service throughput: ${(rows[2]!.casesPerSecond / rows[0]!.casesPerSecond).toFixed(1)}x\n`,
  );
} finally {
  cluster.stop();
}
