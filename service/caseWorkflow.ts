/**
 * A case as a DBOS workflow (workflow id = case id): the runner's step loop rebuilt from the shared
 * pure pieces (compiled graph, XState machine, agent choice, step plan with its effective tier),
 * with every effect a checkpointed step:
 * - controls (kill switches, rollout stage) are read from the database at every step;
 * - each tool call is a step keyed by the runner's idempotency key `caseId:state:visit`;
 * - a `suggest` draft or a hand-off is stored in the inbox with a snapshot of the case, and the
 *   workflow ends ("parks"): a waiting case holds no queue slot. The decision starts the case's
 *   continuation workflow; a suggestion's deadline is a timer workflow that escalates it to a human;
 * - every record goes to the case's hash chain (auditStore.ts), idempotent per entry.
 * Workflow code is deterministic (DBOS replays it after a crash): the XState actor, visit counts
 * and the audit entry counter are rebuilt from the same checkpointed step results.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import { createActor, type Actor, type StateValue } from 'xstate';
import type { AttrValue } from '../shared/model/types';
import type { CompiledTransition } from '../shared/replay/compile';
import { toCelVars } from '../shared/expr/cel';
import { GENESIS_HASH, type AuditEntry, type AuditReason } from '../shared/runtime/audit';
import type { ApprovalItem } from '../shared/runtime/approvals';
import { agentChoice, leafKey, type RunnerMachine } from '../shared/runtime/machine';
import { metaUp, planStep, toolOf, type StepPlan } from '../shared/runtime/plan';
import { handoffEntry, inboxItemFor } from '../shared/runtime/handoff';
import { jsonSafe } from '../shared/runtime/safeJson';
import { appendAudit, appendAuditFast, type CaseStatusPatch, type ChainHead } from './auditStore';
import { approvalTimeoutSeconds, pausedBy, readControls, type Controls } from './controls';
import type { ServiceContext } from './context';
import { guardedToolCall, type ToolCallOutcome, type ToolCallRequest } from './toolCall';
import type { Decision, InboxItem } from './inbox';

/** The DBOS workflow id of a case (prefixed: rollbacks are workflows too). */
const caseWorkflowId = (caseId: string) => `case:${caseId}`;

interface CaseResult {
  status: 'done' | 'stuck' | 'waiting';
  state: string;
}

/** Where a case is, JSON-safe: what a continuation needs to rebuild its CaseRun. */
interface CaseSnapshot {
  value: StateValue;
  state: string;
  path: string[];
  visits: Array<[string, number]>;
  entries: number;
  items: number;
  head: ChainHead | null;
}

type Entry = Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>;

class CaseRun {
  readonly actor: Actor<RunnerMachine>;
  readonly vars: Record<string, unknown>;
  readonly visits: Map<string, number>;
  readonly path: string[];
  state: string;
  private entries: number;
  items: number;
  /** The chain head from the last append's checkpointed result (so a replay has the same one). */
  private head: ChainHead | undefined;
  private prefetched: Controls | null = null;
  /** The final record was written with the branch into the final state (take). */
  finalRecorded = false;

  constructor(
    readonly ctx: ServiceContext,
    readonly caseId: string,
    readonly attributes: Record<string, AttrValue>,
    from?: CaseSnapshot,
  ) {
    this.vars = toCelVars(attributes, ctx.g.schema);
    const input = { caseId, vars: this.vars };
    // a continuation starts XState at the parked state (the context is rebuilt from the attributes)
    this.actor = from
      ? createActor(ctx.machine, { input, snapshot: ctx.machine.resolveState({ value: from.value, context: input }) })
      : createActor(ctx.machine, { input });
    this.actor.start();
    this.state =
      this.actor.getSnapshot().status === 'done' ? (from?.state ?? '') : leafKey(this.actor.getSnapshot().value);
    this.path = from ? [...from.path] : [this.state];
    this.visits = new Map(from?.visits ?? []);
    this.entries = from?.entries ?? 0;
    this.items = from?.items ?? 0;
    this.head = from ? (from.head ?? undefined) : { seq: 0, hash: GENESIS_HASH };
  }

