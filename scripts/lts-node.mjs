#!/usr/bin/env node
// Runs a command under a maintained Node LTS. The toolchain (vitest 5, vite 8, eslint 10, cel-js, Electron
// Forge) needs Node >= 20.19 / 22.12, while a fresh Debian machine ships Node 20 (past its end of life).
// On a new-enough Node the command runs as it is; otherwise it runs through the `node` package from the
// npm registry (`npx -p node@…`), which puts that Node first on PATH for the command and its children.
// Usage: node scripts/lts-node.mjs <command> [args…]
import { spawnSync } from 'node:child_process';

/** The LTS line the project targets; `engines` in package.json says the same. */
export const LTS_NODE = '22.23.3';
const MINIMUM = [22, 12];

function newEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/lts-node.mjs <command> [args…]');
  process.exit(2);
}

const direct = newEnough(process.versions.node);
if (!direct) {
  console.error(
    `lts-node: Node ${process.versions.node} is older than ${MINIMUM.join('.')}; running "${command}" under node@${LTS_NODE} from the npm registry`,
  );
}
const [file, argv] = direct ? [command, args] : ['npx', ['-y', '-p', `node@${LTS_NODE}`, '--', command, ...args]];
const result = spawnSync(file, argv, { stdio: 'inherit' });
if (result.error) {
  console.error(`lts-node: could not start ${file}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? (result.signal ? 128 + 15 : 1));
