import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve('/repo');
const pkg = path.join(root, 'node_modules/electron');

function fakeDisk(files: Record<string, string>) {
  const abs = new Map(Object.entries(files).map(([k, v]) => [path.join(root, k), v]));
  return {
    exists: (p: string) => abs.has(p),
    read: (p: string) => abs.get(p) ?? '',
    env: {} as Record<string, string | undefined>,
  };
}

describe('findElectronBinary', () => {
  it('finds dist/<path.txt> when the binary was downloaded', () => {
    const disk = fakeDisk({
      'node_modules/electron/package.json': '{}',
      'node_modules/electron/path.txt': 'electron\n',
      'node_modules/electron/dist/electron': '',
    });
    expect(findElectronBinary(root, disk)).toEqual({ found: true, path: path.join(pkg, 'dist/electron') });
  });
  it('reports the package installed without its binary (this machine)', () => {
    const result = findElectronBinary(root, fakeDisk({ 'node_modules/electron/package.json': '{}' }));
    expect(result).toMatchObject({ found: false, reason: expect.stringMatching(/path.txt is missing/) });
  });
  it('reports a half-finished download', () => {
    const result = findElectronBinary(
      root,
      fakeDisk({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron' }),
    );
    expect(result).toMatchObject({ found: false, reason: expect.stringMatching(/dist\/electron does not exist/) });
  });
  it('reports electron not installed at all', () => {
    expect(findElectronBinary(root, fakeDisk({}))).toMatchObject({
      found: false,
      reason: expect.stringMatching(/npm ci/),
    });
  });
  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const disk = fakeDisk({
      'node_modules/electron/package.json': '{}',
      'node_modules/electron/path.txt': 'electron',
      'custom/electron': '',
    });
    disk.env = { ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'custom') };
    expect(findElectronBinary(root, disk)).toEqual({ found: true, path: path.join(root, 'custom/electron') });
  });
  it('on this checkout it never throws and gives a reason or a path', () => {
    const result = findElectronBinary(process.cwd());
    expect(result.found ? result.path : result.reason).toBeTruthy();
  });
});
