/**
 * `sop-studio export <graph> --format xstate|ts|scxml|html [-o out] [--cases <log>]
 * [--signed-off-by NAME] [--note TEXT] [--cel-module SPEC] [--from sop|xstate|scxml]
 * [--graph-out FILE]`: pass the export gate, write the artifact, and record the release in the
 * graph file (version, content hash, diff, sign-off). An unchanged graph names its release again.
 * The graph may be an exported XState machine or SCXML; those files are never overwritten with
 * the graph document (its record goes to --graph-out, when given).
 */
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphSource } from '../../shared/export/openGraph';
import { commitExport, EXPORT_FORMATS, type ExportCheck, type ExportFormat } from '../../shared/export/gate';
import { buildArtifact } from '../../shared/export/artifact';
import type { DatasetInfo } from '../../shared/export/htmlReport';
import type { SimulationResult } from '../../shared/replay/result';
import { describeTransitionKey } from '../../shared/model/diff';
import { ImportError, newSummary, readCases, type LogFormat } from '../../shared/import';
import type { GraphDoc, RecordedCase } from '../../shared/model/types';
import { simulate } from '../../shared/replay';
import type { CliIo } from '../io';
import { printable } from './validate';
import { startGraphCommand } from '../graphCommand';
import { UNKNOWN_OPTION, walkArgs } from '../options';
import { describeFsError, logReadOptions, openLog } from '../node/openFile';

export const HELP = `usage: sop-studio export <graph.sop.json> --format <format> [options]

Exports a validated graph. Validation errors block the export. Tiers raised since the previous
export (or any branch above "human" on the first export, or a wider rollout stage) need a
sign-off. An export is a release: a changed graph gets the next version and a record (version,
content hash, diff from the previous release, sign-off) in its "exports" history, and the graph
file is rewritten; exporting the unchanged graph again, in any format, names the same release.
The graph may also be an XState machine JSON or SCXML file (told by content).

  --format <f>          xstate (XState v5 machine JSON) | ts (TypeScript module, setup({ guards:
                        { cel } })) | scxml (W3C SCXML with sop: extensions) | html (simulation report)
  -o, --out <file>      where to write the artifact (default: standard output)
  --cases <log>         html: the recorded log (CSV, XES, JSONL, gzip) to simulate for the report
  --signed-off-by <n>   who signs off raised tiers
  --note <text>         a note kept with the sign-off
  --cel-module <spec>   ts: module specifier of SOP Studio's CEL environment (default: a relative
                        path to this install's shared/expr/cel)
  --scxml-guards <g>    scxml: cel (default, datamodel "cel") | ecmascript (guards translated to
                        ECMAScript for engines that only run that, CEL originals kept in sop:cond;
                        the engine must evaluate them in its own sandbox)
  --from <kind>         insist the graph file is sop (graph document), xstate or scxml
  --graph-out <file>    where to write the graph document with its release record (default: the
                        graph file itself when it is a graph document; not written otherwise)

exit codes: 0 exported, 1 blocked (validation errors or a missing sign-off), 2 unreadable input
or bad options`;

interface Options {
  graph: string;
  format: ExportFormat;
  out?: string;
  cases?: string;
  signedOffBy?: string;
  note?: string;
  celModule?: string;
  from?: GraphSource;
  graphOut?: string;
  scxmlGuards?: 'cel' | 'ecmascript';
}

const SOURCES: readonly GraphSource[] = ['sop', 'xstate', 'scxml'];

function parseArgs(args: string[]): Options | string {
  const o: Partial<Options> = {};
  const files = walkArgs(args, (a, value) => {
    if (a === '--format') {
      const v = value();
      if (!EXPORT_FORMATS.includes(v as ExportFormat)) return `--format needs one of ${EXPORT_FORMATS.join(', ')}`;
      o.format = v as ExportFormat;
    } else if (a === '-o' || a === '--out') o.out = value();
    else if (a === '--cases') o.cases = value();
    else if (a === '--signed-off-by') o.signedOffBy = value();
    else if (a === '--note') o.note = value();
    else if (a === '--cel-module') o.celModule = value();
    else if (a === '--from') {
      const v = value();
      if (!SOURCES.includes(v as GraphSource)) return `--from needs one of ${SOURCES.join(', ')}`;
      o.from = v as GraphSource;
    } else if (a === '--graph-out') o.graphOut = value();
    else if (a === '--scxml-guards') {
      const v = value();
      if (v !== 'cel' && v !== 'ecmascript') return '--scxml-guards needs cel or ecmascript';
      o.scxmlGuards = v;
    } else return UNKNOWN_OPTION;
  });
  if (typeof files === 'string') return files;
  if (files.length !== 1) return 'give one graph file';
  if (!o.format) return `--format is required (${EXPORT_FORMATS.join(', ')})`;
  if (o.format === 'html' && !o.cases) return 'html needs --cases <log> to simulate';
  return { ...o, graph: files[0]!, format: o.format };
}

