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
import { createActor, type Actor } from 'xstate';
import type { AttrValue, GraphDoc, Rollout, Tier } from '../model/types';
import { compileGraph, type CompiledGraph, type CompiledTransition } from '../replay/compile';
import { CaseEvaluator } from '../replay/evaluate';
import { toCelVars } from '../expr/cel';
import { AuditLog, type AuditEntry, type AuditReason, type AuditRecord, type AuditSink } from './audit';
import { ApprovalError, checkBranch, checkDecider, checkSuggestion, memoryApprovalQueue, type ApprovalItem, type ApprovalQueue, type Decider } from './approvals';
import { systemClock, type Clock } from './clock';
import { KillSwitches, type BreakerOptions, type BreakerState } from './guardrails';
import type { ResumeJournal } from './resume';
import { createToolCaller, type CallOutcome, type ToolStep } from './toolCalls';
import { agentChoice, buildRunnerMachine, leafKey, type RunnerMachine } from './machine';
import { metaUp, planStep, toolOf, type StepPlan } from './plan';
import { jsonSafe } from './safeJson';
import { rollbackActions, type ActionRecord, type RollbackResult, type RollbackScope } from './rollback';

export type Environment = 'staging' | 'production';

/** What a tool handler gets besides its params. Frozen: handlers cannot change the runner. */
export interface ToolContext {
  readonly caseId: string;
  readonly state: string;
  readonly tool: string;
  /** Same for every retry of one step; differs on a later visit of the state. */
  readonly idempotencyKey: string;
  /** 0 for the first try, 1.. for retries. */
  readonly attempt: number;
  readonly environment: Environment;
  readonly actor: string;
}

export type ToolHandler = (params: Record<string, unknown>, ctx: ToolContext) => unknown;

export interface RunnerOptions {
  tools: Record<string, ToolHandler>;
  /** Where the hash-chained records go (or an AuditLog to continue). */
  audit: AuditSink | AuditLog;
  approvals?: ApprovalQueue;
  clock?: Clock;
  environment: Environment;
  /** Rollout stage for this runner; default the graph's. */
  rollout?: Rollout;
  /** Record what would be done; call no tool. */
  shadow?: boolean;
  breaker?: BreakerOptions;
  /** Backoff between retries: base·2^(n-1), capped. Defaults 500 ms and 30 s. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Steps one `advance` may take before the case counts as stuck (loops). Default 1000. */
  maxSteps?: number;
  /**
   * What an existing audit trail says about calls made before a crash (resume.ts): completed
   * calls are not made again, intents without an outcome go to a human.
   */
  resume?: ResumeJournal;
  /**
   * Drop a case (its status, actor and rollback actions) once it is done or stuck, so a long
   * batch holds only the cases still open; `getCase` and `rollback` then no longer see it.
   */
  forgetFinishedCases?: boolean;
}

export interface CaseInput {
  caseId: string;
  attributes: Record<string, AttrValue>;
}

export interface CaseStatus {
  caseId: string;
  state: string;
  status: 'waiting' | 'done' | 'stuck';
  /** Approval item the case waits on. */
  waitingOn: string | null;
  /** States entered, in order (the start state first). */
  path: string[];
  /** Why a stuck case stopped (e.g. "eventless loop at a: …"). */
  reason?: string;
}

export interface RunnerConfig {
  readonly environment: Environment;
  readonly rollout: Rollout;
  readonly shadow: boolean;
  readonly graph: { readonly name: string; readonly version: number };
}

interface CaseRun {
  input: CaseInput;
  vars: Record<string, unknown>;
  actor: Actor<RunnerMachine>;
  status: CaseStatus;
  visits: Map<string, number>;
}