  snapshot(): CaseSnapshot {
    return {
      value: this.actor.getSnapshot().value,
      state: this.state,
      path: [...this.path],
      visits: [...this.visits],
      entries: this.entries,
      items: this.items,
      head: this.head ?? null,
    };
  }

  goal(state: string): string {
    const sid = this.ctx.g.stateIds.get(state);
    return sid === undefined ? state : this.ctx.g.states[sid]!.activity;
  }

  /** Next entry key of this case's chain: deterministic, so a replayed step finds its record. */
  nextEntryKey(): string {
    return `${this.caseId}:${++this.entries}`;
  }

  entry(e: Entry): AuditEntry {
    return {
      caseId: this.caseId,
      state: this.state,
      goal: this.goal(this.state),
      inputs: {},
      tool: null,
      params: null,
      tier: null,
      reasons: [],
      result: null,
      target: null,
      environment: this.ctx.settings.environment,
      ...e,
    };
  }

  async audit(e: Entry, patch: CaseStatusPatch = {}, withControls = false): Promise<void> {
    await this.append(this.nextEntryKey(), this.entry(e), patch, withControls);
  }

  /**
   * One step: the record, and — when the case decides its next step right after — the controls
   * read just after it (fewer checkpoints per case; the read is still fresh for that step).
   */
  async append(key: string, entry: AuditEntry, patch: CaseStatusPatch, withControls: boolean): Promise<void> {
    const expected = this.head;
    const { pool } = this.ctx;
    const out = await DBOS.runStep(
      async () => {
        const head = await appendAuditFast(pool, key, entry, patch, expected);
        return { head, controls: withControls ? await readControls(pool) : null };
      },
      { name: 'audit' },
    );
    this.head = out.head;
    this.prefetched = out.controls;
  }

  /** The chain head to pass to a step that appends (the intent record of a tool call). */
  expectedHead(): ChainHead | undefined {
    return this.head;
  }

  settle(head: ChainHead): void {
    this.head = head;
    this.prefetched = null;
  }

  /** The controls read with the last record, once; null if that step read none. */
  takeControls(): Controls | null {
    const c = this.prefetched;
    this.prefetched = null;
    return c;
  }

  /** Take a branch: XState moves, then the record (with the state entered) and the case row. */
  async take(t: CompiledTransition, e: Entry): Promise<void> {
    const g = this.ctx.g;
    const target = g.states[t.target]!;
    const left = this.state;
    this.actor.send({ type: 'sop.step', transitionId: t.id });
    const now = this.actor.getSnapshot().status === 'done' ? target.key : leafKey(this.actor.getSnapshot().value);
    this.state = now;
    this.path.push(now);
    const key = this.nextEntryKey();
    const entry = {
      ...this.entry(e),
      state: left,
      goal: this.goal(left),
      target: { state: target.key, activity: target.activity },
    };
    if (!this.atFinal())
      return this.append(key, entry, { status: 'running', state: now, waitingOn: null, path: this.path }, true);
    // into a final state: the branch's record and the case's final record in one step (one checkpoint less per case)
    const finalKey = this.nextEntryKey();
    const final = this.entry({ decision: 'final', actor: 'runner' });
    const expected = this.head;
    const { pool } = this.ctx;
    this.head = await DBOS.runStep(
      async () => {
        const mid = await appendAuditFast(
          pool,
          key,
          entry,
          { status: 'running', state: now, waitingOn: null, path: this.path },
          expected,
        );
        return appendAuditFast(pool, finalKey, final, { status: 'done', waitingOn: null }, mid);
      },
      { name: 'audit-final' },
    );
    this.prefetched = null;
    this.finalRecorded = true;
  }

