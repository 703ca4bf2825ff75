/**
 * The runner: executes case instances of a graph on XState (one actor per case, see machine.ts)
 * with the autonomy rules enforced outside the model, and every step on the audit trail.
 *
 * Per step: the agent's branch is XState's own guard selection; its effective tier (rollout,
 * guardrails, tool limits — shared with the simulator — and kill switches) decides what happens:
 * - `auto`: the runner takes the branch; entering a state with `meta.tool` calls the registered
 *   handler (idempotency key `caseId:state:visit`, identical across retries), with per-tool rate
 *   limits, batch caps, retries with backoff up to `maxRetries` and a circuit breaker. A tripped
 *   limit, an open breaker, a missing handler or exhausted retries hand the step to a human.
 * - `suggest`: the draft waits in the approval queue (approve / edit / reject by a named role).
 * - `human`: the step waits for a human's choice; the agent only observes (no tool call: the human
 *   acts in the system of record).
 * Shadow mode calls nothing and records the calls it would make (`would-call`).
 *
 * The one exception to "no tier means human": a state whose only way on is a single unguarded,
 * untiered `always` branch into a state without a tool has nothing to decide; it is taken and
 * recorded as `pass`.
 */
import { createActor } from 'xstate';
import type { GraphDoc, Rollout } from '../model/types';
import { compileGraph, type CompiledGraph } from '../replay/compile';
import { CaseEvaluator } from '../replay/evaluate';
import { toCelVars } from '../expr/cel';
import { AuditLog } from './audit';
import { memoryApprovalQueue } from './approvals';
import { createCaseRecorder, statusOf, type CaseRun, type RunnerCore } from './caseRun';
import { createCaseTools } from './caseTools';
import { systemClock } from './clock';
import { createDecisions } from './decisions';
import { KillSwitches } from './guardrails';
import { createHandoff } from './handoff';
import { buildRunnerMachine, leafKey } from './machine';
import { rollbackActions } from './rollback';
import type { Runner, RunnerConfig, RunnerOptions, ToolHandler } from './runnerTypes';
import { jsonSafe } from './safeJson';
import { createStepper } from './stepper';
import { createToolCaller } from './toolCalls';

export type {
  CaseInput,
  CaseStatus,
  Environment,
  Runner,
  RunnerConfig,
  RunnerOptions,
  ToolContext,
  ToolHandler,
} from './runnerTypes';

const RESERVED_STATE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Check the options and the graph, and build the services every part of the runner shares. */
function buildCore(graph: GraphDoc, options: RunnerOptions): RunnerCore {
  if (options.environment !== 'staging' && options.environment !== 'production') {
    throw new Error(
      `createRunner: environment must be "staging" or "production", got ${JSON.stringify(options.environment)}`,
    );
  }
  const g: CompiledGraph = compileGraph(graph);
  // XState keeps states in plain objects: such a key would resolve to Object.prototype's members
  for (const key of g.flat.states.keys()) {
    const bad = key.split('.').find((part) => RESERVED_STATE_NAMES.has(part));
    if (bad)
      throw new Error(
        `createRunner: state "${key}" uses the reserved name "${bad}" (not allowed as a state key: rename the state)`,
      );
  }
  const rollout: Rollout = options.rollout ?? g.rollout;
  // Frozen copies: neither the caller's options object nor tool code can change them later.
  const config: RunnerConfig = Object.freeze({
    environment: options.environment,
    rollout,
    shadow: options.shadow === true,
    graph: Object.freeze({ name: g.name, version: g.version }),
  });
  const tools: Readonly<Record<string, ToolHandler>> = Object.freeze({ ...options.tools });
  const clock = options.clock ?? systemClock;
  return {
    graph,
    g,
    config,
    tools,
    clock,
    audit: options.audit instanceof AuditLog ? options.audit : new AuditLog(options.audit, clock),
    approvals: options.approvals ?? memoryApprovalQueue(),
    machine: buildRunnerMachine(g),
    evaluator: new CaseEvaluator(g, rollout),
    toolCaller: createToolCaller({
      graph,
      tools,
      clock,
      environment: config.environment,
      shadow: config.shadow,
      breaker: options.breaker,
      retry: options.retry,
      journal: options.resume,
    }),
    kill: new KillSwitches(),
    maxSteps: options.maxSteps ?? 1000,
    forgetFinishedCases: options.forgetFinishedCases === true,
    cases: new Map<string, CaseRun>(),
    actions: new Map(),
  };
}

export function createRunner(graph: GraphDoc, options: RunnerOptions): Runner {
  const core = buildCore(graph, options);
  const { g, config, audit, approvals, kill, cases, actions } = core;
  const rec = createCaseRecorder(core);
  const caseTools = createCaseTools(core, rec);
  const enqueue = createHandoff(core, rec);
  const stepper = createStepper(core, rec, caseTools, enqueue);
  const decisions = createDecisions(core, rec, caseTools, enqueue, stepper);

  const runner: Runner = {
    config,
    audit,
    approvals,
    killSwitches: {
      pauseAgent: (n) => kill.pauseAgent(n),
      resumeAgent: (n) => kill.resumeAgent(n),
      pauseTool: (n) => kill.pauseTool(n),
      resumeTool: (n) => kill.resumeTool(n),
    },

    async startCase(input) {
      if (!input || typeof input.caseId !== 'string' || !input.caseId)
        throw new Error('startCase: a case needs a caseId');
      if (cases.has(input.caseId)) throw new Error(`startCase: case ${input.caseId} was already started`);
      const attributes = input.attributes ?? {};
      const vars = toCelVars(attributes, g.schema);
      const actor = createActor(core.machine, { input: { caseId: input.caseId, vars } });
      actor.start();
      const start = actor.getSnapshot().status === 'done' ? '' : leafKey(actor.getSnapshot().value);
      const c: CaseRun = {
        input: { caseId: input.caseId, attributes },
        vars,
        actor,
        visits: new Map(),
        status: { caseId: input.caseId, state: start, status: 'waiting', waitingOn: null, path: [start] },
      };
      cases.set(input.caseId, c);
      const sid = g.stateIds.get(start);
      await rec.write(c, {
        decision: 'start',
        actor: 'runner',
        inputs: jsonSafe(attributes) as Record<string, unknown>,
        result: { mode: config.shadow ? 'shadow' : 'execute' },
        target: { state: start, activity: sid === undefined ? start : g.states[sid]!.activity },
      });
      return stepper.advance(c);
    },

    async runCases(inputs) {
      core.toolCaller.newBatch();
      const out: Awaited<ReturnType<Runner['startCase']>>[] = [];
      for await (const input of inputs) out.push(await runner.startCase(input));
      return out;
    },

    ...decisions,

    rollback: (scope, n, who) =>
      rollbackActions({
        actions: [...actions.values()].flat().sort((a, b) => a.seq - b.seq),
        scope,
        n,
        graph,
        tools: core.tools,
        clock: core.clock,
        environment: config.environment,
        actor: who ? `${who.role}:${who.by}` : 'runner',
        write: (caseId, entry) => rec.write(cases.get(caseId)!, entry),
      }),

    getCase: (caseId) => {
      const c = cases.get(caseId);
      return c ? statusOf(c) : undefined;
    },

    breakerState: (tool) => core.toolCaller.breakerState(tool),
  };
  return runner;
}
