/**
 * `sop-studio run <graph> --cases <log> [--tools <module.mjs>] [--rollout …] [--execute] …`:
 * run recorded cases through the runtime runner. Shadow mode by default: every step is decided
 * and audited, but no tool is called (`would-call`). Approvals and hand-offs are resolved from
 * what people did in the recorded log (approve when the draft matches, otherwise the recorded
 * choice overrides it), so the audit trail shows a whole run; `--no-follow` leaves them pending.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError, newSummary, readCases, type LogFormat } from '../../shared/import';
import { flattenMachine } from '../../shared/model/flatten';
import { ROLLOUTS, type GraphDoc, type RecordedCase, type Rollout } from '../../shared/model/types';
import { AuditLog, type AuditDecision, type AuditRecord, type AuditSink } from '../../shared/runtime/audit';
import { fileSink, openAuditToContinue, readAuditKey, repairEntry } from '../node/auditFile';
import { terminalSafe } from '../node/terminalSafe';
import type { ApprovalItem, ApprovalQueue } from '../../shared/runtime/approvals';
import { systemClock } from '../../shared/runtime/clock';
import {
  createRunner,
  type CaseStatus,
  type Environment,
  type Runner,
  type ToolHandler,
} from '../../shared/runtime/runner';
import type { CliIo } from '../io';
import { startGraphCommand } from '../graphCommand';
import { UNKNOWN_OPTION, walkArgs } from '../options';
import { logReadOptions, openLog } from '../node/openFile';

export const HELP = `usage: sop-studio run <graph.sop.json> --cases <log> [options]

Runs each recorded case through the graph on the runtime runner (XState), with the effective
tier, approvals, limits, rate limits, circuit breakers and kill switches enforced, and writes every
step to a hash-chained audit log. Shadow mode by default: records what it would do, calls nothing.

  --cases <log>        recorded cases: CSV, XES or JSONL (gzip recognised)
  --tools <module>     ES module exporting tool handlers: default export or \`tools\`, an object
                       { toolName: async (params, ctx) => result }; required with --execute
  --execute            call the tools (auto steps and approved drafts)
  --rollout <stage>    observe | assist | autonomy (default: the graph's)
  --environment <env>  staging | production (default staging); handlers see it, cannot change it
  --audit <file>       append the audit records here (an existing log is verified and continued);
                       <file>.anchor is rewritten after every record (count + head hash)
  --audit-key <file>   MAC every record and the anchor with this key (\`audit keygen <file>\`);
                       an existing log must verify under it
  --no-follow          leave approvals and hand-offs pending instead of taking the recorded choice
  --repair-torn-tail   the audit log ends in a torn line (a crash mid-write): cut it off, and put
                       the repair on the audit trail; without it such a log is refused

Resume: rerunning --execute with the same --audit log after a crash never calls a completed tool
step again (its recorded result is reused); a call whose intent was recorded but whose outcome was
not (the process died while the tool ran) is marked outcome-unknown and handed to a human, never
retried; cases that already finished in an execute run are skipped.
  --json               print {cases, pending, counts} as JSON
  --format <f>         csv, xes or jsonl when the log's name does not tell

exit codes: 0 done, 2 unreadable graph, log, tools module or audit log, or bad options`;

interface Options {
  graph: string;
  cases: string;
  tools?: string;
  execute: boolean;
  rollout?: Rollout;
  environment: Environment;
  audit?: string;
  follow: boolean;
  json: boolean;
  repairTornTail: boolean;
  auditKey?: string;
  format?: LogFormat;
}

function parseArgs(args: string[]): Options | string {
  const o: Partial<Options> & Pick<Options, 'execute' | 'environment' | 'follow' | 'json' | 'repairTornTail'> = {
    execute: false,
    environment: 'staging',
    follow: true,
    json: false,
    repairTornTail: false,
  };
  const files = walkArgs(args, (a, value) => {
    if (a === '--execute') o.execute = true;
    else if (a === '--no-follow') o.follow = false;
    else if (a === '--json') o.json = true;
    else if (a === '--repair-torn-tail') o.repairTornTail = true;
    else if (a === '--cases') o.cases = value();
    else if (a === '--tools') o.tools = value();
    else if (a === '--audit') o.audit = value();
    else if (a === '--audit-key') o.auditKey = value();
    else if (a === '--rollout') {
      const v = value();
      if (!ROLLOUTS.includes(v as Rollout)) return `--rollout needs one of ${ROLLOUTS.join(', ')}`;
      o.rollout = v as Rollout;
    } else if (a === '--environment') {
      const v = value();
      if (v !== 'staging' && v !== 'production') return '--environment needs staging or production';
      o.environment = v;
    } else if (a === '--format') {
      const v = value();
      if (!['csv', 'xes', 'jsonl'].includes(v)) return '--format needs one of csv, xes, jsonl';
      o.format = v as LogFormat;
    } else return UNKNOWN_OPTION;
  });
  if (typeof files === 'string') return files;
  if (files.length !== 1) return 'give exactly one graph file';
  if (!o.cases) return '--cases <log> is required';
  if (o.execute && !o.tools) return '--execute needs --tools <module>';
  if (o.auditKey && !o.audit) return '--audit-key needs --audit <file>';
  return { ...o, graph: files[0]!, cases: o.cases };
}

/** Load `{ toolName: handler }` from an ES module (default export or `tools`). */
export async function loadTools(file: string): Promise<Record<string, ToolHandler>> {
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as { default?: unknown; tools?: unknown };
  const table = (mod.tools ?? mod.default) as Record<string, unknown> | undefined;
  if (!table || typeof table !== 'object')
    throw new Error('the module exports no tools (default export or `tools`: { name: handler })');
  for (const [name, fn] of Object.entries(table))
    if (typeof fn !== 'function') throw new Error(`tool "${name}" is not a function`);
  return table as Record<string, ToolHandler>;
}

