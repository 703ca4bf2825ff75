/**
 * Agents bench (issue #12): `node bin/run-ts.mjs bench/agents.ts`
 *
 * 1. Learned agent vs rules agent on the planted refund history (BENCH_AGENT_CASES, comma list,
 *    default 1000000): each run in its own process (its own peak RSS). learned = split by time,
 *    build the training views, train a forest per decision state, score the later 30%; rules =
 *    replay every case. Ratio = learned / rules, CPU time, same process-per-run set-up.
 * 2. Model agent throughput against a local OpenAI-compatible server (bench/chatServer.mjs, a
 *    separate process on 127.0.0.1) at concurrency 1 and 8, with the server answering at once and
 *    after MODEL_LATENCY_MS (default 50: a stand-in for model time), then a rerun on the filled
 *    on-disk cache (cli/node/fileResponseStore): zero requests.
 * Prints tables and the machine load (uptime) before and after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileResponseStore } from '../cli/node/fileResponseStore';
import { compareAgents, modelPolicy, type ResponseStore } from '../shared/agents';
import { plantedHistory, refundGraph } from '../shared/agents/testHistory';

const root = resolve(import.meta.dirname, '..');
const sizes = (process.env.BENCH_AGENT_CASES ?? '1000000').split(',').map(Number);
const modelCases = Number(process.env.MODEL_CASES ?? 1500);
const latency = Number(process.env.MODEL_LATENCY_MS ?? 50);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

interface TaskResult {
  mode: string;
  cases: number;
  scoredCases: number;
  steps: number;
  ms: number;
  cpuMs: number;
  trainMs: number;
  trainCpuMs: number;
  afterGenRssMB: number;
  maxRssMB: number;
  refundDisagreement: number | null;
}

function task(mode: 'rules' | 'learned', n: number): TaskResult {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=6000', join(root, 'bin/run-ts.mjs'), join(root, 'bench/agentsTask.ts'), mode, String(n)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`${mode} ${n} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TaskResult;
}

async function startServer(
  latencyMs: number,
): Promise<{ base: string; count: () => Promise<number>; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'bench/chatServer.mjs')], {
    env: { ...process.env, LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r));
  const base = `http://127.0.0.1:${port}`;
  return {
    base: `${base}/v1`,
    count: async () => Number(await (await fetch(`${base}/count`)).text()),
    stop: () => child.kill(),
  };
}

interface ModelRow {
  latencyMs: number;
  concurrency: number;
  cache: string;
  decisions: number;
  requests: number;
  ms: number;
}

async function modelRun(
  base: string,
  concurrency: number,
  cache: ResponseStore | undefined,
): Promise<Omit<ModelRow, 'latencyMs' | 'cache'>> {
  const cases = plantedHistory(modelCases, 5);
  const policy = modelPolicy({ baseUrl: base, model: 'bench', concurrency, ...(cache ? { cache } : {}) });
  const t0 = performance.now();
  const cmp = await compareAgents(refundGraph, cases, [policy]);
  const ms = performance.now() - t0;
  const s = cmp.policies[0]!.summary as { requests: number; cacheHits: number; failures: number };
  if (s.failures) throw new Error(`${s.failures} model calls failed`);
  return { concurrency, decisions: s.requests + s.cacheHits, requests: s.requests, ms };
}

const f1 = (x: number) => x.toFixed(1);
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(`load before: ${load()} (1/5/15 min, ${os.cpus().length} cores), node ${process.version}`);
console.log('\nlearned vs rules on the planted refund history (CPU time; wall in brackets)');
console.log(
  '| cases | rules: replay all | learned: train + score later 30% | of which training (forest) | learned / rules (CPU) | peak RSS rules / learned | refund-branch disagreement rules / learned |',
);
console.log('|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const rules = task('rules', n);
  const learned = task('learned', n);
  console.log(
    `| ${n.toLocaleString('en-US')} | ${s1(rules.cpuMs)} (${s1(rules.ms)}) | ${s1(learned.cpuMs)} (${s1(learned.ms)}) | ${s1(learned.trainCpuMs)} (${s1(learned.trainMs)}) | ${f1(learned.cpuMs / rules.cpuMs)}× | ${rules.maxRssMB} / ${learned.maxRssMB} MB (after generating the cases: ${rules.afterGenRssMB} / ${learned.afterGenRssMB}) | ${f1(rules.refundDisagreement! * 100)}% / ${f1(learned.refundDisagreement! * 100)}% |`,
  );
}

console.log(
  `\nmodel agent against a local OpenAI-compatible server on 127.0.0.1 (${modelCases.toLocaleString('en-US')} cases)`,
);
console.log('| server latency | concurrency | cache | decisions | requests | time | requests/s | decisions/s |');
console.log('|---|---|---|---|---|---|---|---|');
const rows: ModelRow[] = [];
for (const lat of [0, latency]) {
  const server = await startServer(lat);
  try {
    for (const concurrency of [1, 8])
      rows.push({ latencyMs: lat, cache: 'none', ...(await modelRun(server.base, concurrency, undefined)) });
    const dir = mkdtempSync(join(os.tmpdir(), 'sop-bench-cache-'));
    try {
      rows.push({
        latencyMs: lat,
        cache: 'filling (disk)',
        ...(await modelRun(server.base, 8, fileResponseStore(dir))),
      });
      const before = await server.count();
      const rerun = await modelRun(server.base, 8, fileResponseStore(dir));
      if ((await server.count()) !== before || rerun.requests !== 0) throw new Error('the cached rerun made requests');
      rows.push({ latencyMs: lat, cache: 'rerun (all hits)', ...rerun });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    server.stop();
  }
}
for (const r of rows) {
  const secs = r.ms / 1000;
  console.log(
    `| ${r.latencyMs} ms | ${r.concurrency} | ${r.cache} | ${r.decisions} | ${r.requests} | ${s1(r.ms)} | ${r.requests ? f1(r.requests / secs) : '0'} | ${f1(r.decisions / secs)} |`,
  );
}
console.log(`\nload after: ${load()}`);
