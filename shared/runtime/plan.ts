/**
 * What a step at a state would do for a case, before any runtime guardrail: the agent's branch,
 * its effective tier and why, the tool it would call, the inputs read. Tier rules come from the
 * replay compiler (shared/replay), so the runner and the simulator agree on every step.
 */
import type { AttrValue, Tier } from '../model/types';
import { ancestorsOf, resolveInitialLeaf, rootTransitions } from '../model/flatten';
import type { CompiledExpr, CompiledGraph, CompiledTransition } from '../replay/compile';
import type { CaseEvaluator } from '../replay/evaluate';
import type { TierReason } from '../tier/effectiveTier';
import type { AuditReason } from './audit';
import type { BranchOption } from './approvals';

export interface StepPlan {
  state: string;
  goal: string;
  transition: CompiledTransition | null;
  tier: Tier;
  reasons: AuditReason[];
  /** The agent of the state (meta.agent of it or its nearest ancestor). */
  agent: string | null;
  /** The tool the branch's entered state carries (meta.tool), if any. */
  tool: string | null;
  inputs: Record<string, unknown>;
  /** Nothing to decide: the only, unguarded, untiered `always` branch into a state without a tool. */
  passThrough: boolean;
  options: BranchOption[];
}

export function metaUp(g: CompiledGraph, key: string, field: 'agent' | 'owner'): string | null {
  for (const k of [key, ...ancestorsOf(g.flat, key)]) {
    const v = g.flat.states.get(k)?.config.meta?.[field];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** meta.tool of the branch's declared target, else of the leaf it resolves to. */
export function toolOf(g: CompiledGraph, t: CompiledTransition): string | null {
  const declared = declaredTargets(g).get(t.id);
  for (const k of declared ? [declared, resolveInitialLeaf(g.flat, declared)] : []) {
    const tool = g.flat.states.get(k)?.config.meta?.tool;
    if (typeof tool === 'string' && tool) return tool;
  }
  return null;
}

/** Each branch's first declared target by id, once per compiled graph (a step asked per branch:
 * searching every transition, and re-deriving the root's, each time). */
const declaredByGraph = new WeakMap<CompiledGraph, Map<string, string | undefined>>();
function declaredTargets(g: CompiledGraph): Map<string, string | undefined> {
  let byId = declaredByGraph.get(g);
  if (!byId) {
    byId = new Map();
    // ids start with their source (`${source}|kind|event|order`, '' for the root): they never collide
    for (const f of [...g.flat.transitions, ...rootTransitions(g.flat, g.doc.machine ?? {})])
      byId.set(f.id, f.targets[0]);
    declaredByGraph.set(g, byId);
  }
  return byId;
}

function toAuditReasons(reasons: TierReason[]): AuditReason[] {
  return reasons.map((r) => ({ ...r }));
}

function optionsOf(g: CompiledGraph, stateId: number): BranchOption[] {
  return [...g.states[stateId]!.table].map((i) => {
    const t = g.transitions[i]!;
    const target = g.states[t.target]!;
    return { transitionId: t.id, event: t.event, target: target.key, activity: target.activity };
  });
}

function readsOf(exprs: Array<CompiledExpr | null>, attributes: Record<string, AttrValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of exprs) for (const f of e?.cel?.reads ?? []) out[f] = attributes[f] ?? null;
  return out;
}

export function planStep(
  g: CompiledGraph,
  ev: CaseEvaluator,
  stateId: number,
  choiceId: string | null,
  attributes: Record<string, AttrValue>,
): StepPlan {
  const s = g.states[stateId]!;
  // Stryker disable next-line ConditionalExpression: equivalent: transitionIds.get(null) is undefined, so `?? -1` gives the same -1
  const tIndex = choiceId === null ? -1 : (g.transitionIds.get(choiceId) ?? -1);
  const t = tIndex >= 0 ? g.transitions[tIndex]! : null;
  const tier = ev.tierFor(stateId, tIndex);
  const tool = t ? toolOf(g, t) : null;
  // the guards the agent evaluated: T in order up to its choice (all of T when it abstained)
  const table = [...s.table];
  const evaluated = t ? table.slice(0, table.indexOf(t.index) + 1) : table;
  const inputs = readsOf(
    [...evaluated.map((i) => g.transitions[i]!.guard), ...s.guardrails, ...(t ? [...t.guardrails, ...t.limits] : [])],
    attributes,
  );
  const passThrough =
    t !== null &&
    table.length === 1 &&
    t.kind === 'always' &&
    t.guard === null &&
    t.ownTier === undefined &&
    t.sourceTier === undefined &&
    tool === null &&
    // An untiered branch (no own or source tier) is `human` by default, and nothing lowers `human`
    // further (rollout caps, guardrails and limits only add a reason when they lower the tier): its
    // reasons are always that one default, so this operand cannot be false here.
    // Stryker disable next-line ConditionalExpression: equivalent (see above)
    tier.reasons.length === 1;
  return {
    state: s.key,
    goal: s.activity,
    transition: t,
    tier: tier.tier,
    reasons: toAuditReasons(tier.reasons),
    agent: metaUp(g, s.key, 'agent'),
    tool,
    inputs,
    passThrough,
    options: optionsOf(g, stateId),
  };
}
