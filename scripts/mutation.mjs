// npm run test:mutation [-- <folder>...] — Stryker over the given folders (default: all of them in
// stryker.config.mjs), one Stryker run per folder so each folder gets its own score and cache.
// Stryker's own --mutate flag replaces the config's list, test-support exclusions included, so the
// folders are turned into patterns here with the same exclusions. Stryker 10 (Babel 8) needs
// Node >= 22.18: it runs under the registry's `node@22` package, as `npm run make` does.
//
// Incremental across clones: each folder's incremental result is kept gzipped in mutation-cache/
// (tracked; a few hundred KB) and unpacked under reports/ (ignored) for the run, then packed back.
// A fresh clone — every CI machine and every new session — so re-tests only the mutants whose code
// or covering tests changed, instead of hours of full runs on two cores. `--incrementalFile x` or
// `--force` on the command line opt out (the cache is then neither read nor written).
//
// A time budget: `--minutes N` stops Stryker after N minutes. Stryker then saves the mutants it has
// tested as a partial incremental report; that is packed into the cache like a finished run's, so a
// folder too large for one sitting (shared/import: ~4,000 mutants) is measured over several runs,
// each testing only what the earlier ones did not. A stopped run's score is printed as partial.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import config, { mutationFolders, notProduct } from '../stryker.config.mjs';
import { folderScore, formatScore } from './mutationScore.mjs';

const root = resolve(import.meta.dirname, '..');

// Stryker's flags that take no value; every other flag takes the next argument (or `--flag=value`),
// so `--incrementalFile reports/x.json` is passed through instead of being read as a folder.
const BOOLEAN_FLAGS = new Set([
  '--ignoreStatic',
  '--incremental',
  '--force',
  '--dryRunOnly',
  '--allowEmpty',
  '--inPlace',
]);
const args = process.argv.slice(2);
const folders = [];
const passThrough = [];
let budgetMinutes = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--minutes' || a.startsWith('--minutes=')) {
    const text = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    budgetMinutes = Number(text);
    if (!(budgetMinutes > 0)) {
      console.error(`test:mutation: --minutes needs a positive number of minutes, not ${JSON.stringify(text)}`);
      process.exit(2);
    }
  } else if (!a.startsWith('-')) folders.push(a.replace(/\/+$/, ''));
  else if (a.includes('=') || BOOLEAN_FLAGS.has(a) || i + 1 >= args.length) passThrough.push(a);
  else passThrough.push(a, args[++i]);
}
for (const f of folders) {
  if (!mutationFolders.includes(f)) {
    console.error(`test:mutation: ${JSON.stringify(f)} is not one of: ${mutationFolders.join(', ')}`);
    process.exit(2);
  }
}
const ownCache = !passThrough.some((a) => /^--(incrementalFile|force)\b/.test(a));
const onlyFiles = passThrough.some((a) => a.startsWith('--mutate'));

/** The folder's cache name: shared/expr → mutation-cache/shared__expr.json.gz. */
const cachePath = (folder) => join(root, 'mutation-cache', `${folder.replaceAll('/', '__')}.json.gz`);

async function runFolder(folder) {
  const unpacked = join(root, 'reports', 'mutation', `incremental-${folder.replaceAll('/', '__')}.json`);
  const packed = cachePath(folder);
  const cacheArgs = [];
  // A --mutate=<file> run sees only part of the folder: it must not overwrite the folder's cache.
  if (ownCache && !onlyFiles) {
    mkdirSync(dirname(unpacked), { recursive: true });
    if (existsSync(packed)) writeFileSync(unpacked, gunzipSync(readFileSync(packed)));
    cacheArgs.push('--incrementalFile', unpacked);
  }
  const before = existsSync(unpacked) ? statSync(unpacked).mtimeMs : 0;
  const mutate = [`${folder}/**/*.ts`, ...notProduct];
  const status = await runStryker([
    '-y',
    '-p',
    'node@22.23.3',
    '--',
    'stryker',
    'run',
    'stryker.config.mjs',
    '--mutate',
    mutate.join(','),
    ...cacheArgs,
    ...passThrough,
  ]);
  const stopped = status !== 0;
  // a finished run's result, or what a stopped run saved (Stryker writes it on SIGTERM/SIGINT)
  const saved = existsSync(unpacked) && statSync(unpacked).mtimeMs > before;
  if (stopped && saved && cacheArgs.length > 0) {
    mkdirSync(dirname(packed), { recursive: true });
    writeFileSync(packed, gzipSync(readFileSync(unpacked), { level: 9 }));
    const sofar = folderScore(JSON.parse(readFileSync(unpacked, 'utf8')));
    console.log(`test:mutation: ${folder} partial (stopped; re-run to test the rest) so far ${formatScore(sofar)}`);
    return 1;
  }
  if (status === 0 && cacheArgs.length > 0 && existsSync(unpacked)) {
    mkdirSync(dirname(packed), { recursive: true });
    writeFileSync(packed, gzipSync(readFileSync(unpacked), { level: 9 }));
  }
  const report = join(root, config.jsonReporter.fileName);
  if (status === 0 && existsSync(report)) {
    const score = folderScore(JSON.parse(readFileSync(report, 'utf8')));
    console.log(`test:mutation: ${folder} ${formatScore(score)}`);
    // Stryker writes one report per run; keep each folder's next to it so a multi-folder run loses none.
    writeFileSync(report.replace(/\.json$/, `-${folder.replaceAll('/', '__')}.json`), readFileSync(report));
  }
  return status;
}

/**
 * Runs `npx …` in its own process group. The budget (and a Ctrl+C here) is an interrupt sent to the
 * whole group: Stryker itself must get it to save its partial report — a signal to npx alone left
 * Stryker running on, orphaned, with nothing saved. Waits until every process of the group is gone.
 */
async function runStryker(args) {
  const child = spawn('npx', args, { stdio: 'inherit', cwd: root, detached: true });
  const interrupt = () => {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // the group is already gone
    }
  };
  const timer = budgetMinutes === null ? undefined : setTimeout(interrupt, budgetMinutes * 60_000);
  process.on('SIGINT', interrupt);
  const code = await new Promise((resolvePromise) => {
    child.on('error', () => resolvePromise(1));
    child.on('exit', (c) => resolvePromise(c ?? 1));
  });
  clearTimeout(timer);
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      break; // ESRCH: nothing of the group is left
    }
    await sleep(500);
  }
  process.off('SIGINT', interrupt);
  return code;
}

let failed = 0;
for (const folder of folders.length > 0 ? folders : mutationFolders) {
  if ((await runFolder(folder)) !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
