/**
 * Compile a graph document ONCE into the form the replay hot loop reads: integer state ids,
 * per-state transition tables, target leaves with their activities, compiled CEL guards,
 * guardrails and tool limits. Nothing here runs per case.
 *
 * The transition table T of a leaf state (what "outgoing transitions" means in DESIGN.md, Replay)
 * follows XState v5's own selection order, so the agent's "first holding guard" is the transition
 * XState would take:
 *   1. the `always` lists of the leaf, then of each ancestor (nearest first): XState takes eventless
 *      transitions before it looks at any event, innermost state first;
 *   2. then the `on` entries of the leaf in document order, then each ancestor's `on` entries;
 *   3. then `after` entries (delays) the same way — they fire only by time, so they come last.
 * The machine root's own transitions (which flattenMachine does not list) are the outermost
 * ancestor in each group; their ids are `|kind|event|order`.
 * Sending event E to XState picks the first enabled E-transition innermost-first, which is the
 * first holding E-transition in this order; the property test in xstateEquivalence.test.ts
 * checks this against XState itself.
 *
 * Choices made where DESIGN.md is silent (documented, tested):
 * - targetless transitions and transitions whose target does not resolve are left out of T
 *   (they cannot be matched to an activity); a multi-target transition uses its first target;
 * - a target's activity is its leaf's after resolving compound initials (a parallel state counts
 *   as a leaf); any `type: "final"` state ends the case;
 * - a branch's tier is its own `meta.tier`, else its source state's `meta.tier`, else `human`;
 *   an abstaining agent's step takes the current leaf's `meta.tier`, else `human`;
 * - guardrails of the current leaf AND its ancestors (and the machine root's `meta.guardrails`)
 *   apply — a guardrail on a compound state covers everything inside it — plus the agent's
 *   transition's own guardrails;
 * - tool limits: every state the agent's branch enters (target, its not-yet-active ancestors, and
 *   its initial descendants) that has `meta.tool` with a `limit`;
 * - a guard (or guardrail / limit) that failed to compile, or a non-CEL named guard, cannot be
 *   evaluated: it does not hold and counts as a guard error.
 */
import { CelEnvironment, type CompiledCel } from '../expr/cel';
import {
  flattenMachine,
  resolveInitialLeaf,
  rootTransitions,
  ancestorsOf,
  type FlatGraph,
  type FlatTransition,
} from '../model/flatten';
import type { CaseField, GraphDoc, Guardrail, JsonPath, Rollout, Tier } from '../model/types';

/** A CEL expression compiled once; `error` set when it cannot be evaluated at all. */
export interface CompiledExpr {
  expr: string;
  cel: CompiledCel | null;
  error: string | null;
}

export interface CompiledGuardrail extends CompiledExpr {
  downgradeTo: 'suggest' | 'human';
  on: 'state' | 'transition';
  /** Key of the state or id of the transition that declares it. */
  owner: string;
}

export interface CompiledLimit extends CompiledExpr {
  tool: string;
  /** The entered state carrying `meta.tool`. */
  state: string;
}

export interface CompiledTransition {
  /** Index in CompiledGraph.transitions. */
  index: number;
  /** flattenMachine's stable id: `${source}|${kind}|${event}|${order}`. */
  id: string;
  /** Key of the state that declares it (the leaf or an ancestor; "" for the machine root). */
  source: string;
  /** JSON path of the transition in the document. */
  path: JsonPath;
  kind: 'always' | 'on' | 'after';
  event: string | null;
  /** Guard; null when unguarded (holds). */
  guard: CompiledExpr | null;
  /** Id of the leaf state entered after resolving compound initials. */
  target: number;
  /** Activity code of the target leaf (index into CompiledGraph.activities). */
  targetActivity: number;
  /** The target leaf is a final state (used for the implicit close). */
  targetFinal: boolean;
  /** Tier as marked: own meta.tier, else the source state's, else human. */
  markedTier: Tier;
  /** Own meta.tier (undefined when none). */
  ownTier: Tier | undefined;
  /** Source state's meta.tier (undefined when none). */
  sourceTier: Tier | undefined;
  guardrails: CompiledGuardrail[];
  limits: CompiledLimit[];
}

interface CompiledState {
  id: number;
  key: string;
  activity: string;
  activityCode: number;
  final: boolean;
  /** T: indices into CompiledGraph.transitions, in selection order (see the file comment). */
  table: Int32Array;
  /** Own meta.tier: the default when the agent abstains here. */
  tier: Tier | undefined;
  /** Guardrails of this state and its ancestors. */
  guardrails: CompiledGuardrail[];
}