  /** The case is in a final state (XState done, or a state the graph marks final). */
  atFinal(): boolean {
    const sid = this.ctx.g.stateIds.get(this.state);
    return this.actor.getSnapshot().status === 'done' || (sid !== undefined && this.ctx.g.states[sid]!.final);
  }
}

/** The case fields an agent may read (its blast radius); all of them when it declares none. */
function readableFields(c: CaseRun, agent: string | null): Record<string, unknown> {
  const reads = agent ? c.ctx.graph.agents?.[agent]?.reads : undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of reads ?? Object.keys(c.attributes)) if (Object.hasOwn(c.attributes, k)) out[k] = c.attributes[k];
  return jsonSafe({ ...out }) as Record<string, unknown>;
}

type CallResult = { ok: true } | { ok: false; reasons: AuditReason[] };

async function callTool(
  c: CaseRun,
  plan: Pick<StepPlan, 'state' | 'tier' | 'reasons' | 'inputs' | 'agent'>,
  t: CompiledTransition,
  tool: string,
  params: Record<string, unknown>,
  actor: string,
  automatic: boolean,
  item?: string,
): Promise<CallResult> {
  const visit = (c.visits.get(plan.state) ?? 0) + 1;
  c.visits.set(plan.state, visit);
  const idempotencyKey = `${c.caseId}:${plan.state}:${visit}`;
  const base = {
    tool,
    params,
    tier: plan.tier,
    reasons: plan.reasons,
    inputs: plan.inputs,
    actor,
    idempotencyKey,
    ...(item ? { item } : {}),
  };
  const maxRetries = Math.max(0, Math.floor(c.ctx.graph.tools?.[tool]?.rate?.maxRetries ?? 0));
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    if (attempt > 0) await DBOS.sleep(c.ctx.settings.retryDelayMs * 2 ** (attempt - 1));
    const request = {
      caseId: c.caseId,
      state: plan.state,
      tool,
      agent: plan.agent,
      actor,
      params,
      idempotencyKey,
      attempt,
      automatic,
    };
    // the intent record and the call are one step: the record is written before the call starts
    const intent: IntentRecord = {
      key: c.nextEntryKey(),
      entry: c.entry({ ...base, decision: 'intent', result: { attempt } }),
      expected: c.expectedHead(),
    };
    const { head, out } = await registered().callTool(request, intent);
    c.settle(head);
    if (out.kind === 'blocked') return { ok: false, reasons: out.reasons };
    if (out.kind === 'error') {
      await c.audit({ ...base, decision: 'call', result: { ok: false, attempt, error: out.error } });
      continue;
    }
    await c.take(t, { ...base, decision: 'call', result: { ok: true, attempt, value: out.value } });
    return { ok: true };
  }
  return { ok: false, reasons: [{ kind: 'tool-failed', tool, attempts: maxRetries + 1, tier: 'human' }] };
}

/** The JSON-safe part of a step plan a parked case needs to rebuild it. */
interface WaitSpec {
  state: string;
  goal: string;
  tier: StepPlan['tier'];
  reasons: AuditReason[];
  agent: string | null;
  tool: string | null;
  inputs: Record<string, unknown>;
  options: StepPlan['options'];
  transitionId: string | null;
}

/** What a parked case stores beside its inbox item: its place, and the step it waits on. */
interface ParkedCase {
  snapshot: CaseSnapshot;
  wait: WaitSpec;
}

/** How a parked case goes on: the decision on its item, or null when the item's deadline passed. */
interface ResumeInput {
  itemId: string;
  decision: Decision | null;
}

/**
 * Store an inbox item, with what the case needs to go on, and end the workflow: a case that
 * waits for a person holds no queue slot and no process. The decision (inbox.ts) or the
 * suggestion's deadline (the timer workflow below) starts the case's continuation, a workflow of
 * its own (`case:<id>@<item>`) on the same bounded queue, which rebuilds the case from the snapshot.
 */
