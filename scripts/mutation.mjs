// npm run test:mutation [-- <folder>...] — Stryker over the given folders (default: all of them in
// stryker.config.mjs), one process tree. Stryker's own --mutate flag replaces the config's list,
// test-support exclusions included, so the folders are turned into patterns here with the same
// exclusions. Stryker 10 (Babel 8) needs Node >= 22.18: it runs under the registry's `node@22`
// package, as `npm run make` does, while the repo itself stays on Node 20.
import { spawnSync } from 'node:child_process';
import config, { mutationFolders, notProduct } from '../stryker.config.mjs';

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
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith('-')) folders.push(a);
  else if (a.includes('=') || BOOLEAN_FLAGS.has(a) || i + 1 >= args.length) passThrough.push(a);
  else passThrough.push(a, args[++i]);
}
for (const f of folders) {
  if (!mutationFolders.includes(f.replace(/\/+$/, ''))) {
    console.error(`test:mutation: ${JSON.stringify(f)} is not one of: ${mutationFolders.join(', ')}`);
    process.exit(2);
  }
}
const mutate =
  folders.length === 0 ? config.mutate : [...folders.map((f) => `${f.replace(/\/+$/, '')}/**/*.ts`), ...notProduct];
const result = spawnSync(
  'npx',
  [
    '-y',
    '-p',
    'node@22.23.3',
    '--',
    'stryker',
    'run',
    'stryker.config.mjs',
    '--mutate',
    mutate.join(','),
    ...passThrough,
  ],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
