// `npm run test:pack`: the runtime package as an engineer installs it. Builds the entry points,
// packs the project (npm pack), unpacks the tarball into a temporary project (its dependencies
// xstate and cel-js linked from this checkout: the check runs offline), exports the refund sample
// as a TypeScript module importing `sop-studio/cel`, compiles it and a caller using
// `sop-studio/runtime` with `tsc --strict`, and runs one case: the auto branch must reach "done".
// Kept out of `vitest run` (a build and a pack take ~30 s on a small machine).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });
const dir = mkdtempSync(join(tmpdir(), 'sop-pack-'));
try {
  run(process.execPath, ['scripts/build-lib.mjs']);
  run(process.execPath, ['scripts/build-cli.mjs']);
  const tgz = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]))[0].filename;
  const project = join(dir, 'project');
  const pkg = join(project, 'node_modules', 'sop-studio');
  mkdirSync(pkg, { recursive: true });
  run('tar', ['-xzf', join(dir, tgz), '-C', pkg, '--strip-components=1']);
  mkdirSync(join(project, 'node_modules', '@marcbachmann'), { recursive: true });
  for (const dep of ['xstate', '@marcbachmann/cel-js'])
    symlinkSync(join(repo, 'node_modules', dep), join(project, 'node_modules', dep), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }));
  // the installed command starts from its bundle: tsx is not installed here, so a missing or
  // stale bundle (npm pack rewrites mtimes: the stamp's hashes decide) would fail this
  const version = run(process.execPath, [join(pkg, 'bin', 'sop-studio.mjs'), '--version'], {
    cwd: project,
    env: { ...process.env, SOP_STUDIO_CLI: 'bundle' },
  }).trim();
  if (version !== `sop-studio ${JSON.parse(run('node', ['-p', 'JSON.stringify(require("./package.json").version)']))}`)
    throw new Error(`unexpected --version: ${version}`);

  const graph = join(dir, 'refund.sop.json');
  copyFileSync(join(repo, 'samples', 'refund.sop.json'), graph);
  run(process.execPath, [
    'bin/sop-studio.mjs',
    'export',
    graph,
    '--format',
    'ts',
    '--cel-module',
    'sop-studio/cel',
    '-o',
    join(project, 'machine.ts'),
    '--signed-off-by',
    'pack-check',
  ]);
  writeFileSync(
    join(project, 'main.ts'),
    `import { createActor } from 'xstate';
import { createRunner, verifyAuditText } from 'sop-studio/runtime';
import { machine } from './machine.js';

// the runtime entry is typed: its exports are functions
const entries: Array<(...args: never[]) => unknown> = [createRunner, verifyAuditText];
const actor = createActor(machine, { input: { case: { amount: 40, fraudScore: 0.1 } } }).start();
console.log(JSON.stringify({ value: actor.getSnapshot().value, status: actor.getSnapshot().status, entries: entries.length }));
`,
  );
  run(
    process.execPath,
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '--strict',
      '--target',
      'es2022',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      '--lib',
      'es2023,dom',
      '--outDir',
      'out',
      'main.ts',
      'machine.ts',
    ],
    { cwd: project },
  );
  const out = JSON.parse(run(process.execPath, ['out/main.js'], { cwd: project }));
  if (out.value !== 'done' || out.status !== 'done' || out.entries !== 2)
    throw new Error(`unexpected run: ${JSON.stringify(out)}`);
  console.log(
    `pack-check: ${tgz} installs; its bin starts from the CLI bundle (${version}); the exported module compiles with tsc --strict against sop-studio/cel and runs a case to "done"`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
