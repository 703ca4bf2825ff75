import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from './atomicWrite';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'sop-atomic-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

const SIZE = 4 * 1024 * 1024;

/** Kill a writer after `afterWrites` completed writes plus a random delay; return the file as found. */
async function killMidWrite(target: string, delayMs: number): Promise<Buffer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./atomicWrite.child.ts', import.meta.url)), target, String(SIZE)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // wait for at least one complete write, then kill at an arbitrary moment of a later one
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return fs.readFile(target);
}

describe('writeFileAtomic', () => {
  it('replaces the whole file', async () => {
    const target = path.join(dir, 'g.sop.json');
    await fs.writeFile(target, 'old contents that are longer');
    await writeFileAtomic(target, 'new');
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    expect(await fs.readdir(dir)).toEqual(['g.sop.json']);
  });

  it('leaves the old file and no temp file when writing fails', async () => {
    const target = path.join(dir, 'g.sop.json');
    await fs.writeFile(target, 'old');
    const failing: AtomicFs = {
      ...fs,
      open: (async (p: string, flags: string, mode?: number) => {
        const h = await fs.open(p, flags, mode);
        if (flags === 'wx') {
          return Object.assign(Object.create(h) as typeof h, {
            writeFile: async () => Promise.reject(new Error('disk full')),
            close: () => h.close(),
            sync: () => h.sync(),
          });
        }
        return h;
      }) as AtomicFs['open'],
    };
    await expect(writeFileAtomic(target, 'new', failing)).rejects.toThrow('disk full');
    expect(await fs.readFile(target, 'utf8')).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['g.sop.json']);
  });

  it('a writer killed at arbitrary moments never leaves a truncated or mixed file', async () => {
    const target = path.join(dir, 'g.sop.json');
    for (const delay of [0, 3, 7, 15, 31]) {
      const found = await killMidWrite(target, delay);
      expect(found.length).toBe(SIZE);
      const first = found[0];
      expect(first === 0x61 || first === 0x62).toBe(true);
      expect(found.every((b) => b === first)).toBe(true);
    }
  }, 180_000); // spawns five Node processes: slow on a loaded 2-core machine
});
