import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportScxml } from '../../shared/export/scxml/exportScxml';
import { exportXStateJson } from '../../shared/export/xstateJson';
import { withDefaults } from '../../shared/model/defaults';
import { memoryIo } from '../io';
import { formatPath, run } from './validate';

const root = resolve(__dirname, '../..');
const sample = (name: string) => join(root, 'samples', name);
const tmp = mkdtempSync(join(tmpdir(), 'sop-validate-'));
const exec = promisify(execFile);

/** Run the real `sop-studio` process; resolves with its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(root, 'bin/sop-studio.mjs'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const BROKEN_CODES = [
  'invalid-document',
  'unknown-target',
  'unreachable-state',
  'no-way-out',
  'no-final-state',
  'shadowed-transition',
  'agent-can-abstain',
  'cel-syntax',
  'cel-type',
  'unsupported-guard',
  'invalid-tier',
  'auto-into-risky-tool-without-limit',
  'auto-into-irreversible-tool',
  'agent-tool-out-of-scope',
  'guard-reads-outside-agent-scope',
  'unknown-tool',
  'unknown-agent',
  'agent-without-owner',
  'reversible-tool-without-undo',
  'auto-without-agent',
  'field-without-source',
];

describe('validate command (in process)', () => {
  it('exits 0 on every sample and prints a summary', async () => {
    for (const name of ['refund.sop.json', 'ticket-routing.sop.json', 'account-change.sop.json']) {
      const io = memoryIo();
      expect(await run([sample(name)], io), name).toBe(0);
      expect(io.stdout.at(-1)).toMatch(/: 0 errors, \d+ warnings?$/);
    }
  });

  it('names every defect of the broken sample with its code, and exits 1', async () => {
    const io = memoryIo();
    expect(await run([sample('broken/broken.sop.json')], io)).toBe(1);
    const codes = new Set(io.stdout.slice(0, -1).map((line) => line.split('  ')[1]));
    for (const code of BROKEN_CODES) expect(codes.has(code), code).toBe(true);
    expect(io.stdout).toContain(
      'error  unknown-target  machine.states.intake.always[2].target  Target "reveiw" of "intake" → "reveiw" (always) is not a state',
    );
    expect(io.stdout.at(-1)).toMatch(/broken\.sop\.json: \d+ errors, \d+ warnings$/);
  });

  it('--json prints exactly the diagnostics with array paths', async () => {
    const io = memoryIo();
    expect(await run([sample('broken/broken.sop.json'), '--json'], io)).toBe(1);
    const out = JSON.parse(io.stdout.join('\n')) as { diagnostics: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['diagnostics']);
    for (const d of out.diagnostics) expect(Object.keys(d)).toEqual(['code', 'severity', 'message', 'path']);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'unknown-target', path: ['machine', 'states', 'intake', 'always', 2, 'target'] }),
    );
  });

  it('exits 2 with a clear message for unreadable or unparseable files and bad usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[join(tmp, 'missing.json')], /cannot read .*missing\.json: no such file/],
      [[tmp], /is a directory/],
      [[write('bad.json', '{\n  "name": "x",\n')], /invalid JSON at line 3, column 1/],
      [[write('list.json', '[1, 2]')], /must be a JSON object, not an array/],
      [[write('other.json', '{"dependencies": {}}')], /not a graph document/],
      [[write('future.json', '{"format": "sop-studio/graph@9", "machine": {}}')], /newer than this app supports/],
      [[], /exactly one graph file/],
      [[sample('refund.sop.json'), '--yaml'], /unknown option --yaml/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo();
      expect(await run(args, io), args.join(' ')).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
      expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    }
  });

  it('--help lists the path format and every rule code', async () => {
    const io = memoryIo();
    expect(await run(['--help'], io)).toBe(0);
    const help = io.stdout.join('\n');
    expect(help).toContain('path as a JSON array');
    for (const code of BROKEN_CODES) expect(help).toContain(code);
  });

  it('loads a bare XState machine and formats paths for people', async () => {
    const io = memoryIo();
    const bare = write(
      'bare.json',
      JSON.stringify({
        id: 'toggle',
        initial: 'off',
        states: { off: { on: { GO: 'done' } }, done: { type: 'final' } },
      }),
    );
    expect(await run([bare], io)).toBe(0);
    expect(formatPath(['machine', 'states', 'a b', 'on', 'x.y', 0])).toBe('machine.states["a b"].on["x.y"][0]');
    expect(formatPath([])).toBe('(document)');
  });
});

describe('validate command (real process)', () => {
  it('exit codes 0, 1 and 2', async () => {
    const ok = await cli('validate', sample('refund.sop.json'));
    expect([ok.code, ok.stdout.trim()]).toEqual([0, `${sample('refund.sop.json')}: 0 errors, 0 warnings`]);
    const broken = await cli('validate', sample('broken/broken.sop.json'), '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).diagnostics.length).toBeGreaterThan(20);
    const bad = await cli('validate', write('bad2.json', '{"a": }'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^validate: .*bad2\.json: invalid JSON at line 1, column 7/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    // three real `node` processes through the tsx loader: slow on a loaded 2-core machine
  }, 120_000);
});

function write(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('validate opens what export writes', () => {
  it.each(['refund.sop.json', 'ticket-routing.sop.json', 'account-change.sop.json'])(
    '%s: the exported XState JSON and SCXML give the same diagnostics, exit 0',
    async (name) => {
      const original = memoryIo();
      expect(await run([sample(name), '--json'], original)).toBe(0);
      const doc = withDefaults(JSON.parse(readFileSync(sample(name), 'utf8')));
      for (const [ext, text] of [
        ['machine.json', exportXStateJson(doc)],
        ['scxml', exportScxml(doc)],
      ] as const) {
        const file = join(tmp, `${name}.${ext}`);
        writeFileSync(file, text);
        const io = memoryIo();
        expect(await run([file, '--json'], io), ext).toBe(0);
        expect(JSON.parse(io.stdout.join('\n')), ext).toEqual(JSON.parse(original.stdout.join('\n')));
      }
    },
  );

  it('control characters from a file are not echoed raw to the terminal', async () => {
    const file = join(tmp, 'hostile.json');
    writeFileSync(file, JSON.stringify({ id: 'x', initial: 'a', states: { a: { on: { GO: 'b\u001b[2Jgone' } } } }));
    const io = memoryIo();
    await run([file], io);
    const text = io.stdout.join('\n');
    expect(text).toContain('\\u{1b}[2Jgone');
    expect(text).not.toContain('\u001b');
  });
});
