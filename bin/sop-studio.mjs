#!/usr/bin/env node
// The `sop-studio` command. Runs the esbuild bundle (dist/cli, `npm run build:cli`) when it is
// built from the sources as they are; otherwise — a fresh checkout, a source edited since the
// build — the TypeScript sources through tsx's loader, so no build step is ever required.
// SOP_STUDIO_CLI=source forces the tsx path; SOP_STUDIO_CLI=bundle refuses a missing/stale bundle.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from './cliBundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.env.SOP_STUDIO_CLI;
const why = {};
const bundle = mode === 'source' ? null : freshBundle(root, why);
if (!bundle && mode === 'bundle') {
  console.error(`sop-studio: SOP_STUDIO_CLI=bundle but ${why.reason}`);
  process.exit(2);
}
let main;
if (bundle) ({ main } = await import(pathToFileURL(bundle).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