export interface CompiledGraph {
  doc: GraphDoc;
  flat: FlatGraph;
  name: string;
  version: number;
  rollout: Rollout;
  /** Every state (compound ones too, so per-state reports can name them); leaves carry tables. */
  states: CompiledState[];
  stateIds: Map<string, number>;
  transitions: CompiledTransition[];
  transitionIds: Map<string, number>;
  /** Id of the initial leaf, or -1 for an empty machine. */
  initial: number;
  /** Activity name → code. Activities of events not in this map match nothing. */
  activityCodes: Map<string, number>;
  activities: string[];
  /** Top-level case attributes any guard, guardrail or limit reads (only these are converted). */
  reads: string[];
  /** Top-level names declared through dotted schema fields ("customer.tier"): their fields. */
  nestedFields: Map<string, Array<{ path: string; parts: string[]; field: CaseField }>>;
  schema: Record<string, CaseField>;
  env: CelEnvironment;
  /** Problems found while compiling (unresolved targets, CEL errors): reported, never thrown. */
  problems: string[];
}

/** Compile the graph once. Never throws on a document that flattens. */
export function compileGraph(doc: GraphDoc): CompiledGraph {
  const flat = flattenMachine(doc.machine ?? {});
  const schema = doc.caseSchema ?? {};
  const env = new CelEnvironment(schema);
  const problems: string[] = [];
  const reads = new Set<string>();
  const compileExpr = (expr: unknown, where: string): CompiledExpr => {
    if (typeof expr !== 'string') return { expr: String(expr), cel: null, error: `${where}: not a CEL expression` };
    const r = env.compile(expr);
    if (!r.ok) {
      problems.push(`${where}: ${r.error.message}`);
      return { expr, cel: null, error: r.error.message };
    }
    for (const v of r.compiled.reads) reads.add(v);
    return { expr, cel: r.compiled, error: null };
  };
  const compileGuardrails = (list: unknown, on: 'state' | 'transition', owner: string): CompiledGuardrail[] => {
    if (!Array.isArray(list)) return [];
    return (list as Guardrail[])
      .filter((g) => g && (g.downgradeTo === 'suggest' || g.downgradeTo === 'human'))
      .map((g) => ({ ...compileExpr(g.when, `guardrail on ${owner}`), downgradeTo: g.downgradeTo, on, owner }));
  };

  const activityCodes = new Map<string, number>();
  const activities: string[] = [];
  const codeOf = (a: string): number => {
    let c = activityCodes.get(a);
    if (c === undefined) {
      c = activities.length;
      activities.push(a);
      activityCodes.set(a, c);
    }
    return c;
  };

  const stateIds = new Map<string, number>();
  flat.stateOrder.forEach((key, i) => stateIds.set(key, i));
  const ownGuardrails = new Map<string, CompiledGuardrail[]>();
  for (const key of flat.stateOrder)
    ownGuardrails.set(key, compileGuardrails(flat.states.get(key)!.config.meta?.guardrails, 'state', key));

  const limitsByState = new Map<string, CompiledLimit | null>();
  const limitOf = (key: string): CompiledLimit | null => {
    if (limitsByState.has(key)) return limitsByState.get(key)!;
    // Stryker disable next-line OptionalChaining: key is always a state of flat (enteredStates yields only existing keys)
    const tool = flat.states.get(key)?.config.meta?.tool;
    const def = typeof tool === 'string' ? doc.tools?.[tool] : undefined;
    const limit =
      def && typeof def.limit === 'string' && def.limit.trim()
        ? { ...compileExpr(def.limit, `limit of tool ${tool}`), tool: tool as string, state: key }
        : null;
    limitsByState.set(key, limit);
    return limit;
  };

  const transitions: CompiledTransition[] = [];
  const transitionIds = new Map<string, number>();
  const compileTransition = (t: FlatTransition): void => {
    if (t.targets.length === 0) {
      if (t.unresolved.length > 0)
        problems.push(`transition ${t.id}: target ${t.unresolved.join(', ')} does not resolve`);
      return;
    }
    const targetKey = t.targets[0]!;
    const leaf = resolveInitialLeaf(flat, targetKey);
    const guard =
      t.guardExpr !== null
        ? compileExpr(t.guardExpr, `guard of ${t.id}`)
        : t.otherGuard
          ? { expr: JSON.stringify(t.otherGuard), cel: null, error: 'not a CEL guard' }
          : null;
    const sourceTier = t.source === '' ? doc.machine?.meta?.tier : flat.states.get(t.source)?.config.meta?.tier;
    const limits: CompiledLimit[] = [];
    for (const key of enteredStates(flat, t.source, targetKey, leaf)) {
      const l = limitOf(key);
      if (l) limits.push(l);
    }
    const index = transitions.length;
    transitionIds.set(t.id, index);
    transitions.push({
      index,
      id: t.id,
      source: t.source,
      path: t.path,
      kind: t.kind,
      event: t.event,
      guard,
      target: stateIds.get(leaf)!,
      targetActivity: codeOf(flat.states.get(leaf)!.activity),
      targetFinal: flat.states.get(leaf)!.type === 'final',
      markedTier: t.tier ?? sourceTier ?? 'human',
      ownTier: t.tier,
      sourceTier,
      guardrails: compileGuardrails(t.config.meta?.guardrails, 'transition', t.id),
      limits,
    });
  };
  for (const t of flat.transitions) compileTransition(t);
  // The machine root's own transitions (flattenMachine lists states only): XState applies them in
  // every state, as the outermost ancestor.
  const rootList = rootTransitions(flat, doc.machine ?? {});
  for (const t of rootList) compileTransition(t);
  ownGuardrails.set('', compileGuardrails(doc.machine?.meta?.guardrails, 'state', '(machine)'));

  const states: CompiledState[] = flat.stateOrder.map((key, id) => {
    const s = flat.states.get(key)!;
    const chain = [key, ...ancestorsOf(flat, key), ''];
    const table: number[] = [];
    for (const kind of ['always', 'on', 'after'] as const) {
      for (const k of chain) {
        for (const t of k === '' ? rootList : (flat.outgoing.get(k) ?? [])) {
          const idx = transitionIds.get(t.id);
          if (t.kind === kind && idx !== undefined) table.push(idx);
        }
      }
    }
    return {
      id,
      key,
      activity: s.activity,
      activityCode: codeOf(s.activity),
      final: s.type === 'final',
      table: Int32Array.from(table),
      tier: s.config.meta?.tier,
      guardrails: chain.flatMap((k) => ownGuardrails.get(k) ?? []),
    };
  });

  const initialKey = flat.initial ? resolveInitialLeaf(flat, flat.initial) : null;
  return {
    doc,
    flat,
    name: doc.name,
    version: doc.version,
    rollout: doc.rollout ?? 'observe',
    states,
    stateIds,
    transitions,
    transitionIds,
    // Stryker disable next-line ConditionalExpression: stateIds.get(null) is undefined, so `?? -1` gives the same -1
    initial: initialKey !== null ? (stateIds.get(initialKey) ?? -1) : -1,
    activityCodes,
    activities,
    reads: [...reads],
    nestedFields: nestedFieldsOf(schema),
    schema,
    env,
    problems,
  };
}