async function park(
  c: CaseRun,
  kind: 'suggest' | 'human',
  plan: StepPlan,
  extra: AuditReason[],
  params: Record<string, unknown> | null,
): Promise<void> {
  const { g, graph, settings, pool } = c.ctx;
  const id = `${c.caseId}#${++c.items}`;
  const item: InboxItem = {
    ...inboxItemFor(g, graph, { id, caseId: c.caseId, kind, plan, extra, params, createdAt: 0 }),
    fields: readableFields(c, plan.agent),
  };
  const entryKey = c.nextEntryKey();
  // the runner's entry (shared/runtime/handoff.ts), so `simulate --agent shadow:<export>` replays a service trail too
  const entry = c.entry(handoffEntry(g, item, plan, params));
  const wait: WaitSpec = {
    state: plan.state,
    goal: plan.goal,
    tier: plan.tier,
    reasons: plan.reasons,
    agent: plan.agent,
    tool: plan.tool,
    inputs: plan.inputs,
    options: plan.options,
    transitionId: plan.transition?.id ?? null,
  };
  // the continuation's first append re-reads the chain head (head null): a rollback may write in between
  const parked: ParkedCase = { snapshot: { ...c.snapshot(), head: null }, wait };
  const deadline = await DBOS.runStep(
    async () => {
      const now = Date.now();
      // the deadline in force when the draft is queued (operators may change it: sop.settings)
      const due =
        kind === 'suggest' ? now + (await approvalTimeoutSeconds(pool, settings.approvalTimeoutSeconds)) * 1000 : null;
      await pool.query(
        'INSERT INTO sop.approvals (id, case_id, kind, state, item, deadline, resume) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING',
        [
          id,
          c.caseId,
          kind,
          plan.state,
          JSON.stringify({ ...item, createdAt: now }),
          due === null ? null : new Date(due),
          JSON.stringify(parked),
        ],
      );
      await appendAudit(pool, entryKey, entry, { status: 'waiting', waitingOn: id });
      return due;
    },
    { name: 'enqueue' },
  );
  // a suggestion escalates at its deadline: a timer workflow (no queue: it holds no slot) claims it
  if (deadline !== null)
    await DBOS.startWorkflow(registered().timer, { workflowID: `timer:${id}` })(c.caseId, id, deadline);
}

/** The step a parked case waited on, rebuilt from its stored spec. */
function planOf(c: CaseRun, w: WaitSpec, tier: StepPlan['tier']): StepPlan {
  return { ...w, tier, transition: w.transitionId ? transitionById(c, w.transitionId) : null, passThrough: false };
}

async function closeItem(c: CaseRun, d: Decision, status: ApprovalItem['status']): Promise<void> {
  const by = `${d.role}:${d.by}`;
  await DBOS.runStep(
    () =>
      c.ctx.pool
        .query('UPDATE sop.approvals SET status = $2, decided_by = $3 WHERE id = $1', [d.itemId, status, by])
        .then(() => undefined),
    { name: 'close-item' },
  );
}

function transitionById(c: CaseRun, id: string): CompiledTransition {
  const i = c.ctx.g.transitionIds.get(id);
  if (i === undefined) throw new Error(`unknown transition ${id}`);
  return c.ctx.g.transitions[i]!;
}

