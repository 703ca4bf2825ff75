/**
 * `sop-studio simulate <graph> <log> [--rollout observe|assist|autonomy] [--json] [--threshold 0.05]
 * [--min-cases 30]`: replay a recorded log through a graph (DESIGN.md, Replay) and print what an
 * agent following it would have done: totals, per state, per branch, tier recommendations.
 */
import {
  ImportError,
  newSummary,
  readCaseBatches,
  readCases,
  type DateOrder,
  type ImportOptions,
  type LogFormat,
} from '../../shared/import';
import { ROLLOUTS, type Rollout } from '../../shared/model/types';
import { simulate, type SimulationResult } from '../../shared/replay';
import { importErrorLines, summaryLines } from '../importMessages';
import type { CliIo } from '../io';
import { startGraphCommand } from '../graphCommand';
import { logReadOptions, openLog, type OpenedLog } from '../node/openFile';
import { formatTable } from '../../shared/replay/formatText';
import {
  compareAgents,
  learnedPolicy,
  modelPolicy,
  recordedPolicy,
  RULES,
  type AnyPolicy,
  type AgentComparison,
} from '../../shared/agents';
import type { RecordedCase } from '../../shared/model/types';
import { fileResponseStore } from '../node/fileResponseStore';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { shadowAuditPolicy, shadowProposals } from '../../shared/agents';
import { parseAuditText, verifyAuditBytes } from '../../shared/runtime/audit';
import { describeFsError } from '../node/openFile';
import { terminalSafe } from '../node/terminalSafe';

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
  --classifier <C>     activity classifier: name (default), name+lifecycle, a classifier the
                       XES log declares (by name), or attribute keys separated by spaces; unless
                       it includes the lifecycle, a start folds into its complete
  --time-zone <Z>      IANA zone (e.g. Europe/Amsterdam) of timestamps without an offset; default UTC
  --date-order <o>     dmy or mdy for dates like 05/11/2011; default: decided by the data

