// Build the package entry points `sop-studio/runtime` and `sop-studio/cel` (package.json
// "exports"): one ESM bundle each (esbuild; xstate and cel-js stay dependencies, not inlined)
// plus .d.ts declarations (tsc, tsconfig.lib.json). shared/ is pure TypeScript, so the bundles
// run in Node, workers and browsers alike.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/lib', { recursive: true, force: true });
await build({
  entryPoints: { runtime: 'shared/runtime/index.ts', cel: 'shared/expr/cel.ts' },
  outdir: 'dist/lib',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['xstate', '@marcbachmann/cel-js'],
  logLevel: 'warning',
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
