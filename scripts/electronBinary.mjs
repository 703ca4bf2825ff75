// Find the Electron binary WITHOUT require('electron'): since electron 42 the package has no
// postinstall step and require('electron') starts a download from GitHub, which fails offline.
// We only look at what is already on disk. Shared by scripts/start.mjs and e2e/electron.app.spec.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root repository root (where node_modules is)
 * @param {{ env?: Record<string, string | undefined>, exists?: (p: string) => boolean, read?: (p: string) => string }} [deps]
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary(root, deps = {}) {
  const env = deps.env ?? process.env;
  const exists = deps.exists ?? existsSync;
  const read = deps.read ?? ((p) => readFileSync(p, 'utf8'));
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!exists(path.join(pkgDir, 'package.json')))
    return { found: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathTxt = path.join(pkgDir, 'path.txt');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  // path.txt names the executable inside dist/ (electron, electron.exe, Electron.app/Contents/MacOS/Electron);
  // the package writes it only once the binary has been downloaded.
  if (!exists(pathTxt) && !override)
    return { found: false, reason: 'node_modules/electron/path.txt is missing: the binary was never downloaded' };
  const exe = exists(pathTxt) ? read(pathTxt).trim() : platformExe(process.platform);
  const bin = override ? path.join(override, exe) : path.join(pkgDir, 'dist', exe);
  if (!exists(bin))
    return {
      found: false,
      reason: `${path.relative(root, bin) || bin} does not exist: the binary download did not complete`,
    };
  return { found: true, path: bin };
}

/** @param {string} platform */
function platformExe(platform) {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}
