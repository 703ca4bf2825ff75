/**
 * A case's side of a tool call: the params its agent may see, the idempotency key of this visit,
 * and the successful actions kept for rollback. The call itself (journal, breaker, rate limit,
 * batch cap, retries) is toolCalls.ts.
 */
import type { Tier } from '../model/types';
import type { CompiledTransition } from '../replay/compile';
import type { AuditReason } from './audit';
import type { CaseRecorder, CaseRun, RunnerCore } from './caseRun';
import { jsonSafe } from './safeJson';
import type { CallOutcome, ToolStep } from './toolCalls';

/** The step a call belongs to (a StepPlan, or an approval item's copy of one). */
interface CallPlan {
  state: string;
  tier: Tier | null;
  reasons: AuditReason[];
  inputs: Record<string, unknown>;
  agent: string | null;
}

export interface CaseTools {
  /** The agent's blast radius: only the fields it may read (all attributes when it declares none). */
  paramsFor(c: CaseRun, agent: string | null): Record<string, unknown>;
  /** Call a step's tool and, when it succeeded for real (not shadow), keep it for rollback. */
  callTool(
    c: CaseRun,
    plan: CallPlan,
    t: CompiledTransition,
    tool: string,
    params: Record<string, unknown>,
    actor: string,
    item?: string,
  ): Promise<CallOutcome>;
}

export function createCaseTools(core: RunnerCore, rec: CaseRecorder): CaseTools {
  const { graph, config, toolCaller, actions } = core;

  function paramsFor(c: CaseRun, agent: string | null): Record<string, unknown> {
    const reads = agent ? graph.agents?.[agent]?.reads : undefined;
    const attrs = c.input.attributes;
    // Stryker disable next-line MethodExpression: equivalent: a read the case lacks maps to undefined, which jsonSafe drops like the filter does
    const picked = reads ? Object.fromEntries(reads.filter((k) => k in attrs).map((k) => [k, attrs[k]])) : { ...attrs };
    return { caseId: c.input.caseId, ...(jsonSafe(picked) as Record<string, unknown>) };
  }

  async function callTool(
    c: CaseRun,
    plan: CallPlan,
    t: CompiledTransition,
    tool: string,
    params: Record<string, unknown>,
    actor: string,
    item?: string,
  ): Promise<CallOutcome> {
    const visit = (c.visits.get(plan.state) ?? 0) + 1;
    c.visits.set(plan.state, visit);
    const idempotencyKey = `${c.input.caseId}:${plan.state}:${visit}`;
    const step: ToolStep = {
      caseId: c.input.caseId,
      state: plan.state,
      tool,
      params,
      idempotencyKey,
      tier: plan.tier,
      reasons: plan.reasons,
      inputs: plan.inputs,
      actor,
      ...(item ? { item } : {}),
    };
    const outcome = await toolCaller.call(step, {
      note: (entry) => rec.write(c, entry),
      take: (entry) => rec.take(c, t, entry),
    });
    if (outcome.ok && !config.shadow) {
      // Stryker disable next-line OptionalChaining: equivalent: every successful call's record has an object result (call, replayed, would-call)
      const value = (outcome.record.result as { value?: unknown } | null)?.value ?? null;
      // Stryker disable next-line ArrayDeclaration: equivalent: a bogus entry has no caseId or agent, so no rollback scope selects it
      const list = actions.get(c.input.caseId) ?? [];
      actions.set(c.input.caseId, list);
      list.push({
        seq: outcome.record.seq,
        caseId: c.input.caseId,
        state: plan.state,
        agent: plan.agent,
        tool,
        params,
        result: value,
        idempotencyKey,
        undone: false,
      });
    }
    return outcome;
  }

  return { paramsFor, callTool };
}