/** Write through a temp file + rename, so a crash never leaves half a file. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}

/** This install's CEL module, relative to where the TS module is written. */
function defaultCelModule(out: string | undefined): string {
  const cel = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'expr', 'cel');
  const rel = relative(out ? dirname(resolve(out)) : process.cwd(), cel)
    .split('\\')
    .join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function reportBlock(io: CliIo, check: ExportCheck, blocked: 'invalid' | 'sign-off'): void {
  if (blocked === 'invalid') {
    io.err(`export: blocked by ${check.errors.length} validation error(s):`);
    for (const d of check.errors.slice(0, 20))
      io.err(`  ${d.code}: ${d.message}${d.path.length ? ` (${d.path.join('.')})` : ''}`);
    return;
  }
  io.err('export: blocked: tiers were raised since the previous export; sign off with --signed-off-by NAME');
  for (const t of check.tiersRaised) io.err(`  ${describeTransitionKey(t.id)}: ${t.from} → ${t.to}`);
  if (check.rolloutRaised) io.err(`  rollout: ${check.rolloutRaised.from} → ${check.rolloutRaised.to}`);
}

/** Simulate the log for the report, counting what the report states about the dataset. */
async function simulateLog(
  doc: GraphDoc,
  logPath: string,
): Promise<{ result: SimulationResult; dataset: DatasetInfo } | { error: string }> {
  const summary = newSummary();
  const dataset: DatasetInfo = {
    name: basename(logPath),
    fileName: logPath,
    cases: 0,
    events: 0,
    firstTimestamp: null,
    lastTimestamp: null,
  };
  let log: Awaited<ReturnType<typeof openLog>>;
  try {
    log = await openLog(logPath, undefined as LogFormat | undefined);
  } catch (e) {
    return { error: e instanceof ImportError ? e.message : describeFsError(e) };
  }
  // count what the report states about the dataset while the cases stream through
  async function* counted(cases: AsyncIterable<RecordedCase>): AsyncIterable<RecordedCase> {
    for await (const c of cases) {
      dataset.cases++;
      dataset.events! += c.events.length;
      for (const ev of c.events) {
        if (typeof ev.timestamp !== 'number') continue;
        if (dataset.firstTimestamp === null || ev.timestamp < dataset.firstTimestamp!)
          dataset.firstTimestamp = ev.timestamp;
        if (dataset.lastTimestamp === null || ev.timestamp > dataset.lastTimestamp!)
          dataset.lastTimestamp = ev.timestamp;
      }
      yield c;
    }
  }
  try {
    const result = await simulate(doc, counted(readCases(log.bytes, logReadOptions(log), summary)));
    return { result, dataset };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.message };
    throw e;
  }
}

const SOURCE_WORDS: Record<GraphSource, string> = {
  sop: 'a graph document',
  xstate: 'an XState machine JSON',
  scxml: 'an SCXML file',
};

export async function run(args: string[], io: CliIo): Promise<number> {
  const start = await startGraphCommand('export', args, io, HELP, parseArgs);
  if (typeof start === 'number') return start;
  const { opts, doc: graph, source } = start;
  if (opts.from && opts.from !== source) {
    io.err(`export: ${opts.graph} is ${SOURCE_WORDS[source]}, not ${SOURCE_WORDS[opts.from]} (--from ${opts.from})`);
    return 2;
  }
  const signOff = opts.signedOffBy ? { by: opts.signedOffBy, ...(opts.note ? { note: opts.note } : {}) } : undefined;
  const gate = await commitExport(graph, { format: opts.format, signOff });
  if (!gate.ok) {
    reportBlock(io, gate.check, gate.blocked);
    return 1;
  }
  const doc = gate.doc;
  let report: { result: SimulationResult; dataset: DatasetInfo } | undefined;
  if (opts.format === 'html') {
    const simulated = await simulateLog(doc, opts.cases!);
    if ('error' in simulated) {
      io.err(`export: ${opts.cases}: ${simulated.error}`);
      return 2;
    }
    report = simulated;
  }
  const celModule = opts.format === 'ts' ? (opts.celModule ?? defaultCelModule(opts.out)) : undefined;
  const artifact = (
    await buildArtifact(doc, opts.format, {
      celModule,
      contentHash: gate.record.contentHash,
      report,
      scxmlGuards: opts.scxmlGuards,
    })
  ).text;
  if (opts.out) await writeAtomic(opts.out, artifact);
  else io.out(artifact.replace(/\n$/, ''));
  const graphOut = opts.graphOut ?? (source === 'sop' ? opts.graph : undefined);
  if (graphOut) await writeAtomic(graphOut, JSON.stringify(doc, null, 2) + '\n');
  else
    io.err(
      `export: the release record was not saved (${opts.graph} is ${SOURCE_WORDS[source]}; give --graph-out FILE to keep it)`,
    );
  const named = gate.reused ? 'same release' : 'new release';
  io.err(
    printable(
      `export: ${opts.format} v${doc.version} ${gate.record.contentHash} (${named})${gate.record.signOff ? ` signed off by ${gate.record.signOff.by}` : ''}${opts.out ? ` → ${opts.out}` : ''}`,
    ),
  );
  return 0;
}
