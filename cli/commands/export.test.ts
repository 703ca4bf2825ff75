import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { ALL_GRAPHS } from '../../shared/export/__fixtures__/graphs';
import { importScxml } from '../../shared/export/scxml/importScxml';
import { exportTsModule } from '../../shared/export/tsModule';
import type { GraphDoc, RecordedCase } from '../../shared/model/types';
import { compileGraph, replayCase } from '../../shared/replay';
import { memoryIo } from '../io';
import { run } from './export';

const repo = resolve(import.meta.dirname, '..', '..');
let dir: string;
let graph: string;

beforeAll(async () => {
  // inside the repo (git-ignored /tmp/) so the generated module resolves `xstate` from node_modules
  await mkdir(join(repo, 'tmp'), { recursive: true });
  dir = await mkdtemp(join(repo, 'tmp', 'export-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function freshGraph(name = 'refund.sop.json'): Promise<string> {
  graph = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await copyFile(join(repo, 'samples', name), graph);
  return graph;
}
const readDoc = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as GraphDoc;

describe('sop-studio export', () => {
  it('exit 2 on unreadable input and bad options', async () => {
    expect(await run([join(dir, 'missing.sop.json'), '--format', 'xstate'], memoryIo())).toBe(2);
    expect(await run([await freshGraph(), '--format', 'pdf'], memoryIo())).toBe(2);
    expect(await run([await freshGraph(), '--format', 'html'], memoryIo())).toBe(2); // html needs --cases
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ not json');
    expect(await run([bad, '--format', 'xstate'], memoryIo())).toBe(2);
  });

  it('exit 1 when validation blocks, and when raised tiers lack a sign-off; the file is untouched', async () => {
    const path = await freshGraph();
    const doc = await readDoc(path);
    doc.machine.states!.review!.on!.APPROVE = 'nowhere';
    await writeFile(path, JSON.stringify(doc));
    const io = memoryIo();
    expect(await run([path, '--format', 'xstate', '--signed-off-by', 'ana'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('unknown-target');
    const clean = await freshGraph();
    const io2 = memoryIo();
    expect(await run([clean, '--format', 'xstate'], io2)).toBe(1);
    expect(io2.stderr.join('\n')).toContain('triage → refund: human → auto');
    expect((await readDoc(clean)).version).toBe(3);
  });

  it('exports XState JSON, bumps the version and records the export in the graph file', async () => {
    const path = await freshGraph();
    const out = join(dir, 'refund.json');
    const io = memoryIo();
    expect(await run([path, '--format', 'xstate', '-o', out, '--signed-off-by', 'Ana', '--note', 'pilot'], io)).toBe(0);
    const machine = JSON.parse(await readFile(out, 'utf8'));
    expect(machine.meta.sop.version).toBe(4);
    const doc = await readDoc(path);
    expect(doc.version).toBe(4);
    expect(doc.exports).toMatchObject([
      { version: 4, format: 'xstate', signOff: { by: 'Ana', note: 'pilot' }, diff: null },
    ]);
    // the unchanged graph in another format is the same release: no sign-off, no new version
    const io2 = memoryIo();
    expect(await run([path, '--format', 'scxml', '-o', join(dir, 'refund.scxml')], io2)).toBe(0);
    expect(io2.stderr.at(-1)).toContain('(same release)');
    const again = await readDoc(path);
    expect((again.exports as Array<{ version: number; formats: string[] }>).map((r) => [r.version, r.formats])).toEqual(
      [[4, ['xstate', 'scxml']]],
    );
    expect(importScxml(await readFile(join(dir, 'refund.scxml'), 'utf8')).doc.version).toBe(4);
  });

  it('three exports (xstate, scxml, html) of one unchanged graph name one new version and one hash', async () => {
    const path = await freshGraph();
    const cases = join(repo, 'samples', 'cases', 'refund-history.csv');
    const lines: string[] = [];
    for (const [format, extra] of [
      ['xstate', ['--signed-off-by', 'Ana']],
      ['scxml', []],
      ['html', ['--cases', cases]],
    ] as const) {
      const io = memoryIo();
      expect(await run([path, '--format', format, '-o', join(dir, `three.${format}`), ...extra], io), format).toBe(0);
      lines.push(io.stderr.at(-1)!);
    }
    const hashes = lines.map((l) => /v(\d+) (sha256:[0-9a-f]{64})/.exec(l)!.slice(1).join(' '));
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toMatch(/^4 /);
    expect((await readDoc(path)).exports).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dir, 'three.xstate'), 'utf8')).meta.sop.release).toMatchObject({
      version: 4,
      signOff: { by: 'Ana' },
    });
    expect(await readFile(join(dir, 'three.html'), 'utf8')).toContain('<dd data-fact="version">4</dd>');
  });

  it('--scxml-guards ecmascript writes ECMAScript conds with the CEL originals', async () => {
    const path = await freshGraph();
    const out = join(dir, 'ecma.scxml');
    expect(
      await run(
        [path, '--format', 'scxml', '--scxml-guards', 'ecmascript', '-o', out, '--signed-off-by', 'Ana'],
        memoryIo(),
      ),
    ).toBe(0);
    const xml = await readFile(out, 'utf8');
    expect(xml).toContain('datamodel="ecmascript"');
    expect(xml).toContain(
      'cond="amount &lt;= 100.0 &amp;&amp; fraudScore &lt; 0.3" sop:cond="amount &lt;= 100.0 &amp;&amp; fraudScore &lt; 0.3"',
    );
    expect(await run([path, '--format', 'scxml', '--scxml-guards', 'js'], memoryIo())).toBe(2);
  });

  it('exports from an SCXML or XState file (--from) without overwriting it', async () => {
    const path = await freshGraph();
    const scxml = join(dir, 'from.scxml');
    expect(await run([path, '--format', 'scxml', '-o', scxml, '--signed-off-by', 'Ana'], memoryIo())).toBe(0);
    const before = await readFile(scxml, 'utf8');
    const out = join(dir, 'from-scxml.json');
    const io = memoryIo();
    expect(await run([scxml, '--from', 'scxml', '--format', 'xstate', '-o', out], io)).toBe(0);
    expect(await readFile(scxml, 'utf8')).toBe(before);
    expect(io.stderr.join('\n')).toContain('release record was not saved');
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({
      id: 'refund',
      initial: 'triage',
      meta: { sop: { name: 'Refund requests', version: 4 } },
    });
    // and back: the XState file opens too, --graph-out keeps the graph document
    const graphOut = join(dir, 'from-xstate.sop.json');
    expect(
      await run(
        [out, '--from', 'xstate', '--format', 'scxml', '-o', join(dir, 'again.scxml'), '--graph-out', graphOut],
        memoryIo(),
      ),
    ).toBe(0);
    expect((await readDoc(graphOut)).name).toBe('Refund requests');
    const wrong = memoryIo();
    expect(await run([scxml, '--from', 'xstate', '--format', 'xstate'], wrong)).toBe(2);
    expect(wrong.stderr[0]).toContain('is an SCXML file, not an XState machine JSON (--from xstate)');
  });

  it('exports an HTML report of a simulation over --cases', async () => {
    const path = await freshGraph();
    const out = join(dir, 'report.html');
    expect(
      await run(
        [
          path,
          '--format',
          'html',
          '--cases',
          join(repo, 'samples', 'cases', 'refund-history.csv'),
          '-o',
          out,
          '--signed-off-by',
          'ana',
        ],
        memoryIo(),
      ),
    ).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('refund-history.csv');
    expect(html).toMatch(/data-total="cases"><b>[1-9]\d*<\/b>/);
    expect(html).toContain('<dd data-fact="version">4</dd>');
  });
});

describe('exported TypeScript module', () => {
  let modulePath: string;
  let doc: GraphDoc;

  beforeAll(async () => {
    const path = await freshGraph();
    modulePath = join(dir, 'refund.machine.ts');
    expect(await run([path, '--format', 'ts', '-o', modulePath, '--signed-off-by', 'ana'], memoryIo())).toBe(0);
    doc = await readDoc(path);
  });

  it('type-checks with the TypeScript compiler (strict), for every sample and fixture graph', async () => {
    const files = [modulePath];
    for (const [name, g] of Object.entries(ALL_GRAPHS)) {
      const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.machine.ts`);
      await writeFile(file, exportTsModule(g, { celModule: relative(dir, join(repo, 'shared', 'expr', 'cel')) }));
      files.push(file);
    }
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    });
    for (const file of files) {
      expect(program.getSourceFile(file)).toBeDefined();
      const diagnostics = ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect({ file, diagnostics }).toEqual({ file, diagnostics: [] });
    }
  });

  it('never uses eval or new Function', async () => {
    const source = await readFile(modulePath, 'utf8');
    expect(source).not.toMatch(/\beval\s*\(|new\s+Function/);
    expect(source).toContain('guards: {\n    cel:');
  });

  /** Run the module's machine for a case, sending the events of the people's `on` steps; returns the states it passed. */
  async function drive(kase: RecordedCase, events: string[]): Promise<string[]> {
    const { machine } = (await import(modulePath)) as { machine: AnyStateMachine };
    const path: string[] = [];
    const push = (v: unknown) => {
      if (typeof v === 'string' && path.at(-1) !== v) path.push(v);
    };
    const actor = createActor(machine, {
      input: { case: kase.attributes },
      inspect: (ev) => {
        if (ev.type !== '@xstate.microstep') return;
        // a microstep reports the transitions it took: their source, then where it landed
        const step = ev as unknown as {
          _transitions: Array<{ source: { path: string[] } }>;
          snapshot: { value: unknown };
        };
        for (const t of step._transitions) push(t.source.path.join('.'));
        push(step.snapshot.value);
      },
    });
    actor.start();
    push(actor.getSnapshot().value);
    for (const type of events) {
      actor.send({ type });
      push(actor.getSnapshot().value);
    }
    actor.stop();
    return path;
  }

  const kase = (caseId: string, amount: number, fraudScore: number, activities: string[]): RecordedCase => ({
    caseId,
    attributes: { amount, fraudScore },
    events: activities.map((activity) => ({ activity })),
  });

  it.each([
    ['c1: auto branch agreed', kase('c1', 40, 0.1, ['Triage request', 'Issue refund'])],
    ['c4: human review, APPROVE', kase('c4', 300, 0.5, ['Triage request', 'Manual review', 'Issue refund'])],
  ])('%s — takes the path the replay simulator reports', async (_, c) => {
    const g = compileGraph(doc);
    const trace = replayCase(g, c);
    expect(trace.end).toBe('final');
    const replayPath = [...trace.steps.map((s) => s.state), trace.endState!];
    const events = trace.steps
      .map((s) => g.transitions[g.transitionIds.get(s.human)!]!)
      .filter((t) => t.kind === 'on')
      .map((t) => t.event!);
    expect(await drive(c, events)).toEqual(replayPath);
  });

  it('c2: where people overrode the agent, the machine runs the agent choice the replay recorded', async () => {
    const c = kase('c2', 80, 0.2, ['Triage request', 'Manual review', 'Issue refund']);
    const g = compileGraph(doc);
    const first = replayCase(g, c).steps[0]!;
    expect(first.agree).toBe(false);
    const agentTarget = g.states[g.transitions[g.transitionIds.get(first.agent!)!]!.target]!.key;
    expect((await drive(c, []))[1]).toBe(agentTarget);
    expect(agentTarget).toBe('refund');
  });
});
