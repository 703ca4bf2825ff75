/**
 * The XState machine a runner executes: the graph's state hierarchy, with its transitions
 * re-expressed so the runner (not XState's eventless auto-advance) decides when a branch is taken.
 *
 * - `sop.probe.always|on|after`: each branch with its CEL guard as an XState parameterized guard
 *   (`{ type: 'cel', params: { expr } }`, one `cel` implementation over shared/expr/cel.ts).
 *   `getTransitionData` on a probe event returns the branch XState itself selects (innermost state
 *   first, first enabled guard) — that is the agent's choice. Probing in three groups gives the
 *   replay compiler's order T (always, then on, then after; each leaf first, then ancestors).
 * - `sop.step { transitionId }`: takes exactly the branch the runner decided (tier, approval or
 *   human choice), so XState performs the state change (compound initials, hierarchy, final).
 */
import { setup, type AnyMachineSnapshot, type StateValue } from 'xstate';
import { createCelGuard } from '../expr/xstateGuard';
import type { StateConfig } from '../model/types';
import { rootTransitions } from '../model/flatten';
import type { CompiledGraph } from '../replay/compile';

const ROOT_ID = 'sop';

export interface CaseContext {
  caseId: string;
  /** CEL variables of the case (attributes converted per caseSchema). */
  vars: Record<string, unknown>;
}

type RunnerEvent =
  | { type: 'sop.step'; transitionId: string }
  | { type: 'sop.probe.always' }
  | { type: 'sop.probe.on' }
  | { type: 'sop.probe.after' };

const PROBES = ['sop.probe.always', 'sop.probe.on', 'sop.probe.after'] as const;

interface NodeConfig {
  type?: 'final' | 'parallel';
  initial?: string;
  states?: Record<string, NodeConfig>;
  on?: Record<string, unknown[]>;
  meta?: Record<string, unknown>;
}

function buildConfig(g: CompiledGraph): NodeConfig {
  const ref = (key: string) => `#${ROOT_ID}.${key}`;
  const visit = (key: string, config: StateConfig): NodeConfig => {
    const flat = key ? g.flat.states.get(key) : undefined;
    const node: NodeConfig = {};
    if (flat?.type === 'final') node.type = 'final';
    if (flat?.type === 'parallel' || (!flat && config.type === 'parallel')) node.type = 'parallel';
    const children = Object.entries(config.states ?? {});
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: an empty `states: {}` is an atomic state for XState, and an atomic state's flat initial is null
    if (children.length > 0) {
      node.states = {};
      for (const [name, child] of children) node.states[name] = visit(key ? `${key}.${name}` : name, child ?? {});
      // Stryker disable next-line OptionalChaining: equivalent: every visited key is a flat state (visit walks the same config flattenMachine did)
      const initial = key ? flat?.initial : g.flat.initial;
      // Stryker disable next-line LogicalOperator: equivalent: a compound's flat initial is never empty (its first child by default), and XState ignores `initial` on a parallel node (a nested one has none)
      if (node.type !== 'parallel' && initial) node.initial = initial.slice(initial.lastIndexOf('.') + 1);
    }
    const on: Record<string, unknown[]> = {};
    // the root's own branches too: XState applies them in every state, as the outermost ancestor
    // (the replay compiler's T ends with them), so the agent may choose them and people may take them
    // Stryker disable next-line ArrayDeclaration: equivalent: a bogus element has no id, so transitionIds.get misses and it is skipped below
    for (const t of key ? (g.flat.outgoing.get(key) ?? []) : rootTransitions(g.flat, g.doc.machine ?? {})) {
      const compiled = g.transitionIds.get(t.id);
      if (compiled === undefined) continue; // targetless / unresolved: not a branch (as in replay)
      const guard = g.transitions[compiled]!.guard;
      const probe = `sop.probe.${t.kind}`;
      (on[probe] ??= []).push({
        target: ref(t.targets[0]!),
        meta: { sopId: t.id },
        ...(guard === null
          ? {}
          : guard.cel
            ? { guard: { type: 'cel', params: { expr: guard.expr } } }
            : { guard: { type: 'never' } }),
      });
      (on['sop.step'] ??= []).push({ target: ref(t.targets[0]!), guard: { type: 'chosen', params: { id: t.id } } });
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: `on: {}` is no transitions for XState
    if (Object.keys(on).length > 0) node.on = on;
    return node;
  };
  return visit('', g.doc.machine ?? {});
}

/** Build the runner's machine for a compiled graph (once per runner). */
export function buildRunnerMachine(g: CompiledGraph) {
  return setup({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- XState's documented `types: {} as {...}` idiom: the assertion IS the type declaration (autofix would erase the machine's types)
    types: {} as { context: CaseContext; input: CaseContext; events: RunnerEvent },
    guards: {
      // The one `cel` guard (shared/expr/xstateGuard.ts) over the graph's environment, which
      // caches compiles; the runner's context already holds the case as CEL variables.
      cel: createCelGuard<CaseContext>(g.env, { varsOf: (context) => context.vars }),
      // Stryker disable next-line ArrowFunction: equivalent: a guard returning undefined does not hold either
      never: () => false,
      chosen: ({ event }, params: { id: string }) => event.type === 'sop.step' && event.transitionId === params.id,
    },
  }).createMachine({
    ...(buildConfig(g) as object),
    id: ROOT_ID,
    context: ({ input }) => input,
  } as Parameters<ReturnType<typeof setup>['createMachine']>[0] as never);
}

export type RunnerMachine = ReturnType<typeof buildRunnerMachine>;

/** The active leaf's key ("review.collect"); parallel regions are not supported by the runner. */
export function leafKey(value: StateValue): string {
  const parts: string[] = [];
  let v: StateValue = value;
  for (;;) {
    if (typeof v === 'string') {
      parts.push(v);
      return parts.join('.');
    }
    const keys = Object.keys(v);
    if (keys.length !== 1) throw new Error('the runner does not execute parallel states (they load, draw and export)');
    parts.push(keys[0]!);
    v = v[keys[0]!] as StateValue;
  }
}

/** The agent's choice at the current snapshot: the flat id of the branch XState selects, or null. */
export function agentChoice(machine: RunnerMachine, snapshot: AnyMachineSnapshot): string | null {
  for (const type of PROBES) {
    const selected = machine.getTransitionData(snapshot as never, { type });
    const id = (selected[0]?.meta as { sopId?: string } | undefined)?.sopId;
    if (id) return id;
  }
  return null;
}