/** States a transition enters: target's ancestors not already active, the target, its initial descendants. */
function enteredStates(flat: FlatGraph, source: string, target: string, leaf: string): string[] {
  const sourceAncestors = new Set(ancestorsOf(flat, source));
  const targetIsInside = ancestorsOf(flat, target).includes(source);
  const out: string[] = [];
  for (const k of [...ancestorsOf(flat, target)].reverse()) {
    if (sourceAncestors.has(k) || (targetIsInside && k === source)) continue;
    out.push(k);
  }
  out.push(target);
  for (let k = target; k !== leaf;) {
    // Stryker disable next-line OptionalChaining: k walks from target towards its resolved leaf, always existing states
    const next = flat.states.get(k)?.initial;
    // Stryker disable next-line ConditionalExpression: a guard only; the walk reaches `leaf` (resolveInitialLeaf of target) before any state lacks an initial
    if (!next) break;
    out.push(next);
    k = next;
  }
  return out;
}

/** Dotted schema keys grouped by their top-level name. */
function nestedFieldsOf(schema: Record<string, CaseField>): CompiledGraph['nestedFields'] {
  const out: CompiledGraph['nestedFields'] = new Map();
  for (const [key, field] of Object.entries(schema)) {
    const parts = key.split('.');
    if (parts.length < 2 || !field) continue;
    const root = parts.shift()!;
    if (!out.has(root)) out.set(root, []);
    out.get(root)!.push({ path: key, parts, field });
  }
  return out;
}