/** Carry out a decision on an item; returns the hand-off to wait on next, if the decision led to one. */
async function execute(
  c: CaseRun,
  item: Pick<InboxItem, 'id' | 'state' | 'tier' | 'reasons' | 'proposal' | 'options'>,
  d: Decision,
): Promise<{ kind: 'human'; plan: StepPlan; reasons: AuditReason[] } | null> {
  const actor = `${d.role}:${d.by}`;
  const g = c.ctx.g;
  const sid = g.stateIds.get(item.state)!;
  if (d.action === 'decide' || (d.action === 'reject' && d.transitionId)) {
    await closeItem(c, d, d.action === 'decide' ? 'decided' : 'rejected');
    if (d.action === 'reject')
      await c.audit({
        decision: 'reject',
        actor,
        tier: item.tier,
        reasons: item.reasons,
        item: item.id,
        result: { reason: d.reason ?? null },
      });
    await c.take(transitionById(c, d.transitionId!), {
      decision: 'decide',
      actor,
      tier: 'human',
      reasons: item.reasons,
      item: item.id,
    });
    return null;
  }
  if (d.action === 'reject') {
    await closeItem(c, d, 'rejected');
    await c.audit({
      decision: 'reject',
      actor,
      tier: item.tier,
      reasons: item.reasons,
      item: item.id,
      result: { reason: d.reason ?? null },
    });
    const ev = c.ctx.evaluator(c.ctx.g.rollout);
    ev.begin(c.vars);
    return {
      kind: 'human',
      plan: { ...planStep(g, ev, sid, null, c.attributes), tier: 'human' },
      reasons: [{ kind: 'rejected', by: actor, tier: 'human' }],
    };
  }
  // approve, or edit (another branch and/or other params)
  const transitionId = d.action === 'edit' && d.transitionId ? d.transitionId : item.proposal!.transitionId;
  const t = transitionById(c, transitionId);
  const tool = toolOf(g, t);
  const params =
    d.action === 'edit' && d.params
      ? { ...(jsonSafe(d.params) as Record<string, unknown>), caseId: c.caseId }
      : ((item.proposal!.params as Record<string, unknown> | null) ??
        readableFields(c, metaUp(g, item.state, 'agent')));
  await closeItem(c, d, d.action === 'edit' ? 'edited' : 'approved');
  if (!tool) {
    await c.take(t, { decision: d.action, actor, tier: item.tier, reasons: item.reasons, item: item.id });
    return null;
  }
  await c.audit({ decision: d.action, actor, tier: item.tier, reasons: item.reasons, item: item.id, tool, params });
  const planLike = {
    state: item.state,
    tier: item.tier,
    reasons: item.reasons,
    inputs: {},
    agent: metaUp(g, item.state, 'agent'),
  };
  const out = await callTool(c, planLike, t, tool, { caseId: c.caseId, ...params }, actor, false, item.id);
  if (out.ok) return null;
  const ev = c.ctx.evaluator(c.ctx.g.rollout);
  ev.begin(c.vars);
  return { kind: 'human', plan: { ...planStep(g, ev, sid, t.id, c.attributes), tier: 'human' }, reasons: out.reasons };
}

/** A continuation: carry out the decision (or the escalation) on the item the case waited on. */
async function resumeParked(
  c: CaseRun,
  item: InboxItem,
  wait: WaitSpec,
  d: Decision | null,
): Promise<'parked' | 'go-on'> {
  if (d === null) {
    // the suggestion's deadline passed (the timer claimed it): the step goes to a human
    await park(c, 'human', planOf(c, wait, 'human'), [{ kind: 'deadline', item: item.id, tier: 'human' }], null);
    return 'parked';
  }
  const after = await execute(c, item, d);
  if (!after) return 'go-on';
  await park(c, 'human', after.plan, after.reasons, null);
  return 'parked';
}

interface ParkedRow {
  attributes: Record<string, AttrValue>;
  item: InboxItem;
  resume: ParkedCase | null;
}

