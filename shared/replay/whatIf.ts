/**
 * What-if: re-score a stored replay (FactStore) under another rollout stage, other tiers, other
 * guardrails or other tool limits WITHOUT re-reading the log. The variant is applied to a copy of
 * the document, recompiled (same structure, so the same state and transition ids), and every
 * stored step's effective tier is recomputed from its stored agent choice and the case's kept
 * variables. The result equals a fresh simulate() of the variant document; guards are not
 * re-evaluated, so a variant may not change them (use simulate for that).
 */
import type { GraphDoc, Guardrail, JsonPath, Rollout, Tier } from '../model/types';
import { ReplayAccumulator } from './accumulator';
import { checkVariant, VariantError } from './checkVariant';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator } from './evaluate';
import { END_OF_CODE, type FactData, type FactStore } from './factStore';
import { DEFAULT_POLICY, type RecommendPolicy } from './recommend';
import type { SimulationResult } from './result';

export interface Variant {
  rollout?: Rollout;
  /** New `meta.tier` by transition id or state key; null removes it. */
  tiers?: Record<string, Tier | null>;
  /** New `meta.guardrails` by state key or transition id (replaces the list). */
  guardrails?: Record<string, Guardrail[]>;
  /** New tool `limit` by tool name; null removes it. */
  limits?: Record<string, string | null>;
  policy?: Partial<RecommendPolicy>;
}

type Obj = Record<string, unknown>;

/** The object at `path` in `root`; a transition written as a bare target string becomes `{target}`. */
function objectAt(root: Obj, path: JsonPath): Obj | null {
  let parent: unknown = null;
  let cur: unknown = root;
  // Stryker disable next-line StringLiteral: key is read only when parent is set, and both are set together in the loop
  let key: string | number = '';
  for (const p of path) {
    parent = cur;
    key = p;
    // Stryker disable next-line OptionalChaining: no flattened path passes through null (a null state or transition list has no children), and undefined returns just below
    cur = (cur as Record<string | number, unknown> | null)?.[p];
    if (cur === undefined) return null;
  }
  if (typeof cur === 'string' && parent) {
    cur = { target: cur };
    (parent as Record<string | number, unknown>)[key] = cur;
  }
  return cur && typeof cur === 'object' ? (cur as Obj) : null;
}

function setMeta(root: Obj, path: JsonPath, field: 'tier' | 'guardrails', value: unknown): void {
  const o = objectAt(root, path);
  if (!o) return;
  const meta = { ...((o.meta as Obj | undefined) ?? {}) };
  if (value === null || value === undefined) delete meta[field];
  else meta[field] = value;
  o.meta = meta;
}

/** The variant's document: a copy of `g.doc` with the changes applied. */
export function applyVariant(g: CompiledGraph, v: Variant): GraphDoc {
  const doc = structuredClone<GraphDoc>(g.doc);
  const root = doc as unknown as Obj;
  if (v.rollout) doc.rollout = v.rollout;
  const pathOf = (ref: string): JsonPath | null => {
    const t = g.transitionIds.get(ref);
    return g.flat.states.get(ref)?.path ?? (t !== undefined ? g.transitions[t]!.path : null);
  };
  for (const [ref, tier] of Object.entries(v.tiers ?? {})) {
    const p = pathOf(ref);
    if (p) setMeta(root, p, 'tier', tier);
  }
  for (const [ref, list] of Object.entries(v.guardrails ?? {})) {
    const p = pathOf(ref);
    if (p) setMeta(root, p, 'guardrails', list);
  }
  for (const [tool, limit] of Object.entries(v.limits ?? {})) {
    const def = { ...(Object.hasOwn(doc.tools, tool) ? doc.tools[tool] : {}) };
    if (limit === null) delete def.limit;
    else def.limit = limit;
    doc.tools = { ...doc.tools, [tool]: def };
  }
  return doc;
}

/** Re-score stored facts under a variant; throws VariantError when the variant does not type-check. */
export function whatIf(g: CompiledGraph, facts: FactStore | FactData, variant: Variant = {}): SimulationResult {
  const d: FactData = 'data' in facts ? facts.data : facts;
  const problems = checkVariant(g, variant);
  if (problems.length) throw new VariantError(problems);
  const vg = compileGraph(applyVariant(g, variant));
  // Stryker disable next-line LogicalOperator,BlockStatement: a defensive check that cannot fire: applyVariant edits only meta and tool limits, and a bare target becomes {target}, which flattens the same
  if (vg.states.length !== g.states.length || vg.transitions.length !== g.transitions.length) {
    // Stryker disable next-line StringLiteral: unreachable (see the check above)
    throw new Error('what-if variant changed the graph structure; run a new simulation instead');
  }
  const rollout = variant.rollout ?? g.rollout;
  const ev = new CaseEvaluator(vg, rollout);
  const acc = new ReplayAccumulator(vg, rollout, { ...DEFAULT_POLICY, ...variant.policy });
  for (let i = 0; i < d.cases; i++) {
    ev.begin(d.vars[i]!);
    const start = d.start[i]!;
    acc.beginCase(Number.isNaN(start) ? undefined : start);
    acc.timeCase({ elapsedMs: d.elapsedMs[i]!, handlingMs: d.handlingMs[i]!, hasStart: d.hasStart[i] === 1 });
    for (let j = d.caseStep[i]!; j < d.caseStep[i + 1]!; j++) {
      const state = d.state[j]!;
      const agent = d.agent[j]!;
      // Stryker disable next-line UnaryOperator: ReplayAccumulator.step ignores its event index (_eventIndex)
      acc.step(state, agent, d.human[j]!, ev.tierFor(state, agent), d.guardErrors[j]!, -1, d.stepHandlingMs[j]!);
    }
    if (d.deviatedAt[i]! >= 0) acc.deviation(d.deviatedAt[i]!);
    acc.endCase(END_OF_CODE[d.end[i]!]!, d.endState[i]!, d.trailing[i]!);
  }
  return acc.result();
}