export interface Runner {
  readonly config: RunnerConfig;
  readonly audit: AuditLog;
  readonly approvals: ApprovalQueue;
  readonly killSwitches: Pick<KillSwitches, 'pauseAgent' | 'resumeAgent' | 'pauseTool' | 'resumeTool'>;
  startCase(input: CaseInput): Promise<CaseStatus>;
  /** Start many cases as one batch (tool batch caps count per call of this). */
  runCases(inputs: Iterable<CaseInput> | AsyncIterable<CaseInput>): Promise<CaseStatus[]>;
  approve(itemId: string, who: Decider): Promise<CaseStatus>;
  edit(itemId: string, who: Decider, change: { params?: Record<string, unknown>; transitionId?: string }): Promise<CaseStatus>;
  reject(itemId: string, who: Decider, opts?: { reason?: string; choose?: string }): Promise<CaseStatus>;
  decide(itemId: string, who: Decider, transitionId: string): Promise<CaseStatus>;
  rollback(scope: RollbackScope, n: number, who?: Decider): Promise<RollbackResult[]>;
  getCase(caseId: string): CaseStatus | undefined;
  breakerState(tool: string): BreakerState;
}

const RESERVED_STATE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function createRunner(graph: GraphDoc, options: RunnerOptions): Runner {
  if (options.environment !== 'staging' && options.environment !== 'production') {
    throw new Error(`createRunner: environment must be "staging" or "production", got ${JSON.stringify(options.environment)}`);
  }
  const g: CompiledGraph = compileGraph(graph);
  // XState keeps states in plain objects: such a key would resolve to Object.prototype's members
  for (const key of g.flat.states.keys()) {
    const bad = key.split('.').find((part) => RESERVED_STATE_NAMES.has(part));
    if (bad) throw new Error(`createRunner: state "${key}" uses the reserved name "${bad}" (not allowed as a state key: rename the state)`);
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
  const audit = options.audit instanceof AuditLog ? options.audit : new AuditLog(options.audit, clock);
  const approvals = options.approvals ?? memoryApprovalQueue();
  const machine = buildRunnerMachine(g);
  const evaluator = new CaseEvaluator(g, rollout);
  const toolCaller = createToolCaller({ graph, tools, clock, environment: config.environment, shadow: config.shadow, breaker: options.breaker, retry: options.retry, journal: options.resume });
  const kill = new KillSwitches();
  const maxSteps = options.maxSteps ?? 1000;
  const cases = new Map<string, CaseRun>();
  // per case, so a finished case's actions go with it (forgetFinishedCases)
  const actions = new Map<string, ActionRecord[]>();
  let itemCounter = 0;

  const write = (c: CaseRun, entry: Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>) =>
    audit.append({
      caseId: c.input.caseId,
      state: c.status.state,
      goal: g.states[g.stateIds.get(c.status.state) ?? -1]?.activity ?? c.status.state,
      inputs: {},
      tool: null,
      params: null,
      tier: null,
      reasons: [],
      result: null,
      target: null,
      environment: config.environment,
      ...entry,
    });

  const currentLeaf = (c: CaseRun) => leafKey(c.actor.getSnapshot().value);

  /** Take a branch: audit first (with the state entered), then let XState move. */
  async function take(c: CaseRun, t: CompiledTransition, entry: Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>): Promise<AuditRecord> {
    const targetKey = g.states[t.target]!.key;
    const record = await write(c, { ...entry, target: { state: targetKey, activity: g.states[t.target]!.activity } });
    c.actor.send({ type: 'sop.step', transitionId: t.id });
    const now = c.actor.getSnapshot().status === 'done' ? targetKey : currentLeaf(c);
    c.status.state = now;
    c.status.path.push(now);
    return record;
  }

  function paramsFor(c: CaseRun, agent: string | null): Record<string, unknown> {
    // the agent's blast radius: only the fields it may read (all attributes when it declares none)
    const reads = agent ? graph.agents?.[agent]?.reads : undefined;
    const attrs = c.input.attributes;
    const picked = reads ? Object.fromEntries(reads.filter((k) => k in attrs).map((k) => [k, attrs[k]])) : { ...attrs };
    return { caseId: c.input.caseId, ...(jsonSafe(picked) as Record<string, unknown>) };
  }

  /** Call a step's tool (journal, guardrails, retries: toolCalls.ts) and keep successful actions for rollback. */
  async function callTool(c: CaseRun, plan: { state: string; tier: Tier | null; reasons: AuditReason[]; inputs: Record<string, unknown>; agent: string | null }, t: CompiledTransition, tool: string, params: Record<string, unknown>, actor: string, item?: string): Promise<CallOutcome> {
    const visit = (c.visits.get(plan.state) ?? 0) + 1;
    c.visits.set(plan.state, visit);
    const idempotencyKey = `${c.input.caseId}:${plan.state}:${visit}`;
    const step: ToolStep = { caseId: c.input.caseId, state: plan.state, tool, params, idempotencyKey, tier: plan.tier, reasons: plan.reasons, inputs: plan.inputs, actor, ...(item ? { item } : {}) };
    const outcome = await toolCaller.call(step, { note: (entry) => write(c, entry), take: (entry) => take(c, t, entry) });
    if (outcome.ok && !config.shadow) {
      const value = (outcome.record.result as { value?: unknown } | null)?.value ?? null;
      const list = actions.get(c.input.caseId) ?? [];
      actions.set(c.input.caseId, list);
      list.push({ seq: outcome.record.seq, caseId: c.input.caseId, state: plan.state, agent: plan.agent, tool, params, result: value, idempotencyKey, undone: false });
    }
    return outcome;
  }

  async function enqueue(c: CaseRun, kind: 'suggest' | 'human', plan: StepPlan, extra: AuditReason[], params: Record<string, unknown> | null): Promise<void> {
    const id = `${c.input.caseId}#${++itemCounter}`;
    const owner = metaUp(g, plan.state, 'owner') ?? (plan.agent ? (graph.agents?.[plan.agent]?.owner ?? null) : null);
    const reasons = [...plan.reasons, ...extra];
    const item: ApprovalItem = {
      id,
      kind,
      caseId: c.input.caseId,
      state: plan.state,
      goal: plan.goal,
      proposal: kind === 'suggest' && plan.transition ? { transitionId: plan.transition.id, target: g.states[plan.transition.target]!.key, tool: plan.tool, params } : null,
      options: plan.options,
      tier: kind,
      reasons,
      roles: owner ? [owner] : [],
      createdAt: clock.now(),
      status: 'pending',
    };
    // the branch the agent chose, on the trail even when people take another: the shadow evidence
    // the simulator's recorded agent replays (shared/agents/shadowAudit.ts)
    const proposal = plan.transition ? { transitionId: plan.transition.id, state: g.states[plan.transition.target]!.key, activity: g.states[plan.transition.target]!.activity } : null;
    await write(c, { decision: kind === 'suggest' ? 'suggest' : 'handoff', actor: plan.agent ? `agent:${plan.agent}` : 'runner', tier: kind, reasons, inputs: plan.inputs, tool: kind === 'suggest' ? plan.tool : null, params: kind === 'suggest' ? params : null, item: id, result: { queued: id, ...(proposal ? { proposal } : {}) } });
    await approvals.add(item);
    c.status.status = 'waiting';
    c.status.waitingOn = id;
  }

  /** A case is done or stuck: its last status, and (forgetFinishedCases) nothing kept of it. */
  function finish(c: CaseRun, status: 'done' | 'stuck', reason?: string): CaseStatus {
    c.status.status = status;
    if (reason) c.status.reason = reason;
    if (options.forgetFinishedCases) {
      cases.delete(c.input.caseId);
      actions.delete(c.input.caseId);
      c.actor.stop();
    }
    return { ...c.status, path: [...c.status.path] };
  }

  /**
   * Step a case until it waits, ends or gets stuck. Within one call every step is automatic and a
   * pure function of the state and the case, so coming back to a state means an endless loop
   * (an `always` cycle): the case stops there as stuck instead of spinning.
   */
  async function advance(c: CaseRun): Promise<CaseStatus> {
    c.status.waitingOn = null;
    const entered = new Set<string>();
    for (let steps = 0; ; steps++) {
      const snap = c.actor.getSnapshot();
      const leaf = snap.status === 'done' ? c.status.state : currentLeaf(c);
      const sid = g.stateIds.get(leaf)!;
      if (snap.status === 'done' || g.states[sid]!.final) {
        await write(c, { decision: 'final', actor: 'runner' });
        return finish(c, 'done');
      }
      const why = entered.has(leaf) ? `eventless loop at ${leaf}: the automatic steps came back to it without a human decision` : steps >= maxSteps ? `more than ${maxSteps} steps` : g.states[sid]!.table.length === 0 ? 'no way out of this state' : null;
      if (why) {
        await write(c, { decision: 'stuck', actor: 'runner', result: { reason: why } });
        return finish(c, 'stuck', why);
      }
      entered.add(leaf);
      evaluator.begin(c.vars);
      const plan = planStep(g, evaluator, sid, agentChoice(machine, snap as never), c.input.attributes);
      const t = plan.transition;
      if (t && plan.passThrough) {
        await take(c, t, { decision: 'pass', actor: 'runner', inputs: plan.inputs, reasons: plan.reasons });
        continue;
      }
      const paused = kill.paused(plan.agent, plan.tool);
      if (paused && plan.tier === 'auto') {
        plan.tier = 'suggest';
        plan.reasons.push({ kind: 'kill-switch', target: paused, tier: 'suggest' });
      }
      const agentActor = plan.agent ? `agent:${plan.agent}` : 'runner';
      if (!t) {
        await enqueue(c, 'human', plan, [{ kind: 'abstain', tier: 'human' }], null);
        return { ...c.status, path: [...c.status.path] };
      }
      const params = plan.tool ? paramsFor(c, plan.agent) : null;
      if (plan.tier === 'auto' && plan.tool) {
        const outcome = await callTool(c, plan, t, plan.tool, params!, agentActor);
        if (!outcome.ok) {
          await enqueue(c, 'human', { ...plan, tier: 'human' }, outcome.reasons, null);
          return { ...c.status, path: [...c.status.path] };
        }
        continue;
      }
      if (plan.tier === 'auto') {
        await take(c, t, { decision: 'route', actor: agentActor, tier: 'auto', reasons: plan.reasons, inputs: plan.inputs });
        continue;
      }
      await enqueue(c, plan.tier, plan, [], params);
      return { ...c.status, path: [...c.status.path] };
    }
  }

  function caseOf(item: ApprovalItem): CaseRun {
    const c = cases.get(item.caseId);
    if (!c || c.status.waitingOn !== item.id) throw new ApprovalError(`case ${item.caseId} is not waiting on ${item.id}`);
    return c;
  }

  async function close(item: ApprovalItem, status: ApprovalItem['status'], who: Decider) {
    await approvals.update({ ...item, status, decidedBy: `${who.role}:${who.by}` });
  }

  const transitionById = (id: string) => {
    const idx = g.transitionIds.get(id);
    return idx === undefined ? undefined : g.transitions[idx];
  };

  /** Execute an approved (or edited) draft under the decider's name. */
  async function execute(c: CaseRun, item: ApprovalItem, who: Decider, t: CompiledTransition, params: Record<string, unknown> | null, decision: 'approve' | 'edit'): Promise<CaseStatus> {
    const actor = `${who.role}:${who.by}`;
    const tool = toolOf(g, t);
    const planLike = { state: item.state, tier: item.tier, reasons: item.reasons, inputs: {}, agent: metaUp(g, item.state, 'agent') };
    if (!tool) {
      await take(c, t, { decision, actor, tier: item.tier, reasons: item.reasons, item: item.id });
      return advance(c);
    }
    await write(c, { decision, actor, tier: item.tier, reasons: item.reasons, item: item.id, tool, params });
    const outcome = await callTool(c, planLike, t, tool, params ?? paramsFor(c, planLike.agent), actor, item.id);
    if (!outcome.ok) {
      evaluator.begin(c.vars);
      const sid = g.stateIds.get(item.state)!;
      const plan = planStep(g, evaluator, sid, t.id, c.input.attributes);
      await enqueue(c, 'human', { ...plan, tier: 'human' }, outcome.reasons, null);
      return { ...c.status, path: [...c.status.path] };
    }
    return advance(c);
  }

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
      if (!input || typeof input.caseId !== 'string' || !input.caseId) throw new Error('startCase: a case needs a caseId');
      if (cases.has(input.caseId)) throw new Error(`startCase: case ${input.caseId} was already started`);
      const attributes = input.attributes ?? {};
      const vars = toCelVars(attributes, g.schema);
      const actor = createActor(machine, { input: { caseId: input.caseId, vars } });
      actor.start();
      const start = actor.getSnapshot().status === 'done' ? '' : leafKey(actor.getSnapshot().value);
      const c: CaseRun = { input: { caseId: input.caseId, attributes }, vars, actor, visits: new Map(), status: { caseId: input.caseId, state: start, status: 'waiting', waitingOn: null, path: [start] } };
      cases.set(input.caseId, c);
      const sid = g.stateIds.get(start);
      await write(c, { decision: 'start', actor: 'runner', inputs: jsonSafe(attributes) as Record<string, unknown>, result: { mode: config.shadow ? 'shadow' : 'execute' }, target: { state: start, activity: sid === undefined ? start : g.states[sid]!.activity } });
      return advance(c);
    },

    async runCases(inputs) {
      toolCaller.newBatch();
      const out: CaseStatus[] = [];
      for await (const input of inputs) out.push(await runner.startCase(input));
      return out;
    },

    async approve(itemId, who) {
      const item = checkSuggestion(checkDecider(approvals.get(itemId), itemId, who));
      const c = caseOf(item);
      await close(item, 'approved', who);
      return execute(c, item, who, transitionById(item.proposal.transitionId)!, item.proposal.params as Record<string, unknown> | null, 'approve');
    },

    async edit(itemId, who, change) {
      const item = checkSuggestion(checkDecider(approvals.get(itemId), itemId, who));
      const transitionId = checkBranch(item, change.transitionId ?? item.proposal.transitionId);
      const c = caseOf(item);
      await close(item, 'edited', who);
      const params = change.params ? { ...(jsonSafe(change.params) as Record<string, unknown>), caseId: item.caseId } : (item.proposal.params as Record<string, unknown> | null);
      return execute(c, item, who, transitionById(transitionId)!, params, 'edit');
    },

    async reject(itemId, who, opts = {}) {
      const item = checkDecider(approvals.get(itemId), itemId, who);
      if (opts.choose !== undefined) checkBranch(item, opts.choose);
      const c = caseOf(item);
      await close(item, 'rejected', who);
      const actor = `${who.role}:${who.by}`;
      await write(c, { decision: 'reject', actor, tier: item.tier, reasons: item.reasons, item: item.id, result: { reason: opts.reason ?? null } });
      if (opts.choose !== undefined) {
        await take(c, transitionById(opts.choose)!, { decision: 'decide', actor, tier: 'human', item: item.id });
        return advance(c);
      }
      evaluator.begin(c.vars);
      const plan = planStep(g, evaluator, g.stateIds.get(item.state)!, null, c.input.attributes);
      await enqueue(c, 'human', { ...plan, tier: 'human' }, [{ kind: 'rejected', by: actor, tier: 'human' }], null);
      return { ...c.status, path: [...c.status.path] };
    },

    async decide(itemId, who, transitionId) {
      const item = checkDecider(approvals.get(itemId), itemId, who);
      checkBranch(item, transitionId);
      const c = caseOf(item);
      await close(item, 'decided', who);
      await take(c, transitionById(transitionId)!, { decision: 'decide', actor: `${who.role}:${who.by}`, tier: 'human', reasons: item.reasons, item: item.id });
      return advance(c);
    },

    rollback: (scope, n, who) =>
      rollbackActions({ actions: [...actions.values()].flat().sort((a, b) => a.seq - b.seq), scope, n, graph, tools, clock, environment: config.environment, actor: who ? `${who.role}:${who.by}` : 'runner', write: (caseId, entry) => write(cases.get(caseId)!, entry) }),

    getCase: (caseId) => {
      const c = cases.get(caseId);
      return c ? { ...c.status, path: [...c.status.path] } : undefined;
    },

    breakerState: (tool) => toolCaller.breakerState(tool),
  };
  return runner;
}
