#!/usr/bin/env node
// `npm start` (after `npm ci`): build and launch the Electron app; where the Electron binary is not
// available (offline or locked-down machines) build the renderer and serve the same app on
// http://127.0.0.1:<port> instead, saying so. Port: SOP_STUDIO_PORT, default 5180.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.SOP_STUDIO_PORT ?? 5180);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Run a command in the repo root, inheriting stdio; resolves with its exit code. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    const forward = (signal) => child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function must(cmd, args) {
  const code = await run(cmd, args);
  if (code !== 0) {
    console.error(`sop-studio: "${[cmd, ...args].join(' ')}" failed with exit code ${code}`);
    process.exit(code);
  }
}

const electron = findElectronBinary(root);
if (electron.found) {
  console.log('sop-studio: building the desktop app…');
  await must(npm, ['run', '--silent', 'build:electron']);
  console.log(`sop-studio: starting Electron (${electron.path})`);
  process.exitCode = await run(electron.path, ['.']);
} else {
  console.log(
    `\nsop-studio: Electron binary not available on this machine (${electron.reason}); ` +
      `serving the same app at http://127.0.0.1:${port} — open it in a browser.\n` +
      'sop-studio: on a machine with GitHub access, `npx install-electron --no` fetches the binary; then `npm start` opens the desktop app.\n',
  );
  await must(npm, ['run', '--silent', 'build:web']);
  console.log(`\nsop-studio: SOP Studio is at http://127.0.0.1:${port} (Ctrl+C to stop)\n`);
  process.exitCode = await run(process.execPath, [
    path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'preview',
    '--config',
    'vite.renderer.config.ts',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
  ]);
}
