/**
 * People's decisions on queued items: approve or edit a `suggest` draft (executed under the
 * decider's name), reject it (hand-off, or the branch the decider names), decide a `human` step.
 * Each checks the decider's role and that the case still waits on the item before anything moves.
 */
import type { CompiledTransition } from '../replay/compile';
import {
  ApprovalError,
  checkBranch,
  checkDecider,
  checkSuggestion,
  type ApprovalItem,
  type Decider,
} from './approvals';
import { statusOf, type CaseRecorder, type CaseRun, type RunnerCore } from './caseRun';
import type { CaseTools } from './caseTools';
import type { Enqueue } from './handoff';
import { metaUp, planStep, toolOf } from './plan';
import type { Runner } from './runnerTypes';
import { jsonSafe } from './safeJson';
import type { Stepper } from './stepper';

export type Decisions = Pick<Runner, 'approve' | 'edit' | 'reject' | 'decide'>;

export function createDecisions(
  core: RunnerCore,
  rec: CaseRecorder,
  tools: CaseTools,
  enqueue: Enqueue,
  stepper: Stepper,
): Decisions {
  const { g, approvals, evaluator } = core;
  const advance = stepper.advance.bind(stepper);

  function caseOf(item: ApprovalItem): CaseRun {
    const c = core.cases.get(item.caseId);
    if (!c || c.status.waitingOn !== item.id)
      throw new ApprovalError(`case ${item.caseId} is not waiting on ${item.id}`);
    return c;
  }

  async function close(item: ApprovalItem, status: ApprovalItem['status'], who: Decider) {
    await approvals.update({ ...item, status, decidedBy: `${who.role}:${who.by}` });
  }

  // an unknown id indexes with undefined: undefined, like any missing index
  const transitionById = (id: string) => g.transitions[g.transitionIds.get(id)!];

  /** Execute an approved (or edited) draft under the decider's name. */
  async function execute(
    c: CaseRun,
    item: ApprovalItem,
    who: Decider,
    t: CompiledTransition,
    params: Record<string, unknown> | null,
    decision: 'approve' | 'edit',
  ) {
    const actor = `${who.role}:${who.by}`;
    const tool = toolOf(g, t);
    const planLike = {
      state: item.state,
      tier: item.tier,
      reasons: item.reasons,
      inputs: {},
      agent: metaUp(g, item.state, 'agent'),
    };
    if (!tool) {
      await rec.take(c, t, { decision, actor, tier: item.tier, reasons: item.reasons, item: item.id });
      return advance(c);
    }
    await rec.write(c, { decision, actor, tier: item.tier, reasons: item.reasons, item: item.id, tool, params });
    const outcome = await tools.callTool(
      c,
      planLike,
      t,
      tool,
      params ?? tools.paramsFor(c, planLike.agent),
      actor,
      item.id,
    );
    if (!outcome.ok) {
      evaluator.begin(c.vars);
      const sid = g.stateIds.get(item.state)!;
      const plan = planStep(g, evaluator, sid, t.id, c.input.attributes);
      // Stryker disable next-line StringLiteral: enqueue does not read the plan's tier (the item's and entry's tier is `kind`)
      const handed = { ...plan, tier: 'human' as const };
      await enqueue(c, 'human', handed, outcome.reasons, null);
      return statusOf(c);
    }
    return advance(c);
  }

  return {
    async approve(itemId, who) {
      const item = checkSuggestion(checkDecider(approvals.get(itemId), itemId, who));
      const c = caseOf(item);
      await close(item, 'approved', who);
      return execute(
        c,
        item,
        who,
        transitionById(item.proposal.transitionId)!,
        item.proposal.params as Record<string, unknown> | null,
        'approve',
      );
    },

    async edit(itemId, who, change) {
      const item = checkSuggestion(checkDecider(approvals.get(itemId), itemId, who));
      const transitionId = checkBranch(item, change.transitionId ?? item.proposal.transitionId);
      const c = caseOf(item);
      await close(item, 'edited', who);
      const params = change.params
        ? { ...(jsonSafe(change.params) as Record<string, unknown>), caseId: item.caseId }
        : (item.proposal.params as Record<string, unknown> | null);
      return execute(c, item, who, transitionById(transitionId)!, params, 'edit');
    },

    async reject(itemId, who, opts = {}) {
      const item = checkDecider(approvals.get(itemId), itemId, who);
      if (opts.choose !== undefined) checkBranch(item, opts.choose);
      const c = caseOf(item);
      await close(item, 'rejected', who);
      const actor = `${who.role}:${who.by}`;
      await rec.write(c, {
        decision: 'reject',
        actor,
        tier: item.tier,
        reasons: item.reasons,
        item: item.id,
        result: { reason: opts.reason ?? null },
      });
      if (opts.choose !== undefined) {
        await rec.take(c, transitionById(opts.choose)!, { decision: 'decide', actor, tier: 'human', item: item.id });
        return advance(c);
      }
      evaluator.begin(c.vars);
      const plan = planStep(g, evaluator, g.stateIds.get(item.state)!, null, c.input.attributes);
      // Stryker disable next-line StringLiteral: enqueue does not read the plan's tier (the item's and entry's tier is `kind`)
      const handed = { ...plan, tier: 'human' as const };
      await enqueue(c, 'human', handed, [{ kind: 'rejected', by: actor, tier: 'human' }], null);
      return statusOf(c);
    },

    async decide(itemId, who, transitionId) {
      const item = checkDecider(approvals.get(itemId), itemId, who);
      checkBranch(item, transitionId);
      const c = caseOf(item);
      await close(item, 'decided', who);
      await rec.take(c, transitionById(transitionId)!, {
        decision: 'decide',
        actor: `${who.role}:${who.by}`,
        tier: 'human',
        reasons: item.reasons,
        item: item.id,
      });
      return advance(c);
    },
  };
}