/**
 * Resolve a case's pending items from the recorded events, like replay: the human's choice is the
 * branch whose target activity is the next unconsumed event (or, once the trace is used up, a
 * branch into a final state).
 */
async function followRecorded(
  runner: Runner,
  graph: GraphDoc,
  rc: RecordedCase,
  status: CaseStatus,
): Promise<CaseStatus> {
  const flat = flattenMachine(graph.machine);
  const activity = (key: string) => flat.states.get(key)?.activity ?? key;
  let ptr = 0;
  let seen = 0;
  const consume = (s: CaseStatus) => {
    for (; seen < s.path.length; seen++) if (rc.events[ptr]?.activity === activity(s.path[seen]!)) ptr++;
  };
  consume(status);
  for (let guard = 0; status.status === 'waiting' && status.waitingOn && guard < 10_000; guard++) {
    const item = runner.approvals.get(status.waitingOn) as ApprovalItem;
    const next = rc.events[ptr];
    const choice = next
      ? item.options.find((o) => o.activity === next.activity)
      : item.options.find((o) => flat.states.get(o.target)?.type === 'final');
    if (!choice) return status; // the people did something the SOP does not cover: leave it pending
    const who = { role: item.roles[0] ?? 'recorded', by: next?.resource ?? 'recorded-log' };
    if (item.kind === 'suggest' && item.proposal?.transitionId === choice.transitionId)
      status = await runner.approve(item.id, who);
    else if (item.kind === 'suggest')
      status = await runner.reject(item.id, who, { reason: 'recorded choice differs', choose: choice.transitionId });
    else status = await runner.decide(item.id, who, choice.transitionId);
    consume(status);
  }
  return status;
}

/** Passes records on to `inner`, counting guardrail hand-offs by kind and keeping outcome-unknown records (few). */
function tallySink(inner: AuditSink) {
  const stoppedBy = new Map<string, number>();
  const unknownOutcomes: AuditRecord[] = [];
  return {
    stoppedBy,
    unknownOutcomes,
    append(line: string, r: AuditRecord) {
      if (r.decision === 'outcome-unknown') unknownOutcomes.push(r);
      if (r.decision === 'handoff')
        for (const reason of r.reasons)
          if (reason.kind !== 'branch' && reason.kind !== 'rollout')
            stoppedBy.set(reason.kind, (stoppedBy.get(reason.kind) ?? 0) + 1);
      return inner.append(line, r);
    },
  };
}

