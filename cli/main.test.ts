import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { main } from './main';

describe('sop-studio --version / --help', () => {
  it('prints the package version and exits 0; --help lists the commands', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(io.stdout).toEqual([`sop-studio ${pkg.version}`]);
    const help = memoryIo();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toMatch(/^ {2}simulate +replay a recorded log/m);
  });
});
