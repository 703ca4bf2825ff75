/**
 * The stepper: moves a case on until it waits for people, ends or gets stuck. Per step the plan
 * (plan.ts) gives the agent's branch and its effective tier; kill switches lower `auto` to
 * `suggest`; an `auto` step with a tool goes through the tool call (a failed or blocked call hands
 * the step to a human), an `auto` step without one is taken, anything else is enqueued.
 */
import type { CaseRecorder, CaseRun, RunnerCore } from './caseRun';
import { statusOf } from './caseRun';
import type { CaseTools } from './caseTools';
import type { Enqueue } from './handoff';
import { agentChoice } from './machine';
import { planStep } from './plan';
import type { CaseStatus } from './runnerTypes';

export interface Stepper {
  /**
   * Step a case until it waits, ends or gets stuck. Within one call every step is automatic and a
   * pure function of the state and the case, so coming back to a state means an endless loop
   * (an `always` cycle): the case stops there as stuck instead of spinning.
   */
  advance(c: CaseRun): Promise<CaseStatus>;
}

export function createStepper(core: RunnerCore, rec: CaseRecorder, tools: CaseTools, enqueue: Enqueue): Stepper {
  const { g, machine, evaluator, kill, maxSteps } = core;

  /** A case is done or stuck: its last status, and (forgetFinishedCases) nothing kept of it. */
  function finish(c: CaseRun, status: 'done' | 'stuck', reason?: string): CaseStatus {
    c.status.status = status;
    if (reason) c.status.reason = reason;
    if (core.forgetFinishedCases) {
      core.cases.delete(c.input.caseId);
      core.actions.delete(c.input.caseId);
      c.actor.stop();
    }
    return statusOf(c);
  }

  async function advance(c: CaseRun): Promise<CaseStatus> {
    c.status.waitingOn = null;
    const entered = new Set<string>();
    for (let steps = 0; ; steps++) {
      const snap = c.actor.getSnapshot();
      // Both arms agree whenever both exist: take() keeps c.status.state = the current leaf, and a done
      // machine's value is its top-level final state (the status's state). Only a case that starts in a
      // final state has state '' — and then it is done, so the `done` check below ends it before `sid`.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent (see above)
      const leaf = snap.status === 'done' ? c.status.state : rec.currentLeaf(c);
      const sid = g.stateIds.get(leaf)!;
      if (snap.status === 'done' || g.states[sid]!.final) {
        await rec.write(c, { decision: 'final', actor: 'runner' });
        return finish(c, 'done');
      }
      const why = entered.has(leaf)
        ? `eventless loop at ${leaf}: the automatic steps came back to it without a human decision`
        : steps >= maxSteps
          ? `more than ${maxSteps} steps`
          : g.states[sid]!.table.length === 0
            ? 'no way out of this state'
            : null;
      if (why) {
        await rec.write(c, { decision: 'stuck', actor: 'runner', result: { reason: why } });
        return finish(c, 'stuck', why);
      }
      entered.add(leaf);
      evaluator.begin(c.vars);
      const plan = planStep(g, evaluator, sid, agentChoice(machine, snap as never), c.input.attributes);
      const t = plan.transition;
      if (t && plan.passThrough) {
        await rec.take(c, t, { decision: 'pass', actor: 'runner', inputs: plan.inputs, reasons: plan.reasons });
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
        return statusOf(c);
      }
      const params = plan.tool ? tools.paramsFor(c, plan.agent) : null;
      if (plan.tier === 'auto' && plan.tool) {
        const outcome = await tools.callTool(c, plan, t, plan.tool, params!, agentActor);
        if (!outcome.ok) {
          await enqueue(c, 'human', { ...plan, tier: 'human' }, outcome.reasons, null);
          return statusOf(c);
        }
        continue;
      }
      if (plan.tier === 'auto') {
        await rec.take(c, t, {
          decision: 'route',
          actor: agentActor,
          tier: 'auto',
          reasons: plan.reasons,
          inputs: plan.inputs,
        });
        continue;
      }
      await enqueue(c, plan.tier, plan, [], params);
      return statusOf(c);
    }
  }

  return { advance };
}
