/**
 * `sop-studio stats <log> [--json] [--sort-by-timestamp] [--skip-invalid] [--format f] [--max-open-events N]`:
 * the figures of an event log (CSV, XES, JSONL; gzip recognised), streamed.
 */
import {
  computeStats,
  ImportError,
  newSummary,
  readCases,
  type DateOrder,
  type LogFormat,
  type LogStats,
} from '../../shared/import';
import { sanitizeForTerminal } from '../../shared/text/sanitizeForTerminal';
import { importErrorLines, summaryLines } from '../importMessages';
import type { CliIo } from '../io';
import { logReadOptions, openLog } from '../node/openFile';

export const HELP = `usage: sop-studio stats <log> [--json] [--sort-by-timestamp] [--skip-invalid] [--format csv|xes|jsonl]
                         [--max-open-events N] [--time-zone Z] [--date-order dmy|mdy]
                         [--classifier C] [--max-events-per-case N]

Reads an event log (CSV, XES, JSONL; .gz or gzip content recognised) and prints its cases,
events, distinct activities, variants (activity sequences), first and last timestamp.

  --json               print {"cases","events","activities","variants","firstTimestamp","lastTimestamp"}
                       (timestamps ISO 8601 UTC, or null)
  --sort-by-timestamp  order each case's events by timestamp (stable) instead of file order;
                       variants can differ
  --skip-invalid       skip rows/events that cannot be read (no case id or activity, an
                       unreadable timestamp, a ragged row) and count them; the first ten are
                       listed (line, reason). Default: stop at the first one
  --format <f>         csv, xes or jsonl when the file name does not tell
  --max-open-events N  CSV/JSONL whose rows of a case are not contiguous (e.g. sorted by time):
                       how many events may wait in open cases (default 4,096 while the file
                       looks grouped by case, 250,000 once it interleaves)
  --classifier <C>     activity classifier: name (default), name+lifecycle, a classifier the
                       XES log declares (by name), or attribute keys separated by spaces.
                       Unless it includes the lifecycle, start/complete pairs count as one
                       event per activity instance
  --max-events-per-case N  refuse a case with more events (default 100,000): a small .gz can
                       hold one endless case
  --time-zone <Z>      IANA zone (e.g. Europe/Amsterdam) of timestamps written without an
                       offset; default UTC
  --date-order <o>     dmy or mdy for dates like 05/11/2011; default: decided by the first
                       date with a day over 12, else day-first (a note says so)

CSV columns are recognised by name (case:concept:name, case_id, CaseID, case; concept:name,
activity, Activity, ActivityID; time:timestamp, timestamp, CompleteTimestamp; org:resource,
resource; start_timestamp). Timestamps: ISO 8601 in its common shapes, single-digit hours,
day-first / month-first dates, 20111105 010501, 12-hour clocks, epoch seconds (9-10 digits) or
milliseconds (12-13 digits).

exit codes: 0 read, 2 unreadable input (the message names the line or trace)`;

const FORMATS: readonly LogFormat[] = ['csv', 'xes', 'jsonl'];

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const flags = new Set(['--json', '--sort-by-timestamp', '--skip-invalid']);
  const files: string[] = [];
  let format: LogFormat | undefined;
  let maxOpenEvents: number | undefined;
  let timeZone: string | undefined;
  let classifier: string | undefined;
  let maxEventsPerCase: number | undefined;
  let dateOrder: DateOrder | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--format') {
      const f = args[++i];
      if (!FORMATS.includes(f as LogFormat))
        return usageError(io, `stats: --format needs one of ${FORMATS.join(', ')}`);
      format = f as LogFormat;
    } else if (a === '--max-open-events') {
      maxOpenEvents = Number(args[++i]);
      if (!Number.isInteger(maxOpenEvents) || maxOpenEvents < 1)
        return usageError(io, 'stats: --max-open-events needs a positive whole number');
    } else if (a === '--max-events-per-case') {
      maxEventsPerCase = Number(args[++i]);
      if (!Number.isInteger(maxEventsPerCase) || maxEventsPerCase < 1)
        return usageError(io, 'stats: --max-events-per-case needs a positive whole number');
    } else if (a === '--classifier') {
      classifier = args[++i];
      if (!classifier)
        return usageError(io, 'stats: --classifier needs name, name+lifecycle, a declared classifier or keys');
    } else if (a === '--time-zone') {
      timeZone = args[++i];
      if (!timeZone) return usageError(io, 'stats: --time-zone needs an IANA zone name');
    } else if (a === '--date-order') {
      const o = args[++i];
      if (o !== 'dmy' && o !== 'mdy') return usageError(io, 'stats: --date-order needs dmy or mdy');
      dateOrder = o;
    } else if (a.startsWith('-') && !flags.has(a)) return usageError(io, `stats: unknown option ${a}`);
    else if (!a.startsWith('-')) files.push(a);
  }
  if (files.length !== 1) return usageError(io, 'stats: give exactly one log file');
  const file = files[0]!;
  const sortByTimestamp = args.includes('--sort-by-timestamp');
  const summary = newSummary();
  let stats: LogStats;
  try {
    const log = await openLog(file, format);
    stats = await computeStats(
      readCases(
        log.bytes,
        {
          ...logReadOptions(log),
          sortByTimestamp,
          skipInvalid: args.includes('--skip-invalid'),
          maxOpenEvents,
          keepUnnamedEvents: true,
          timeZone,
          dateOrder,
          classifier,
          maxEventsPerCase,
        },
        summary,
      ),
    );
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const line of importErrorLines('stats', file, e)) io.err(line);
    return 2;
  }
  for (const line of summaryLines('stats', summary)) io.err(line);
  const lifecycle = Object.entries(summary.lifecycle).sort((a, b) => b[1] - a[1]);
  if (args.includes('--json')) {
    const { cases, events, activities, variants, firstTimestamp, lastTimestamp } = stats;
    const extra = lifecycle.length ? { lifecycle: Object.fromEntries(lifecycle) } : {};
    const classifiers = summary.classifiers.length ? { classifiers: summary.classifiers } : {};
    io.out(
      JSON.stringify({ cases, events, activities, variants, firstTimestamp, lastTimestamp, ...extra, ...classifiers }),
    );
    return 0;
  }
  const rows: Array<[string, string | number]> = [
    ['cases', stats.cases],
    ['events', stats.events],
    ['activities', stats.activities],
    ['variants', `${stats.variants} (events in ${summary.ordering === 'timestamp' ? 'timestamp' : 'file'} order)`],
    ['first', stats.firstTimestamp ?? '(no timestamps)'],
    ['last', stats.lastTimestamp ?? '(no timestamps)'],
  ];
  if (lifecycle.length)
    rows.push([
      'lifecycle',
      lifecycle.map(([v, n]) => `${sanitizeForTerminal(v)} ${n.toLocaleString('en-US')}`).join(', '),
    ]);
  if (summary.classifiers.length)
    rows.push([
      'classifier',
      summary.classifiers
        .map((c) => `${sanitizeForTerminal(c.name)} (${c.keys.map((k) => sanitizeForTerminal(k)).join(' ')})`)
        .join(', '),
    ]);
  if (summary.skipped) rows.push(['skipped', `${summary.skipped} invalid`]);
  for (const [k, v] of rows) io.out(`${k.padEnd(11)}${typeof v === 'number' ? v.toLocaleString('en-US') : v}`);
  return 0;
}

function usageError(io: CliIo, message: string): number {
  io.err(message);
  io.err(HELP);
  return 2;
}
