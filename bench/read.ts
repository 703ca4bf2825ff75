/**
 * `npm run bench:read` (also the second half of `npm run bench`): how close each log reader runs
 * to the floor its bytes set, on the same generated events in every format (bench/readLogs.ts).
 *
 * Per format, in separate processes (bench/readTask.ts, bundled as the CLI is): the floor, readCases end to end, and
 * simulate end to end (read + replay of samples/ticket-routing.sop.json); then readCases on a log
 * a tenth as long, for the memory check. READ_CASES sets the size (default 230,000 cases ≈ 1 M
 * events), READ_RUNS how often each measurement runs (default 3; the least CPU is kept). CPU time is the figure to compare on a shared machine; wall time and load are printed.
 * Writes bench/READ_RESULTS.md, keeping its notes (the sections from its first ##/### heading on).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BENCH_FORMATS, benchLog, type BenchFormat } from './readLogs';

const N = Number(process.env.READ_CASES ?? 230_000);
const SEED = 20240601;
const root = resolve(import.meta.dirname, '..');
const graph = join(root, 'samples/ticket-routing.sop.json');

interface Measured {
  mode: string;
  cases?: number;
  events?: number;
  ms: number;
  cpuMs: number;
  maxRssMB: number;
}

/**
 * bench/readTask.ts bundled as `npm run build:cli` bundles the command line (scripts/build-cli.mjs:
 * esbuild, packages external, Node 20 target): the published `sop-studio` runs such a bundle, not
 * tsx, so the bench measures the code a user runs. Every mode, the floor included, runs from it.
 */