Agent policies (repeatable; side by side, JSON gains "agents" with a section per policy):
  --agent rules                 the SOP's own guards (the default run)
  --agent recorded:<column>     a shadow agent's proposals: the event attribute naming the proposed
                                next activity (confidence in <column>_confidence, optional)
  --agent shadow:<audit.jsonl>  the runner's proposals from its audit trail (\`run\` in shadow
                                mode): matched to the log's cases by case id; the trail must verify
  --agent learned[:<min conf>]  a random forest per decision state over the agent's reads, trained
                                on the first 70% of cases by start time; every policy is then
                                scored on the remaining 30%
  --agent model[:<min conf>]    an OpenAI-compatible chat endpoint:
  --model-url <url>             base URL (or SOP_MODEL_URL), e.g. http://127.0.0.1:11434/v1
  --model <name>                model name (or SOP_MODEL); the key comes from SOP_MODEL_KEY or
                                OPENAI_API_KEY and is never printed
  --max-calls <n>               call budget; when used up the rest abstains, marked partial
  --max-tokens <n>              token budget (prompt + completion, from the responses' usage)
  --price <in>,<out>            price per million prompt / completion tokens, for the est. cost
  --max-cost <x>                estimated-cost budget, in the unit of --price
  --concurrency <n>             requests in flight at once (default 4)
  --cache <dir>                 cache responses by request hash (reruns make no calls)

Rates are fractions, null when their denominator is 0.
exit codes: 0 done, 2 unreadable graph or log, or bad options`;

const TOTAL_KEYS = [
  'cases',
  'conformant',
  'deviations',
  'trailingEvents',
  'steps',
  'autoSteps',
  'autoErrors',
  'suggestSteps',
  'overrides',
  'humanSteps',
  'abstentions',
  'agree',
  'disagree',
  'guardrailTrips',
  'overrideRate',
  'automationRate',
  'autoErrorRate',
] as const;

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
  classifier?: string;
  timeZone?: string;
  dateOrder?: DateOrder;
  agents: string[];
  modelUrl?: string;
  model?: string;
  maxCalls?: number;
  maxTokens?: number;
  maxCost?: number;
  price?: { inputPerMTok: number; outputPerMTok: number };
  concurrency?: number;
  cache?: string;
}

const AGENT_SPEC = /^(rules|recorded:.+|shadow:.+|learned(:(0(\.\d+)?|1(\.0+)?))?|model(:(0(\.\d+)?|1(\.0+)?))?)$/;

function parseArgs(args: string[]): Options | string {
  const files: string[] = [];
  const o: Omit<Options, 'graph' | 'log'> = {
    json: false,
    threshold: 0.05,
    minCases: 30,
    sortByTimestamp: false,
    skipInvalid: false,
    agents: [],
  };
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
    } else if (a === '--classifier' || a === '--time-zone') {
      const v = value();
      if (!v)
        return a === '--classifier'
          ? '--classifier needs name, name+lifecycle, a declared classifier or keys'
          : '--time-zone needs an IANA zone name, e.g. Europe/Amsterdam';
      if (a === '--classifier') o.classifier = v;
      else o.timeZone = v;
    } else if (a === '--date-order') {
      const v = value();
      if (v !== 'dmy' && v !== 'mdy') return '--date-order needs dmy or mdy';
      o.dateOrder = v;
    } else if (a === '--agent') {
      const v = value() ?? '';
      if (!AGENT_SPEC.test(v))
        return '--agent needs rules, recorded:<column>, shadow:<audit.jsonl>, learned[:0.7] or model[:0.7]';
      o.agents.push(v);
    } else if (a === '--model-url' || a === '--model' || a === '--cache') {
      const v = value();
      if (!v) return `${a} needs a value`;
      if (a === '--model-url') o.modelUrl = v;
      else if (a === '--model') o.model = v;
      else o.cache = v;
    } else if (a === '--max-calls') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) return '--max-calls needs a whole number ≥ 0';
      o.maxCalls = v;
    } else if (a === '--max-tokens' || a === '--concurrency') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) return `${a} needs a whole number ≥ 1`;
      if (a === '--max-tokens') o.maxTokens = v;
      else o.concurrency = v;
    } else if (a === '--max-cost') {
      const v = Number(value());
      if (!(v >= 0) || !Number.isFinite(v)) return '--max-cost needs a number ≥ 0';
      o.maxCost = v;
    } else if (a === '--price') {
      const m = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(value() ?? '');
      if (!m) return '--price needs <in>,<out>: prices per million prompt and completion tokens, e.g. 0.15,0.6';
      o.price = { inputPerMTok: Number(m[1]), outputPerMTok: Number(m[2]) };
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length !== 2) return 'give a graph file and a log file';
  if (o.agents.some((x) => x.startsWith('model'))) {
    o.modelUrl ??= process.env.SOP_MODEL_URL;
    o.model ??= process.env.SOP_MODEL;
    if (!o.modelUrl || !/^https?:\/\//.test(o.modelUrl))
      return '--agent model needs --model-url http(s)://… (or SOP_MODEL_URL)';
    if (!o.model) return '--agent model needs --model <name> (or SOP_MODEL)';
    if (o.maxCost !== undefined && !o.price) return '--max-cost needs --price <in>,<out> to estimate the cost';
  }
  return { ...o, graph: files[0]!, log: files[1]! };
}

/** How the log is read: the same options `stats` and `discover` take. */
function readOptions(log: OpenedLog, o: Options): ImportOptions {
  return {
    ...logReadOptions(log),
    sortByTimestamp: o.sortByTimestamp,
    skipInvalid: o.skipInvalid,
    classifier: o.classifier,
    timeZone: o.timeZone,
    dateOrder: o.dateOrder,
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const start = await startGraphCommand('simulate', args, io, HELP, parseArgs);
  if (typeof start === 'number') return start;
  const { opts, doc: graph } = start;
  const summary = newSummary();
  if (opts.agents.length) return runAgents(opts, graph, summary, io);
  let result: SimulationResult;
  try {
    const log = await openLog(opts.log, opts.format);
    const cases = readCaseBatches(log.bytes, readOptions(log, opts), summary);
    result = await simulate(graph, cases, {
      rollout: opts.rollout,
      policy: { threshold: opts.threshold, minCases: opts.minCases },
    });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const line of importErrorLines('simulate', opts.log, e)) io.err(line);
    return 2;
  }
  for (const line of summaryLines('simulate', summary)) io.err(line);
  for (const p of result.health.problems) io.err(`simulate: graph problem: ${p}`);
  if (opts.json) {
    const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, result.totals[k]]));
    const { humanTouchesPerCase, timeSavedMs, timeSavedReason, elapsed } = result.totals;
    io.out(
      JSON.stringify({
        graph: result.graph,
        rollout: result.rollout,
        totals,
        totalsExtra: {
          humanTouchesPerCase,
          timeSavedMs: timeSavedMs ?? null,
          ...(timeSavedReason ? { timeSavedReason } : {}),
          elapsed: elapsed ?? null,
        },
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

/** The proposals of a verified audit trail; a tampered or unreadable one is refused (message). */
async function shadowFrom(file: string): Promise<AnyPolicy | string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return `cannot read the audit trail ${terminalSafe(file)}: ${describeFsError(e)}`;
  }
  const verified = await verifyAuditBytes(bytes);
  if (!verified.ok)
    return `audit trail ${terminalSafe(file)} line ${verified.line}: ${verified.reason} — not using a tampered log`;
  return shadowAuditPolicy(shadowProposals(parseAuditText(new TextDecoder().decode(bytes))), {
    name: `shadow:${basename(file)}`,
  });
}

async function policyOf(spec: string, o: Options): Promise<AnyPolicy | string> {
  const [kind, arg] = [spec.split(':')[0]!, spec.slice(spec.indexOf(':') + 1)];
  if (kind === 'rules') return RULES;
  if (kind === 'shadow') return shadowFrom(arg);
  if (kind === 'recorded') return recordedPolicy(arg);
  const threshold = spec.includes(':') ? Number(arg) : 0;
  if (kind === 'learned') return learnedPolicy({ threshold });
  const apiKey = process.env.SOP_MODEL_KEY ?? process.env.OPENAI_API_KEY;
  const { maxCalls, maxTokens, maxCost, price, concurrency } = o;
  const bounds = Object.fromEntries(
    Object.entries({ maxCalls, maxTokens, maxCost, price, concurrency }).filter(([, v]) => v !== undefined),
  );
  return modelPolicy({
    baseUrl: o.modelUrl!,
    model: o.model!,
    threshold,
    ...bounds,
    ...(apiKey ? { apiKey } : {}),
    ...(o.cache ? { cache: fileResponseStore(o.cache) } : {}),
  });
}

/** Only printable characters of text that came from input (column names, model names). */
const clean = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');

async function runAgents(
  opts: Options,
  graph: Parameters<typeof simulate>[0],
  summary: ReturnType<typeof newSummary>,
  io: CliIo,
): Promise<number> {
  const cases: RecordedCase[] = [];
  let cmp: AgentComparison;
  const policies: AnyPolicy[] = [];
  for (const spec of opts.agents) {
    const p = await policyOf(spec, opts);
    if (typeof p === 'string') {
      io.err(`simulate: ${p}`);
      return 2;
    }
    policies.push(p);
  }
  try {
    const log = await openLog(opts.log, opts.format);
    for await (const c of readCases(log.bytes, readOptions(log, opts), summary)) cases.push(c);
    cmp = await compareAgents(graph, cases, policies, {
      rollout: opts.rollout,
      policy: { threshold: opts.threshold, minCases: opts.minCases },
    });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`simulate: ${opts.log}: ${e.message}`);
    return 2;
  }
  for (const w of summary.warnings) io.err(`simulate: warning: ${w}`);
  if (opts.json) {
    io.out(
      JSON.stringify({
        agents: cmp,
        import: { skipped: summary.skipped, ordering: summary.ordering, warnings: summary.warnings },
      }),
    );
    return 0;
  }
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
  io.out(
    `agents side by side on ${cmp.evaluatedOn === 'holdout' ? `the later ${cmp.split!.testCases} cases (trained on the first ${cmp.split!.trainCases} by start time)` : `all ${cases.length} cases`}`,
  );
  io.out('');
  io.out('policy                 steps   agree  disagree  abstain  invalid  automation  partial');
  for (const p of cmp.policies) {
    const t = p.result.totals;
    const ms = p.summary as { partial?: boolean; stoppedBy?: string | null } | undefined;
    const partial =
      p.unanswered > 0 || ms?.partial === true
        ? `yes${ms?.stoppedBy ? ` (${ms.stoppedBy === 'cancelled' ? 'cancelled' : `${ms.stoppedBy} budget`})` : ''}`
        : 'no';
    io.out(
      `${clean(p.policy).padEnd(20)} ${String(t.steps).padStart(7)} ${String(t.agree).padStart(7)} ${String(t.disagree).padStart(9)} ${String(t.abstentions).padStart(8)} ${String(p.invalid).padStart(8)} ${pct(t.automationRate).padStart(11)}  ${partial}`,
    );
  }
  io.out('');
  io.out('per branch: disagreement [95% CI] (abstentions) → earned tier');
  const ids = Object.keys(cmp.policies[0]!.branches).filter((id) =>
    cmp.policies.some((p) => p.branches[id]!.agentChoices + p.branches[id]!.abstentions > 0),
  );
  for (const id of ids) {
    const cells = cmp.policies.map((p) => {
      const b = p.branches[id]!;
      const d = b.disagreement;
      return `${clean(p.policy)} ${d ? `${pct(d.rate)} [${pct(d.low)}–${pct(d.high)}]` : '–'} (${b.abstentions}) → ${b.earnedTier}`;
    });
    io.out(`  ${clean(id)}: ${cells.join(' | ')}`);
  }
  return 0;
}
