/**
 * `sop-studio discover <log> -o draft.sop.json [--coverage 0.8] [import options]`: a first SOP
 * drafted from what people did (shared/discover/draftSop.ts): one state per activity, branches
 * ordered by frequency, every tier human, rollout observe. The draft is validated before it is
 * written; a draft with errors is not written.
 */
import { writeFile } from 'node:fs/promises';
import { draftSop } from '../../shared/discover/draftSop';
import {
  ImportError,
  newSummary,
  readCases,
  StatsCollector,
  type DateOrder,
  type LogFormat,
} from '../../shared/import';
import { sanitizeForTerminal } from '../../shared/text/sanitizeForTerminal';
import { validateGraph } from '../../shared/validation/validate';
import { importErrorLines, summaryLines } from '../importMessages';
import type { CliIo } from '../io';
import { logReadOptions, openLog } from '../node/openFile';

export const HELP = `usage: sop-studio discover <log> -o <draft.sop.json> [--coverage 0.8] [--sort-by-timestamp]
                         [--skip-invalid] [--classifier C] [--format csv|xes|jsonl]
                         [--time-zone Z] [--date-order dmy|mdy]

Drafts an SOP from an event log: the directly-follows graph of the most frequent variants that
together cover --coverage of the cases (default 0.8), one state per activity, branches ordered by
how many cases took them (meta.cases), every branch tier human, rollout observe.
The log is read as \`stats\` reads it (see \`stats --help\` for the options).

exit codes: 0 written, 1 the draft did not validate (not written), 2 bad usage or unreadable log`;

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  let out: string | undefined;
  let coverage = 0.8;
  let format: LogFormat | undefined;
  let classifier: string | undefined;
  let timeZone: string | undefined;
  let dateOrder: DateOrder | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--out') out = args[++i];
    else if (a === '--coverage') coverage = Number(args[++i]);
    else if (a === '--format') format = args[++i] as LogFormat;
    else if (a === '--classifier') classifier = args[++i];
    else if (a === '--time-zone') {
      timeZone = args[++i];
      if (!timeZone) return usage(io, 'discover: --time-zone needs an IANA zone name, e.g. Europe/Amsterdam');
    } else if (a === '--date-order') {
      const o = args[++i];
      if (o !== 'dmy' && o !== 'mdy') return usage(io, 'discover: --date-order needs dmy or mdy');
      dateOrder = o;
    } else if (a === '--sort-by-timestamp' || a === '--skip-invalid') continue;
    else if (a.startsWith('-')) return usage(io, `discover: unknown option ${sanitizeForTerminal(a)}`);
    else files.push(a);
  }
  if (files.length !== 1) return usage(io, 'discover: give exactly one log file');
  if (!out) return usage(io, 'discover: say where to write the draft: -o draft.sop.json');
  if (!(coverage > 0 && coverage <= 1))
    return usage(io, 'discover: --coverage needs a share of cases, more than 0 and at most 1 (e.g. 0.8)');
  if (format !== undefined && !['csv', 'xes', 'jsonl'].includes(format))
    return usage(io, 'discover: --format needs csv, xes or jsonl');
  const file = files[0]!;
  const summary = newSummary();
  const collector = new StatsCollector();
  try {
    const log = await openLog(file, format);
    const options = {
      ...logReadOptions(log),
      classifier,
      timeZone,
      dateOrder,
      sortByTimestamp: args.includes('--sort-by-timestamp'),
      skipInvalid: args.includes('--skip-invalid'),
    };
    for await (const c of readCases(log.bytes, options, summary)) collector.add(c);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const line of importErrorLines('discover', file, e)) io.err(line);
    return 2;
  }
  for (const line of summaryLines('discover', summary)) io.err(line);
  const draft = draftSop(collector.topVariants(Infinity), {
    coverage,
    name: `Drafted from ${file.split(/[\\/]/).pop()}`,
  });
  const errors = validateGraph(draft.doc).filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors) io.err(`discover: draft invalid: ${d.message}`);
    return 1;
  }
  await writeFile(out, JSON.stringify(draft.doc, null, 2) + '\n');
  const states = Object.keys(draft.doc.machine.states ?? {}).length;
  io.out(
    `${sanitizeForTerminal(out)}: ${states} states from ${draft.keptVariants} variant(s) covering ${draft.coveredCases.toLocaleString('en-US')} of ${draft.totalCases.toLocaleString('en-US')} cases (${((100 * draft.coveredCases) / Math.max(1, draft.totalCases)).toFixed(1)}%); every branch human, rollout observe`,
  );
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(message);
  io.err(HELP);
  return 2;
}
