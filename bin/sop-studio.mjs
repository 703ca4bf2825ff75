#!/usr/bin/env node
// The `sop-studio` command. Runs the TypeScript CLI through tsx's loader (esbuild), so no build step
// is needed on a fresh checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
