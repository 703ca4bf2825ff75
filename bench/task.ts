/**
 * One measurement, in its own process so its peak RSS is its own:
 *   node bin/run-ts.mjs bench/task.ts <parse|simulate|replay|naive> <graph.json> <log.csv> [limit]
 * Prints one JSON line: { mode, cases, events, ms, maxRssMB, ... }.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openFile } from '../cli/node/openFile';
import { readCases } from '../shared/import';
import { parseGraphDocument } from '../shared/model/parse';
import type { RecordedCase } from '../shared/model/types';
import { compileGraph, simulate } from '../shared/replay';
import { naiveReplay } from './naive';

const [mode, graphPath, logPath, limitArg] = process.argv.slice(2);
const parsed = parseGraphDocument(readFileSync(graphPath!, 'utf8'));
if (!parsed.ok) throw new Error(`bad graph: ${parsed.errors[0]?.message}`);
const doc = parsed.doc;
const limit = limitArg ? Number(limitArg) : Infinity;
const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cases = () => readCases(openFile(logPath!, false), { format: 'csv' });

async function firstCases(n: number): Promise<RecordedCase[]> {
  const out: RecordedCase[] = [];
  for await (const c of cases()) {
    out.push(c);
    if (out.length >= n) break;
  }
  return out;
}

/** CPU time (user + system) of this process so far, ms: steadier than wall time on a shared machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<Record<string, unknown>> {
  if (mode === 'parse') {
    // read and build the cases, nothing else: the floor for simulate
    const t0 = performance.now();
    const c0 = cpuMs();
    let n = 0;
    let events = 0;
    for await (const c of cases()) {
      n++;
      events += c.events.length;
    }
    return { cases: n, events, ms: performance.now() - t0, cpuMs: cpuMs() - c0 };
  }
  if (mode === 'simulate') {
    const t0 = performance.now();
    const c0 = cpuMs();
    const r = await simulate(doc, cases());
    return {
      cases: r.totals.cases,
      steps: r.totals.steps,
      ms: performance.now() - t0,
      cpuMs: cpuMs() - c0,
      totals: r.totals,
    };
  }
  if (mode === 'replay') {
    // replay only: cases already in memory, best of 3 passes
    const list = await firstCases(limit);
    const g = compileGraph(doc);
    let best = Infinity;
    let bestCpu = Infinity;
    let steps = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const r = await simulate(g, list);
      best = Math.min(best, performance.now() - t0);
      bestCpu = Math.min(bestCpu, cpuMs() - c0);
      steps = r.totals.steps;
    }
    return { cases: list.length, steps, ms: best, cpuMs: bestCpu };
  }
  if (mode === 'naive') {
    const list = await firstCases(limit);
    const t0 = performance.now();
    const c0 = cpuMs();
    const naive = naiveReplay(doc, list);
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    const fast = (await simulate(doc, list)).totals;
    const same = (
      [
        'cases',
        'conformant',
        'steps',
        'agree',
        'autoSteps',
        'suggestSteps',
        'overrides',
        'autoErrors',
        'guardrailTrips',
      ] as const
    ).every((k) => naive[k] === fast[k]);
    return { cases: list.length, steps: naive.steps, ms, cpuMs: cpu, sameCountsAsSimulate: same, naive };
  }
  throw new Error(`unknown mode ${mode}`);
}

const result = await main();
console.log(JSON.stringify({ mode, ...result, maxRssMB: rssMB() }));