// packages external: the bundle sits in the project (.bench/, git-ignored) to resolve them from node_modules
const bundled = join(root, '.bench', `readTask-${process.pid}.mjs`);
await build({
  absWorkingDir: root,
  entryPoints: ['bench/readTask.ts'],
  outfile: bundled,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
process.on('exit', () => rmSync(bundled, { force: true }));

function task(mode: string, log: string, nodeFlags: string[] = []): Measured {
  const r = spawnSync(process.execPath, [...nodeFlags, bundled, mode, log, graph], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`read bench ${mode} ${log} ${nodeFlags.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const s = (ms: number) => (ms / 1000).toFixed(2);
const FLOOR: Record<BenchFormat, string> = {
  csv: 'read + split every field on ","',
  jsonl: 'read + JSON.parse every line',
  xes: 'read + decode + split lines',
  'xes.gz': 'gunzip + decode + split lines',
};

console.log(
  `SOP Studio read bench — ${fmt(N)} generated cases (tickets model, seed ${SEED}), load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const logs = {} as Record<BenchFormat, string>;
const short = {} as Record<BenchFormat, string>;
for (const f of BENCH_FORMATS) {
  logs[f] = await benchLog(f, N, SEED);
  short[f] = await benchLog(f, Math.max(1, Math.round(N / 10)), SEED);
}
/** Old-space limit (MB) the whole log must be read within: the live set stays flat. */
const BOUNDED_HEAP_MB = 64;
const RUNS = Math.max(1, Number(process.env.READ_RUNS ?? 3));
const MODES = ['floor', 'read', 'simulate'] as const;
// Each measurement RUNS times, interleaved (all formats and modes once, then again), and the run
// with the least CPU kept: on a shared machine another job only ever adds time, and the first
// pass also reads the logs into the page cache (a cold floor was 5× slower in wall time).
const samples = new Map<string, Measured[]>();
const passLoads: string[] = [];
for (let run = 0; run < RUNS; run++) {
  passLoads.push(os.loadavg()[0]!.toFixed(1));
  for (const f of BENCH_FORMATS) {
    for (const mode of MODES) {
      const key = `${f} ${mode}`;
      samples.set(key, [...(samples.get(key) ?? []), task(mode, logs[f])]);
    }
  }
}
const best = (f: BenchFormat, mode: string) =>
  samples.get(`${f} ${mode}`)!.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
const median = (f: BenchFormat, mode: string) => {
  const xs = samples
    .get(`${f} ${mode}`)!
    .map((m) => m.cpuMs)
    .sort((a, b) => a - b);
  return xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
};
const rows: Array<{ f: BenchFormat; floor: Measured; read: Measured; sim: Measured; small: Measured }> = [];
for (const f of BENCH_FORMATS) {
  const floor = best(f, 'floor');
  const read = best(f, 'read');
  const sim = best(f, 'simulate');
  const small = task('read', short[f]);
  // Peak RSS grows with the log because V8 sizes its heap by the allocation rate; what the reader
  // keeps is shown by reading the whole log in an old space far smaller than the cases it yields.
  task('read', logs[f], [`--max-old-space-size=${BOUNDED_HEAP_MB}`]);
  rows.push({ f, floor, read, sim, small });
  console.log(
    `  ${f.padEnd(7)} floor ${s(floor.cpuMs)} s  read ${s(read.cpuMs)} s (${(read.cpuMs / floor.cpuMs).toFixed(2)}×)  simulate ${s(sim.cpuMs)} s (${(sim.cpuMs / floor.cpuMs).toFixed(2)}×)  RSS ${small.maxRssMB}→${read.maxRssMB} MB`,
  );
}
const by = (f: BenchFormat) => rows.find((r) => r.f === f)!;
const events = by('csv').read.events ?? 0;
const sameCounts = rows.every((r) => r.read.events === events && r.read.cases === by('csv').read.cases);
const load = os.loadavg()[0]!.toFixed(1);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (x: number, target: number) => (x <= target ? 'met' : 'NOT met');
const csv = by('csv');
const xes = by('xes');
const jsonl = by('jsonl');
const lines = [
  `# Read benchmark results`,
  ``,
  `Measured with \`npm run bench:read\` (READ_CASES=${N}, READ_RUNS=${RUNS}: each figure the least CPU of ${RUNS} interleaved runs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load average ${passLoads.join(', ')} at the start of each pass and ${load} at the end (shared machine: compare CPU times).`,
  `Log: ${fmt(csv.read.cases ?? 0)} cases, ${fmt(events)} events, the same events in every format (bench/readLogs.ts); every reader returned the same case and event counts: ${sameCounts ? 'yes' : 'NO'}.`,
  ``,
  `| format | size | floor (what it is) | floor CPU | read CPU | read / floor | simulate CPU | simulate / floor | events/s (simulate, CPU) | peak RSS, ${fmt(by('csv').small.cases ?? 0)} → ${fmt(csv.read.cases ?? 0)} cases |`,
  `|---|---|---|---|---|---|---|---|---|---|`,
  ...rows.map(
    (r) =>
      `| ${r.f} | ${(statSync(logs[r.f]).size / 1e6).toFixed(1)} MB | ${FLOOR[r.f]} | ${s(r.floor.cpuMs)} s | ${s(r.read.cpuMs)} s | ${ratio(r.read.cpuMs, r.floor.cpuMs)} | ${s(r.sim.cpuMs)} s | ${ratio(r.sim.cpuMs, r.floor.cpuMs)} | ${fmt(events / (r.sim.cpuMs / 1000))} | ${r.small.maxRssMB} → ${r.read.maxRssMB} MB |`,
  ),
  ``,
  `- Memory: every format's full log was also read with \`--max-old-space-size=${BOUNDED_HEAP_MB}\` (it fails otherwise): what a reader keeps does not grow with the log; the peak RSS above grows because V8 sizes its heap by the allocation rate.`,
  `- CSV simulate / field-split floor: **${ratio(csv.sim.cpuMs, csv.floor.cpuMs)}** (target ≤ 2.5×) — ${verdict(csv.sim.cpuMs / csv.floor.cpuMs, 2.5)}; read only ${ratio(csv.read.cpuMs, csv.floor.cpuMs)}.`,
  `- XES / CSV, same events: simulate **${ratio(xes.sim.cpuMs, csv.sim.cpuMs)}**, read ${ratio(xes.read.cpuMs, csv.read.cpuMs)} (target ≤ 1.5×) — ${verdict(xes.sim.cpuMs / csv.sim.cpuMs, 1.5)}.`,
  `- JSONL simulate / JSON.parse floor: **${ratio(jsonl.sim.cpuMs, jsonl.floor.cpuMs)}** (target ≤ 2×) — ${verdict(jsonl.sim.cpuMs / jsonl.floor.cpuMs, 2)}; read only ${ratio(jsonl.read.cpuMs, jsonl.floor.cpuMs)}.`,
  `- XES.gz simulate / gunzip floor: ${ratio(by('xes.gz').sim.cpuMs, by('xes.gz').floor.cpuMs)}.`,
  `- Medians of the ${RUNS} runs: CSV simulate / floor ${ratio(median('csv', 'simulate'), median('csv', 'floor'))}, XES / CSV ${ratio(median('xes', 'simulate'), median('csv', 'simulate'))}, JSONL simulate / floor ${ratio(median('jsonl', 'simulate'), median('jsonl', 'floor'))}.`,
  `- Wall times (s), floor/read/simulate: ${rows.map((r) => `${r.f} ${s(r.floor.ms)}/${s(r.read.ms)}/${s(r.sim.ms)}`).join('; ')}.`,
];
console.log('');
for (const l of lines.slice(2)) console.log(l);
// the notes kept for comparison (every section from the first "##"/"###" heading on: earlier
// sessions' A/B runs, the "## Before" baseline) survive the rewrite of the generated part
const resultsPath = join(root, 'bench/READ_RESULTS.md');
const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const before = previous.search(/\n#{2,3} /);
writeFileSync(resultsPath, lines.join('\n') + '\n' + (before >= 0 ? previous.slice(before) : ''));
console.log('\nwritten to bench/READ_RESULTS.md');