async function runCaseWorkflow(
  ctx: ServiceContext,
  caseId: string,
  attributes: Record<string, AttrValue> | null,
  resume?: ResumeInput,
): Promise<CaseResult> {
  const { g } = ctx;
  let c: CaseRun;
  if (resume) {
    const row = await DBOS.runStep(
      async () =>
        (
          await ctx.pool.query<ParkedRow>(
            'SELECT c.attributes, a.item, a.resume FROM sop.approvals a JOIN sop.cases c ON c.case_id = a.case_id WHERE a.id = $1 AND a.case_id = $2',
            [resume.itemId, caseId],
          )
        ).rows[0] ?? null,
      { name: 'resume' },
    );
    if (!row?.resume) throw new Error(`case ${caseId}: no parked step for item ${resume.itemId}`);
    c = new CaseRun(ctx, caseId, row.attributes, row.resume.snapshot);
    if ((await resumeParked(c, row.item, row.resume.wait, resume.decision)) === 'parked')
      return { status: 'waiting', state: c.state };
  } else {
    c = new CaseRun(ctx, caseId, attributes ?? {});
    await c.audit(
      {
        decision: 'start',
        actor: 'runner',
        inputs: jsonSafe(attributes) as Record<string, unknown>,
        target: { state: c.state, activity: c.goal(c.state) },
      },
      { status: 'running', state: c.state, path: c.path },
      true,
    );
  }
  for (let steps = 0; ; steps++) {
    const snap = c.actor.getSnapshot();
    const sid = g.stateIds.get(c.state)!;
    if (snap.status === 'done' || g.states[sid]!.final) {
      if (!c.finalRecorded) await c.audit({ decision: 'final', actor: 'runner' }, { status: 'done', waitingOn: null });
      return { status: 'done', state: c.state };
    }
    if (steps >= ctx.settings.maxSteps || g.states[sid]!.table.length === 0) {
      await c.audit(
        {
          decision: 'stuck',
          actor: 'runner',
          result: {
            reason:
              steps >= ctx.settings.maxSteps ? `more than ${ctx.settings.maxSteps} steps` : 'no way out of this state',
          },
        },
        { status: 'stuck' },
      );
      return { status: 'stuck', state: c.state };
    }
    const controls = c.takeControls() ?? (await DBOS.runStep(() => readControls(ctx.pool), { name: 'controls' }));
    const ev = ctx.evaluator(controls.rollout);
    ev.begin(c.vars);
    const plan = planStep(g, ev, sid, agentChoice(ctx.machine, snap as never), c.attributes);
    const t = plan.transition;
    if (t && plan.passThrough) {
      await c.take(t, { decision: 'pass', actor: 'runner', inputs: plan.inputs, reasons: plan.reasons });
      continue;
    }
    const paused = pausedBy(controls, plan.agent, plan.tool);
    if (paused && plan.tier === 'auto') {
      plan.tier = 'suggest';
      plan.reasons.push({ kind: 'kill-switch', target: paused, tier: 'suggest' });
    }
    const agentActor = plan.agent ? `agent:${plan.agent}` : 'runner';
    if (!t) {
      await park(c, 'human', plan, [{ kind: 'abstain', tier: 'human' }], null);
      return { status: 'waiting', state: c.state };
    }
    const params = plan.tool ? { caseId, ...readableFields(c, plan.agent) } : null;
    if (plan.tier === 'auto' && plan.tool) {
      const out = await callTool(c, plan, t, plan.tool, params!, agentActor, true);
      if (!out.ok) {
        // a kill switch flipped between the read above and the call: the draft goes to approval
        const killed = out.reasons.some((r) => r.kind === 'kill-switch');
        await park(
          c,
          killed ? 'suggest' : 'human',
          { ...plan, tier: killed ? 'suggest' : 'human' },
          out.reasons,
          killed ? params : null,
        );
        return { status: 'waiting', state: c.state };
      }
      continue;
    }
    if (plan.tier === 'auto') {
      await c.take(t, {
        decision: 'route',
        actor: agentActor,
        tier: 'auto',
        reasons: plan.reasons,
        inputs: plan.inputs,
      });
      continue;
    }
    await park(c, plan.tier, plan, [], params);
    return { status: 'waiting', state: c.state };
  }
}

/** A parked suggestion's deadline: past it, claim the item (unless a person did) and escalate. */
async function runTimer(ctx: ServiceContext, caseId: string, itemId: string, deadline: number): Promise<boolean> {
  // DBOS checkpoints the wake-up time, so a recovered timer sleeps only what is left
  await DBOS.sleep(Math.max(0, deadline - Date.now()));
  const claimed = await DBOS.runStep(
    async () =>
      (
        await ctx.pool.query(`UPDATE sop.approvals SET status = 'expired' WHERE id = $1 AND status = 'pending'`, [
          itemId,
        ])
      ).rowCount === 1,
    { name: 'expire' },
  );
  if (claimed) await registered().resume(caseId, { itemId, decision: null });
  return claimed;
}

