/**
 * Handing a step to people: a `suggest` draft or a `human` choice goes into the approval queue,
 * owned by the state's owner (else the agent's), and the case waits on it.
 */
import type { AuditReason } from './audit';
import type { ApprovalItem } from './approvals';
import type { CaseRecorder, CaseRun, RunnerCore } from './caseRun';
import type { CompiledGraph } from '../replay/compile';
import type { GraphDoc } from '../model/types';
import { metaUp, type StepPlan } from './plan';

/** What an inbox item is made of: the step handed over and who/when it is for. */
export interface InboxItemInput {
  id: string;
  caseId: string;
  kind: 'suggest' | 'human';
  plan: StepPlan;
  /** Reasons added at hand-off time (e.g. a failed tool call), after the plan's own. */
  extra: AuditReason[];
  params: Record<string, unknown> | null;
  createdAt: number;
}

/**
 * The one inbox item both the in-memory runner and the service queue (service/caseWorkflow.ts)
 * store: owned by the state's owner, else the agent's owner; a draft only for `suggest`.
 */
export function inboxItemFor(g: CompiledGraph, graph: GraphDoc, input: InboxItemInput): ApprovalItem {
  const { plan, kind } = input;
  const owner = metaUp(g, plan.state, 'owner') ?? (plan.agent ? (graph.agents?.[plan.agent]?.owner ?? null) : null);
  return {
    id: input.id,
    kind,
    caseId: input.caseId,
    state: plan.state,
    goal: plan.goal,
    proposal:
      kind === 'suggest' && plan.transition
        ? {
            transitionId: plan.transition.id,
            target: g.states[plan.transition.target]!.key,
            tool: plan.tool,
            params: input.params,
          }
        : null,
    options: plan.options,
    tier: kind,
    reasons: [...plan.reasons, ...input.extra],
    roles: owner ? [owner] : [],
    createdAt: input.createdAt,
    status: 'pending',
  };
}

/**
 * The branch the agent chose, on the trail even when people take another: the shadow evidence
 * the simulator's recorded agent replays (shared/agents/shadowAudit.ts).
 */
function agentProposal(
  g: CompiledGraph,
  plan: StepPlan,
): { transitionId: string; state: string; activity: string } | null {
  if (!plan.transition) return null;
  const target = g.states[plan.transition.target]!;
  return { transitionId: plan.transition.id, state: target.key, activity: target.activity };
}

/** The hand-off audit entry's fields (the `entry` both runners write before queuing the item). */
export function handoffEntry(
  g: CompiledGraph,
  item: ApprovalItem,
  plan: StepPlan,
  params: Record<string, unknown> | null,
) {
  const suggest = item.kind === 'suggest';
  const proposal = agentProposal(g, plan);
  return {
    decision: suggest ? ('suggest' as const) : ('handoff' as const),
    actor: plan.agent ? `agent:${plan.agent}` : 'runner',
    tier: item.kind,
    reasons: item.reasons,
    inputs: plan.inputs,
    tool: suggest ? plan.tool : null,
    params: suggest ? params : null,
    item: item.id,
    result: { queued: item.id, ...(proposal ? { proposal } : {}) },
  };
}

export type Enqueue = (
  c: CaseRun,
  kind: 'suggest' | 'human',
  plan: StepPlan,
  extra: AuditReason[],
  params: Record<string, unknown> | null,
) => Promise<void>;

export function createHandoff(core: RunnerCore, rec: CaseRecorder): Enqueue {
  const { g, graph, approvals, clock } = core;
  let itemCounter = 0;
  return async function enqueue(c, kind, plan, extra, params) {
    const id = `${c.input.caseId}#${++itemCounter}`;
    const item = inboxItemFor(g, graph, {
      id,
      caseId: c.input.caseId,
      kind,
      plan,
      extra,
      params,
      createdAt: clock.now(),
    });
    await rec.write(c, handoffEntry(g, item, plan, params));
    await approvals.add(item);
    c.status.status = 'waiting';
    c.status.waitingOn = id;
  };
}
