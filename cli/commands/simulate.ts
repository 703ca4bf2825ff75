/**
 * `sop-studio simulate <graph> <log> [--rollout observe|assist|autonomy] [--json] [--threshold 0.05]
 * [--min-cases 30]`: replay a recorded log through a graph (DESIGN.md, Replay) and print what an
 * agent following it would have done: totals, per state, per branch, tier recommendations.
 */
import { ImportError, newSummary, readCases, type LogFormat } from '../../shared/import';
import { ROLLOUTS, type Rollout } from '../../shared/model/types';
import { simulate, type SimulationResult } from '../../shared/replay';
import type { CliIo } from '../io';
import { startGraphCommand } from '../graphCommand';
import { openLog } from '../node/openFile';
import { formatTable } from '../../shared/replay/formatText';

export const HELP = `usage: sop-studio simulate <graph.sop.json> <log> [options]

Replays every case of an event log (CSV, XES, JSONL; gzip recognised) through the graph with a
simulated agent and reports agreement, overrides, auto errors, abstentions, deviations and
guardrail trips per state and per branch, with 95% Wilson intervals and tier recommendations.

  --rollout <stage>    observe | assist | autonomy (default: the graph's own rollout)
  --json               print one JSON object: totals (cases, conformant, deviations, trailingEvents,
                       steps, autoSteps, autoErrors, suggestSteps, overrides, humanSteps,
                       abstentions, agree, disagree, guardrailTrips, overrideRate, automationRate,
                       autoErrorRate), totalsExtra (humanTouchesPerCase; timeSavedMs: handling
                       time of auto, agreed steps, null with timeSavedReason when the log has no
                       start/complete times; elapsed: medianCaseMs, waitingShare — calendar time),
                       perState, perTransition, recommendations, health
  --threshold <f>      highest acceptable disagreement rate for recommendations (default 0.05)
  --min-cases <n>      agent choices a branch needs before it is recommended on (default 30)
  --format <f>         csv, xes or jsonl when the log's name does not tell
  --sort-by-timestamp  order each case's events by timestamp instead of file order
  --skip-invalid       skip invalid events (counted) instead of stopping

Rates are fractions, null when their denominator is 0.
exit codes: 0 done, 2 unreadable graph or log, or bad options`;

const TOTAL_KEYS = ['cases', 'conformant', 'deviations', 'trailingEvents', 'steps', 'autoSteps', 'autoErrors', 'suggestSteps', 'overrides', 'humanSteps', 'abstentions', 'agree', 'disagree', 'guardrailTrips', 'overrideRate', 'automationRate', 'autoErrorRate'] as const;

interface Options {
  graph: string;
  log: string;
  rollout?: Rollout;
  json: boolean;
  threshold: number;
  minCases: number;
  format?: LogFormat;
  sortByTimestamp: boolean;
  skipInvalid: boolean;
}

function parseArgs(args: string[]): Options | string {
  const files: string[] = [];
  const o: Omit<Options, 'graph' | 'log'> = { json: false, threshold: 0.05, minCases: 30, sortByTimestamp: false, skipInvalid: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => args[++i];
    if (a === '--json') o.json = true;
    else if (a === '--sort-by-timestamp') o.sortByTimestamp = true;
    else if (a === '--skip-invalid') o.skipInvalid = true;
    else if (a === '--rollout') {
      const v = value();
      if (!ROLLOUTS.includes(v as Rollout)) return `--rollout needs one of ${ROLLOUTS.join(', ')}`;
      o.rollout = v as Rollout;
    } else if (a === '--threshold') {
      const v = Number(value());
      if (!(v > 0 && v < 1)) return '--threshold needs a fraction between 0 and 1, e.g. 0.05';
      o.threshold = v;
    } else if (a === '--min-cases') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) return '--min-cases needs a whole number ≥ 1';
      o.minCases = v;
    } else if (a === '--format') {
      const v = value();
      if (!['csv', 'xes', 'jsonl'].includes(v ?? '')) return '--format needs one of csv, xes, jsonl';
      o.format = v as LogFormat;
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length !== 2) return 'give a graph file and a log file';
  return { ...o, graph: files[0]!, log: files[1]! };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const start = await startGraphCommand('simulate', args, io, HELP, parseArgs);
  if (typeof start === 'number') return start;
  const { opts, doc: graph } = start;
  const summary = newSummary();
  let result: SimulationResult;
  try {
    const log = await openLog(opts.log, opts.format);
    const cases = readCases(log.bytes, { format: log.format, sortByTimestamp: opts.sortByTimestamp, skipInvalid: opts.skipInvalid }, summary);
    result = await simulate(graph, cases, { rollout: opts.rollout, policy: { threshold: opts.threshold, minCases: opts.minCases } });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`simulate: ${opts.log}: ${e.message}`);
    return 2;
  }
  for (const w of summary.warnings) io.err(`simulate: warning: ${w}`);
  if (summary.skipped) io.err(`simulate: skipped ${summary.skipped} invalid event(s)/line(s)`);
  for (const p of result.health.problems) io.err(`simulate: graph problem: ${p}`);
  if (opts.json) {
    const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, result.totals[k]]));
    const { humanTouchesPerCase, timeSavedMs, timeSavedReason, elapsed } = result.totals;
    io.out(
      JSON.stringify({
        graph: result.graph,
        rollout: result.rollout,
        totals,
        totalsExtra: { humanTouchesPerCase, timeSavedMs: timeSavedMs ?? null, ...(timeSavedReason ? { timeSavedReason } : {}), elapsed: elapsed ?? null },
        perState: result.perState,
        perTransition: result.perTransition,
        recommendations: result.recommendations,
        recommendationPolicy: result.recommendationPolicy,
        health: result.health,
        import: { skipped: summary.skipped, ordering: summary.ordering, warnings: summary.warnings },
      }),
    );
    return 0;
  }
  for (const line of formatTable(result, opts.log)) io.out(line);
  return 0;
}