type CaseWorkflowFn = (
  caseId: string,
  attributes: Record<string, AttrValue> | null,
  resume?: ResumeInput,
) => Promise<CaseResult>;
type TimerFn = (caseId: string, itemId: string, deadline: number) => Promise<boolean>;

/** The intent record a tool call's step writes first. */
interface IntentRecord {
  key: string;
  entry: AuditEntry;
  expected: ChainHead | undefined;
}

type ToolCallFn = (r: ToolCallRequest, intent: IntentRecord) => Promise<{ head: ChainHead; out: ToolCallOutcome }>;

export interface CaseWorkflows {
  /** A tool call from a case: a step, or a child workflow on the tool's bounded queue. */
  callTool: ToolCallFn;
  /** Start a case (idempotent: its workflow id is the case id). */
  start(caseId: string, attributes: Record<string, AttrValue>): Promise<void>;
  /** Start a parked case's continuation (idempotent: one per item). */
  resume(caseId: string, r: ResumeInput): Promise<void>;
  timer: TimerFn;
}

let current: CaseWorkflows | null = null;
function registered(): CaseWorkflows {
  if (!current) throw new Error('the case workflow is not registered');
  return current;
}

/** The workflow id of a parked case's continuation after a decision on `itemId`. */
export const continuationId = (caseId: string, itemId: string) => `${caseWorkflowId(caseId)}@${itemId}`;

/**
 * Register the case and timer workflows with DBOS (before launch). Cases and continuations go
 * on `queueName` (bounded: a case holds a slot only while it runs); timers on no queue.
 */
export function registerCaseWorkflow(
  ctx: ServiceContext,
  queueName: string,
  toolQueues: ReadonlyMap<string, string> = new Map(),
): CaseWorkflows {
  const step: ToolCallFn = (r, intent) =>
    DBOS.runStep(
      async () => {
        const head = await appendAuditFast(ctx.pool, intent.key, intent.entry, {}, intent.expected);
        return { head, out: await guardedToolCall(ctx, r) };
      },
      { name: `tool:${r.tool}` },
    );
  // the same step, as a workflow of its own so a tool's queue can bound its calls across processes
  const toolWf: ToolCallFn = DBOS.registerWorkflow((r: ToolCallRequest, intent: IntentRecord) => step(r, intent), {
    name: 'sopToolCall',
  });
  const wf: CaseWorkflowFn = DBOS.registerWorkflow(
    (caseId: string, attributes: Record<string, AttrValue> | null, resume?: ResumeInput) =>
      runCaseWorkflow(ctx, caseId, attributes, resume),
    { name: 'sopCase' },
  );
  const timer: TimerFn = DBOS.registerWorkflow(
    (caseId: string, itemId: string, deadline: number) => runTimer(ctx, caseId, itemId, deadline),
    { name: 'sopApprovalTimer' },
  );
  current = {
    async callTool(r, intent) {
      const queue = toolQueues.get(r.tool);
      if (!queue) return step(r, intent);
      // the child's id is the call's: a replayed case waits on the same call, never a second one
      const handle = await DBOS.startWorkflow(toolWf, {
        workflowID: `call:${r.idempotencyKey}#${r.attempt}`,
        queueName: queue,
      })(r, intent);
      return handle.getResult();
    },
    async start(caseId, attributes) {
      await DBOS.startWorkflow(wf, { workflowID: caseWorkflowId(caseId), queueName })(caseId, attributes);
    },
    async resume(caseId, r) {
      await DBOS.startWorkflow(wf, { workflowID: continuationId(caseId, r.itemId), queueName })(caseId, null, r);
    },
    timer,
  };
  return current;
}
