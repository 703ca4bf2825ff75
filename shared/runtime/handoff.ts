/**
 * Handing a step to people: a `suggest` draft or a `human` choice goes into the approval queue,
 * owned by the state's owner (else the agent's), and the case waits on it.
 */
import type { AuditReason } from './audit';
import type { ApprovalItem } from './approvals';
import type { CaseRecorder, CaseRun, RunnerCore } from './caseRun';
import { metaUp, type StepPlan } from './plan';

export type Enqueue = (c: CaseRun, kind: 'suggest' | 'human', plan: StepPlan, extra: AuditReason[], params: Record<string, unknown> | null) => Promise<void>;

export function createHandoff(core: RunnerCore, rec: CaseRecorder): Enqueue {
  const { g, graph, approvals, clock } = core;
  let itemCounter = 0;
  return async function enqueue(c, kind, plan, extra, params) {
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
    await rec.write(c, { decision: kind === 'suggest' ? 'suggest' : 'handoff', actor: plan.agent ? `agent:${plan.agent}` : 'runner', tier: kind, reasons, inputs: plan.inputs, tool: kind === 'suggest' ? plan.tool : null, params: kind === 'suggest' ? params : null, item: id, result: { queued: id, ...(proposal ? { proposal } : {}) } });
    await approvals.add(item);
    c.status.status = 'waiting';
    c.status.waitingOn = id;
  };
}
