/**
 * Browser import benchmark (not a test): imports a generated 1,000,000-event CSV into the built
 * web app (dist/renderer, `npm run build:web` first) through the real UI — file input, mapping
 * step, import worker, Dexie chunks — and measures, in one run:
 *   - events/s (wall time from "Import" to the dataset page, and the app's own import time);
 *   - peak JS heap of the page's main thread (performance.memory, precise) and peak RSS of the
 *     browser's renderer process(es), which include the import worker's heap;
 *   - the longest main-thread task while importing (PerformanceObserver 'longtask').
 * Writes the figures to e2e/IMPORT_BENCH.md.
 *
 *   node bin/run-ts.mjs bench/ui-import.ts [--events 1000000] [--port 4313]
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium } from '@playwright/test';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const EVENTS = Number(arg('events', '1000000'));
const PORT = Number(arg('port', '4313'));
const DIR = '/tmp/sop-ui-bench';
const CSV = `${DIR}/refund-${EVENTS}.csv`;

/** Seeded refund-like log (same shape as samples/cases/refund-history.csv), streamed to disk. */
async function generate(path: string, events: number): Promise<void> {
  let a = 7;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('case_id,activity,timestamp,agent_name,amount,fraudScore,customerTier\n');
  let n = 0;
  let t = Date.UTC(2023, 0, 1);
  let buf = '';
  for (let i = 1; n < events; i++) {
    const amount = Math.round(Math.exp(2 + rnd() * 5.2));
    const fraud = Math.round(rnd() ** 1.6 * 100) / 100;
    const tier = ['gold', 'silver', 'bronze'][i % 3];
    const acts = ['Triage request'];
    if (fraud >= 0.8) acts.push(rnd() < 0.7 ? 'Reject request' : 'Manual review', 'Reject request');
    else if (amount <= 100 && fraud < 0.3) acts.push('Issue refund');
    else acts.push('Manual review', rnd() < 0.7 ? 'Issue refund' : 'Reject request');
    if (rnd() < 0.5) acts.push('Send survey', 'Close ticket');
    t += 60_000;
    for (const act of acts) {
      if (n >= events) break;
      buf += `C${i},${act},${new Date(t + n * 1000).toISOString()},agent${n % 17},${amount},${fraud},${tier}\n`;
      n++;
    }
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** RSS (KB) of the browser's renderer processes: descendants of the browser with --type=renderer. */
function rendererRssKb(rootPid: number): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' }).trim().split('\n');
  const procs = rows.map((r) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(r)!;
    return { pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), args: m[4]! };
  });
  const mine = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => mine.has(p.pid) && p.args.includes('--type=renderer')).reduce((s, p) => s + p.rss, 0);
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no server at ${url}`);
}

async function main() {
  if (!existsSync('dist/renderer/index.html')) throw new Error('build the renderer first: npm run build:web');
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(CSV)) {
    console.log(`generating ${CSV} (${EVENTS} events)…`);
    await generate(CSV, EVENTS);
  }
  const bytes = statSync(CSV).size;
  const server = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--config',
      'vite.renderer.config.ts',
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
    ],
    { stdio: 'ignore' },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('open-file-input').setInputFiles('samples/refund.sop.json');
    await page.getByTestId('mode-simulate').click();
    await page.getByTestId('import-file').setInputFiles(CSV);
    await page.getByTestId('mapping-step').waitFor();
    await page.getByTestId('map-resource').selectOption('agent_name');
    // observers start right before the import, so page load and the mapping step do not count
    // a string, not a function: tsx's transform would add helpers (__name) the page does not have
    await page.evaluate(`(() => {
      const w = window;
      w.__bench = { longest: 0, longTasks: 0, heap: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__bench.longTasks++;
          w.__bench.longest = Math.max(w.__bench.longest, e.duration);
        }
      }).observe({ type: 'longtask' });
      setInterval(() => { w.__bench.heap = Math.max(w.__bench.heap, performance.memory ? performance.memory.usedJSHeapSize : 0); }, 50);
    })()`);
    let peakRss = 0;
    const rootPid = process.pid; // Playwright runs in this process and launches chromium as our child
    const progressTexts = new Set<string>();
    const loadBefore = loadavg()[0]!;
    const t0 = Date.now();
    await page.getByTestId('import-start').click();
    const sampler = setInterval(() => {
      if (rootPid) peakRss = Math.max(peakRss, rendererRssKb(rootPid));
      void page
        .getByTestId('import-progress')
        .textContent({ timeout: 50 })
        .then((t) => t && progressTexts.add(t))
        .catch(() => undefined);
    }, 250);
    await page.getByTestId('dataset-page').waitFor({ timeout: 15 * 60_000 });
    const wallMs = Date.now() - t0;
    clearInterval(sampler);
    const figures = await page.evaluate<{ longest: number; longTasks: number; heap: number }>('window.__bench');
    const cases = await page.getByTestId('ds-cases').textContent();
    const events = await page.getByTestId('ds-events').textContent();
    const appTime = await page.getByTestId('ds-import-time').textContent();
    const eventsPerSec = Math.round((EVENTS * 1000) / wallMs);
    // then a replay of the whole dataset in the replay worker (reads the chunks back from IndexedDB)
    await page.getByTestId('sim-tab-run').click();
    const r0 = Date.now();
    await page.getByTestId('run-start').click();
    await page.getByTestId('run-totals').waitFor({ timeout: 15 * 60_000 });
    const replayMs = Date.now() - r0;
    const casesImported = Number((cases ?? '0').replace(/,/g, ''));
    const lines = [
      '# Import benchmark (browser build)',
      '',
      `Measured by \`node bin/run-ts.mjs bench/ui-import.ts\` (after \`npm run build:web\`) on ${new Date().toISOString().slice(0, 10)}:`,
      `Debian chromium (headless), ${cpus().length} cores shared with other jobs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM;`,
      `1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after the import (other jobs were running:`,
      'every figure here is slower than on an idle machine, the longest task included).',
      'The log is imported through the real UI: file input → CSV mapping step → import worker (streams',
      '`file.stream()`, shared/import CSV reader) → Dexie chunks of 2,000 cases in IndexedDB.',
      '',
      '| figure | value |',
      '|---|---|',
      `| file | ${(bytes / 2 ** 20).toFixed(1)} MiB CSV, ${EVENTS.toLocaleString('en-US')} events |`,
      `| imported | ${cases} cases, ${events} events |`,
      `| wall time, click "Import" → dataset page | ${(wallMs / 1000).toFixed(1)} s |`,
      `| events/s (wall) | ${eventsPerSec.toLocaleString('en-US')} |`,
      `| the app's own figure | ${appTime?.trim()} |`,
      `| peak JS heap, main thread (performance.memory) | ${(figures.heap / 2 ** 20).toFixed(1)} MiB |`,
      `| peak RSS of the renderer process (page + import worker) | ${(peakRss / 1024).toFixed(0)} MiB |`,
      `| longest main-thread task while importing | ${figures.longest.toFixed(0)} ms (${figures.longTasks} tasks ≥ 50 ms) |`,
      `| distinct progress readings seen (every 250 ms) | ${progressTexts.size} |`,
      `| then: replay of all cases in the replay worker (chunks read back from IndexedDB) | ${(replayMs / 1000).toFixed(1)} s, ${Math.round((casesImported * 1000) / replayMs).toLocaleString('en-US')} cases/s |`,
      '',
      'Last progress line seen: `' + ([...progressTexts].pop() ?? '').replace(/\s+/g, ' ').trim() + '`',
      '',
    ];
    writeFileSync('e2e/IMPORT_BENCH.md', lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
