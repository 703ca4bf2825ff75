/**
 * bin/cliBundle.mjs decides whether `sop-studio` may start from the esbuild bundle: only when
 * every source it was built from is unchanged (size, then sha256 when the mtime moved). The check
 * reads only dist/cli/stamp.json and the sources, so a stamp written by hand over temp files is
 * the oracle; the real build is exercised by `npm run test:pack` (its installed bin must start
 * from the bundle, tsx absent).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types (it runs before any TypeScript loader)
import { freshBundle } from '../../bin/cliBundle.mjs';

const check = freshBundle as (root: string, why?: { reason?: string }) => string | null;

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'sop-bundle-'));
  mkdirSync(join(root, 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
  const src = join(root, 'cli', 'main.ts');
  writeFileSync(src, 'export const a = 1;\n');
  const bytes = Buffer.from('export const a = 1;\n');
  const stamp = {
    inputs: {
      'cli/main.ts': {
        size: bytes.length,
        mtimeMs: statSync(src).mtimeMs,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
      'service/gone.ts': { size: 3, mtimeMs: 0, sha256: 'x' },
    },
  };
  writeFileSync(join(root, 'dist', 'cli', 'stamp.json'), JSON.stringify(stamp));
  return { root, src };
}

describe('CLI bundle freshness (bin/cliBundle.mjs)', () => {
  it('fresh when the sources are as built; a source not shipped (service/) does not make it stale', () => {
    const { root } = tree();
    expect(check(root)).toBe(join(root, 'dist', 'cli', 'main.js'));
    rmSync(root, { recursive: true });
  });

  it('a moved mtime with the same bytes (npm pack, checkout) is still fresh; an edit of the same size is stale', () => {
    const { root, src } = tree();
    utimesSync(src, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(check(root)).not.toBeNull();
    writeFileSync(src, 'export const b = 1;\n'); // same size, other bytes
    const why: { reason?: string } = {};
    expect(check(root, why)).toBeNull();
    expect(why.reason).toBe('cli/main.ts changed');
    rmSync(root, { recursive: true });
  });

  it('stale when a source grew, absent without a stamp', () => {
    const { root, src } = tree();
    writeFileSync(src, 'export const a = 12;\n');
    expect(check(root)).toBeNull();
    rmSync(join(root, 'dist'), { recursive: true });
    const why: { reason?: string } = {};
    expect(check(root, why)).toBeNull();
    expect(why.reason).toMatch(/npm run build:cli/);
    rmSync(root, { recursive: true });
  });
});
