// `npm run build:cli`: the command line as one esbuild bundle (dist/cli/), so `sop-studio` starts
// without compiling TypeScript on every run (tsx stays the development path: bin/sop-studio.mjs
// falls back to it when the bundle is absent or older than its sources — see bin/cliBundle.mjs).
// - splitting: each command stays a lazily imported chunk, so --help loads only the dispatcher;
// - packages stay external (resolved from node_modules at run time, as with tsx);
// - every chunk sits directly in dist/cli/, two levels under the package root like cli/commands/,
//   so source paths resolved from import.meta.url (export's CEL module) still point into shared/;
// - stamp.json lists every bundled source with its size and sha256, for the freshness check;
// - built into a temporary folder and swapped in, so a concurrent `sop-studio` never sees half a build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist', 'cli');
const tmp = `${out}.build-${process.pid}`;
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

rmSync(tmp, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts' },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { __SOP_STUDIO_VERSION__: JSON.stringify(version) },
  metafile: true,
  logLevel: 'warning',
});
const inputs = {};
for (const file of [...Object.keys(result.metafile.inputs), 'package.json']) {
  const bytes = readFileSync(join(root, file));
  inputs[file] = {
    size: bytes.length,
    mtimeMs: statSync(join(root, file)).mtimeMs,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
writeFileSync(join(tmp, 'stamp.json'), JSON.stringify({ version, builtAt: new Date().toISOString(), inputs }));
const old = `${out}.old-${process.pid}`;
if (existsSync(out)) renameSync(out, old);
renameSync(tmp, out);
rmSync(old, { recursive: true, force: true });
console.log(
  `build:cli: ${Object.keys(inputs).length} sources → dist/cli (${Object.keys(result.metafile.outputs).length} files)`,
);