/** An approval queue that lets go of items once decided: a long run holds only what is open. */
function openItemsQueue(): ApprovalQueue {
  const items = new Map<string, ApprovalItem>();
  return {
    add: (item) => void items.set(item.id, item),
    update: (item) => void (item.status === 'pending' ? items.set(item.id, item) : items.delete(item.id)),
    get: (id) => items.get(id),
    pending: () => [...items.values()],
  };
}

/**
 * Case identity, checked before anything runs: every id non-empty and used once. A repeated id is
 * refused (not merged): two recorded cases under one id would otherwise share one runner case.
 * Only the ids are held.
 */
async function checkCaseIds(file: string, format: LogFormat | undefined): Promise<true | string> {
  const seen = new Map<string, number>();
  let n = 0;
  try {
    const log = await openLog(file, format);
    for await (const rc of readCases(log.bytes, logReadOptions(log), newSummary())) {
      n++;
      if (typeof rc.caseId !== 'string' || rc.caseId.trim() === '') return `case ${n} has an empty case id`;
      const first = seen.get(rc.caseId);
      if (first !== undefined)
        return `case id "${rc.caseId}" is used by cases ${first} and ${n} (case ids must be unique)`;
      seen.set(rc.caseId, n);
    }
  } catch (e) {
    if (e instanceof ImportError) return e.message;
    throw e;
  }
  return true;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const start = await startGraphCommand('run', args, io, HELP, parseArgs);
  if (typeof start === 'number') return start;
  const { opts, doc: graph } = start;
  let tools: Record<string, ToolHandler> = {};
  if (opts.tools) {
    try {
      tools = await loadTools(opts.tools);
    } catch (e) {
      io.err(`run: cannot load tools from ${opts.tools}: ${(e as Error).message}`);
      return 2;
    }
  }
  const key = opts.auditKey ? await readAuditKey(opts.auditKey) : undefined;
  if (typeof key === 'string') {
    io.err(`run: audit key ${terminalSafe(key)}`);
    return 2;
  }
  const existing = opts.audit
    ? await openAuditToContinue(opts.audit, { repairTornTail: opts.repairTornTail, key })
    : null;
  if (typeof existing === 'string') {
    io.err(`run: ${terminalSafe(existing)}`);
    return 2;
  }
  if (existing?.anchorBehind)
    io.err(
      `run: ${opts.audit} is one record past its anchor (the process died between the two writes); the anchor catches up with the next record`,
    );
  const ids = await checkCaseIds(opts.cases, opts.format);
  if (typeof ids === 'string') {
    io.err(`run: ${opts.cases}: ${terminalSafe(ids)} — nothing was run`);
    return 2;
  }
  const fileSinkOrNone = opts.audit
    ? fileSink(opts.audit, opts.execute, key)
    : { append: () => undefined, close: async () => undefined };
  const tally = tallySink(fileSinkOrNone);
  const sink = { append: tally.append.bind(tally), close: fileSinkOrNone.close.bind(fileSinkOrNone) };
  // records are counted as they go, not held: a run of any length keeps only its open cases
  const audit = new AuditLog(sink, systemClock, existing?.resume, { key, keepRecords: false });
  const journal = opts.execute ? existing?.journal : undefined;
  let runner: Runner;
  try {
    runner = createRunner(graph, {
      tools,
      audit,
      environment: opts.environment,
      rollout: opts.rollout,
      shadow: !opts.execute,
      resume: journal,
      forgetFinishedCases: true,
      approvals: openItemsQueue(),
    });
  } catch (e) {
    io.err(`run: ${terminalSafe((e as Error).message)}`);
    return 2;
  }
  if (existing?.torn) {
    await audit.append(repairEntry(existing.torn, opts.environment));
    io.err(
      `run: cut a torn final line (${existing.torn.bytes} bytes) from ${opts.audit}; the repair is record ${existing.resume.records + 1}`,
    );
  }
  let skipped = 0;
  const byStatus = { done: 0, waiting: 0, stuck: 0 };
  const kept: CaseStatus[] = [];
  const startRecords = audit.length;
  try {
    const log = await openLog(opts.cases, opts.format);
    for await (const rc of readCases(log.bytes, logReadOptions(log), newSummary())) {
      if (journal?.finished.has(rc.caseId)) {
        skipped++;
        continue;
      }
      let status = await runner.startCase({ caseId: rc.caseId, attributes: rc.attributes });
      if (opts.follow) status = await followRecorded(runner, graph, rc, status);
      byStatus[status.status]++;
      if (opts.json) kept.push(status);
      else
        io.out(
          `${terminalSafe(status.caseId)}  ${status.status.padEnd(7)}  ${status.path.map(terminalSafe).join(' → ')}${status.waitingOn ? `  (waiting: ${runner.approvals.get(status.waitingOn)?.kind} at ${terminalSafe(status.state)})` : ''}${status.reason ? `  (${terminalSafe(status.reason)})` : ''}`,
        );
    }
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    io.err(`run: ${opts.cases}: ${e.message}`);
    return 2;
  } finally {
    await sink.close();
  }

  const byDecision = (d: AuditDecision) => audit.counts.get(d) ?? 0;
  const counts = {
    cases: byStatus.done + byStatus.waiting + byStatus.stuck,
    ...byStatus,
    skippedFinished: skipped,
    toolCalls: byDecision('call'),
    replayedCalls: byDecision('replayed'),
    outcomeUnknown: byDecision('outcome-unknown'),
    wouldCall: byDecision('would-call'),
    suggested: byDecision('suggest'),
    handedOff: byDecision('handoff'),
    approved: byDecision('approve'),
    overridden: byDecision('reject'),
    stoppedBy: Object.fromEntries(tally.stoppedBy),
    auditRecords: audit.length - startRecords,
    auditHead: audit.head,
  };
  if (opts.json) {
    io.out(
      JSON.stringify({
        mode: opts.execute ? 'execute' : 'shadow',
        environment: opts.environment,
        rollout: runner.config.rollout,
        counts,
        cases: kept,
        pending: runner.approvals.pending(),
      }),
    );
  } else {
    io.out(
      `${opts.execute ? 'executed' : 'shadow run (no tool called)'}: ${counts.cases} cases, ${counts.done} done, ${counts.waiting} waiting, ${counts.stuck} stuck; ` +
        `${opts.execute ? `${counts.toolCalls} tool calls` : `${counts.wouldCall} tool calls it would make`}, ${counts.suggested} suggestions (${counts.approved} approved, ${counts.overridden} overridden), ${counts.handedOff} hand-offs`,
    );
    if (counts.skippedFinished || counts.replayedCalls || counts.outcomeUnknown)
      io.out(
        `resumed: ${counts.skippedFinished} cases already finished were skipped, ${counts.replayedCalls} completed tool calls were not made again`,
      );
    for (const r of tally.unknownOutcomes)
      io.out(
        `outcome unknown (handed to a human, not retried): ${terminalSafe(r.idempotencyKey ?? '')} ${terminalSafe(r.tool ?? '')}, intent at record ${(r.result as { intentSeq: number }).intentSeq + 1}`,
      );
    const stops = Object.entries(counts.stoppedBy);
    if (stops.length)
      io.out(`stopped by guardrails (handed to a human): ${stops.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    io.out(
      opts.audit
        ? `audit: ${counts.auditRecords} records appended to ${opts.audit}, head ${counts.auditHead}`
        : `audit: ${counts.auditRecords} records (not saved: pass --audit <file>), head ${counts.auditHead}`,
    );
  }
  return 0;
}
