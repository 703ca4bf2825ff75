import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from './run';
import { run as audit } from './audit';
import { makeAnchor } from '../../shared/runtime/auditAnchor';
import { importAuditKey } from '../../shared/runtime/auditKey';

let dir: string;
const graph = path.resolve('samples/refund.sop.json');
let cases: string;
let tools: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-run-'));
  cases = path.join(dir, 'cases.jsonl');
  // DESIGN.md's worked example: c1 auto, c3 suggest accepted then deviates, c4 human
  await writeFile(
    cases,
    [
      {
        caseId: 'c1',
        attributes: { amount: 40, fraudScore: 0.1 },
        events: [{ activity: 'Triage request' }, { activity: 'Issue refund' }],
      },
      {
        caseId: 'c3',
        attributes: { amount: 700, fraudScore: 0.9 },
        events: [{ activity: 'Triage request' }, { activity: 'Reject request' }],
      },
      {
        caseId: 'c4',
        attributes: { amount: 300, fraudScore: 0.5 },
        events: [
          { activity: 'Triage request', resource: 'dia' },
          { activity: 'Manual review' },
          { activity: 'Issue refund' },
        ],
      },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n') + '\n',
  );
  tools = path.join(dir, 'tools.mjs');
  await writeFile(
    tools,
    `export const calls = [];\nexport const tools = { issueRefund: async (p, ctx) => { calls.push(ctx.idempotencyKey); return { id: 'r-' + p.caseId }; } };\n`,
  );
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('sop-studio run', () => {
  it('shadow by default: follows the recorded choices, calls nothing, writes a verifiable audit log', async () => {
    const io = memoryIo();
    const log = path.join(dir, 'shadow.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log, '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout[0]!);
    expect(out.mode).toBe('shadow');
    expect(out.counts).toMatchObject({ cases: 3, done: 3, toolCalls: 0, wouldCall: 1, suggested: 1, approved: 1 });
    expect(out.cases.map((c: { path: string[] }) => c.path.join('>'))).toEqual([
      'triage>refund>done',
      'triage>reject>done',
      'triage>review>refund>done',
    ]);
    const v = memoryIo();
    expect(await audit(['verify', log], v)).toBe(0);
    expect(v.stdout[0]).toMatch(/ok, \d+ records/);
  });

  it('--execute calls the tools module and continues an existing audit chain', async () => {
    const log = path.join(dir, 'exec.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log], memoryIo())).toBe(0);
    const before = (await readFile(log, 'utf8')).split('\n').length;
    const io = memoryIo();
    expect(
      await run(
        [graph, '--cases', cases, '--tools', tools, '--execute', '--environment', 'production', '--audit', log],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/executed: 3 cases, 3 done.*1 tool calls/);
    const text = await readFile(log, 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(before);
    expect(text).toMatch(/"decision":"call".*"environment":"production"/);
    expect(await audit(['verify', log], memoryIo())).toBe(0);
  });

  it('refuses to continue a tampered audit log, and bad options', async () => {
    const log = path.join(dir, 'tampered.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log], memoryIo())).toBe(0);
    await writeFile(log, (await readFile(log, 'utf8')).replace('"amount":40', '"amount":41'));
    const io = memoryIo();
    expect(await run([graph, '--cases', cases, '--audit', log], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/line 1: .*tampered/);
    expect(await run([graph, '--cases', cases, '--execute'], memoryIo())).toBe(2); // --execute without --tools
    expect(await run([graph], memoryIo())).toBe(2);
    expect(await run([graph, '--cases', path.join(dir, 'missing.csv')], memoryIo())).toBe(2);
    expect(await run([graph, '--cases', cases, '--rollout', 'yolo'], memoryIo())).toBe(2);
  });
});

describe('sop-studio audit', () => {
  it('verify: 0 intact, 1 tampered with the line named, 2 unreadable', async () => {
    const log = path.join(dir, 'v.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log], memoryIo())).toBe(0);
    const lines = (await readFile(log, 'utf8')).split('\n');
    [lines[3], lines[4]] = [lines[4]!, lines[3]!];
    const swapped = path.join(dir, 'swapped.jsonl');
    await writeFile(swapped, lines.join('\n'));
    const io = memoryIo();
    expect(await audit(['verify', swapped], io)).toBe(1);
    expect(io.stdout[0]).toMatch(/TAMPERED \(order\) at line 4/);
    expect(await audit(['verify', path.join(dir, 'none.jsonl')], memoryIo())).toBe(2);
    expect(await audit(['verify', log, '--head', 'abc'], memoryIo())).toBe(2);
    expect(await audit(['frobnicate', log], memoryIo())).toBe(2);
  });

  it('cases: the audit log back as recorded cases (JSONL)', async () => {
    const log = path.join(dir, 'c.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log], memoryIo())).toBe(0);
    const io = memoryIo();
    expect(await audit(['cases', log], io)).toBe(0);
    const out = io.stdout.map((l) => JSON.parse(l));
    expect(out.map((c) => c.caseId)).toEqual(['c1', 'c3', 'c4']);
    expect(out[2].events.map((e: { activity: string }) => e.activity)).toEqual([
      'Triage request',
      'Manual review',
      'Issue refund',
      'done',
    ]);
  });
});

describe('sop-studio audit keygen + a keyed, anchored run', () => {
  it('keygen makes a new key (never overwrites); run --audit-key MACs the log; verify names truncation and appends', async () => {
    const key = path.join(dir, 'audit.key');
    expect(await audit(['keygen', key], memoryIo())).toBe(0);
    expect((await readFile(key, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = memoryIo();
    expect(await audit(['keygen', key], again)).toBe(2);
    expect(again.stderr.join('\n')).toMatch(/never overwritten/);

    const log = path.join(dir, 'keyed.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log, '--audit-key', key], memoryIo())).toBe(0);
    const anchor = JSON.parse(await readFile(`${log}.anchor`, 'utf8'));
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    expect(anchor).toMatchObject({
      records: lines.length,
      head: JSON.parse(lines.at(-1)!).hash,
      mac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const ok = memoryIo();
    expect(await audit(['verify', log, '--audit-key', key], ok)).toBe(0);
    expect(ok.stdout[0]).toMatch(/ok, \d+ records, .*every MAC holds, ends at its anchor/);
    expect(ok.stdout).toHaveLength(1); // nothing left unchecked

    const unkeyed = memoryIo();
    expect(await audit(['verify', log], unkeyed)).toBe(0);
    expect(unkeyed.stdout.join('\n')).toMatch(/not checked: without the audit key/);

    await writeFile(
      log,
      lines
        .slice(0, 2)
        .map((l) => `${l}\n`)
        .join(''),
    );
    const cut = memoryIo();
    expect(await audit(['verify', log, '--audit-key', key], cut)).toBe(1);
    expect(cut.stdout[0]).toMatch(/TAMPERED \(truncated\).*removed from the end/);
    await writeFile(log, '');
    const empty = memoryIo();
    expect(await audit(['verify', log, '--audit-key', key], empty)).toBe(1);
    expect(empty.stdout[0]).toMatch(/the log is empty/);
    expect(await run([graph, '--cases', cases, '--audit', log, '--audit-key', key], memoryIo())).toBe(2); // a truncated log is not continued

    const wrongKey = path.join(dir, 'bad.key');
    await writeFile(wrongKey, 'not a key');
    const bad = memoryIo();
    expect(await audit(['verify', log, '--audit-key', wrongKey], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/64 lower-case hex/);
  });
});

describe('sop-studio run: case identity before anything runs', () => {
  it('a repeated case id is refused before any case runs or any record is written', async () => {
    const dup = path.join(dir, 'dup.jsonl');
    const c = (id: string) =>
      JSON.stringify({
        caseId: id,
        attributes: { amount: 40, fraudScore: 0.1 },
        events: [{ activity: 'Triage request' }, { activity: 'Issue refund' }],
      });
    await writeFile(dup, [c('c1'), c('c2'), c('c1')].join('\n') + '\n');
    const log = path.join(dir, 'dup-audit.jsonl');
    const io = memoryIo();
    expect(await run([graph, '--cases', dup, '--tools', tools, '--execute', '--audit', log], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/case "c1" was already read.*nothing was run/);
    expect(io.stdout).toEqual([]);
    await expect(readFile(log, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('a graph with a state named __proto__ exits 2 naming the state, with no stack trace', async () => {
    const bad = path.join(dir, 'proto.sop.json');
    await writeFile(
      bad,
      '{"format":"sop-studio/graph@1","name":"P","version":1,"machine":{"id":"p","initial":"__proto__","states":{"__proto__":{"always":{"target":"done"}},"done":{"type":"final"}}}}',
    );
    const io = memoryIo();
    expect(await run([bad, '--cases', cases], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/state "__proto__" uses a reserved name/);
    expect(io.stderr.join('\n')).not.toMatch(/TypeError|at /);
  });
});

describe('sop-studio run: an anchor one record behind', () => {
  it('is what dying between a record and its anchor leaves: verify says so, run continues and the anchor catches up', async () => {
    const keyFile = path.join(dir, 'behind.key');
    expect(await audit(['keygen', keyFile], memoryIo())).toBe(0);
    const log = path.join(dir, 'behind.jsonl');
    expect(await run([graph, '--cases', cases, '--audit', log, '--audit-key', keyFile], memoryIo())).toBe(0);
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    // the anchor the runner wrote one record earlier (same key), as a crash before the last anchor write leaves it
    const key = await importAuditKey(await readFile(keyFile, 'utf8'));
    await writeFile(
      `${log}.anchor`,
      JSON.stringify(await makeAnchor(lines.length - 1, JSON.parse(lines.at(-2)!).hash, key)),
    );
    const v = memoryIo();
    expect(await audit(['verify', log, '--audit-key', keyFile], v)).toBe(1);
    expect(v.stdout[0]).toMatch(
      /TAMPERED \(appended\).*1 record\(s\) after the anchored head.*or the process died between writing a record and its anchor/,
    );
    const cont = memoryIo();
    expect(await run([graph, '--cases', cases, '--audit', log, '--audit-key', keyFile], cont)).toBe(0);
    expect(cont.stderr.join('\n')).toMatch(/one record past its anchor/);
    expect(await audit(['verify', log, '--audit-key', keyFile], memoryIo())).toBe(0);
  });
});
