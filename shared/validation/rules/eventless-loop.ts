/**
 * eventless-loop: a cycle of eventless (`always`) transitions spins without consuming an event.
 * XState takes eventless transitions until none is enabled, so a case that enters such a cycle
 * never returns (the issue's machine ran out of memory after ~7 minutes).
 *
 * The graph searched: from each atomic state, the eventless transitions XState would try, in its
 * order (the state's own `always`, then each ancestor's, then the machine root's own, each in
 * document order) to the leaf each target enters (compound initials resolved). A targetless
 * eventless transition loops on its source. A transition behind an earlier unguarded one is never
 * taken and adds no edge.
 *
 * The root's `always` is tried in every state, so it is judged as XState 5 runs it: a macrostep
 * goes on taking eventless transitions only while a step changes the snapshot (`nextSnapshot !==
 * previousState` in its macrostep; a microstep that leaves the active states, history and context
 * as they were returns the same snapshot). A root branch that lands where the case already is
 * changes nothing then, and XState rests (checked with XState in eventless-loop.test.ts), so it
 * adds no edge, unless it has actions: those run again each time, and an assign is a new snapshot.
 * A loop through a root branch is reported at that branch (the root is no state: no stateKey).
 * - error: a cycle where every step is unguarded and first in line (nothing can stop it);
 * - warning: any other cycle, naming the guards that decide whether it spins (including the
 *   earlier guards that must fail for the cycle's branch to be taken).
 * Targets into parallel or history states are not followed (which leaves are entered depends on
 * the run).
 */
import { ancestorsOf, type FlatTransition } from '../../model/flatten';
import type { ValidationContext } from '../context';
import type { Diagnostic, Rule } from '../types';

interface Edge {
  from: string;
  to: string;
  /** The branch; source "" for the machine root's own (tried in every state). */
  t: FlatTransition;
  /** Unguarded and first in line: taken for sure whenever `from` is active. */
  certain: boolean;
  /** What must hold for this step: its own guard, and earlier guards that must not. */
  conditions: string[];
}

const guardText = (t: FlatTransition): string | null =>
  t.guardExpr !== null
    ? t.guardExpr
    : t.otherGuard !== null && t.otherGuard !== undefined
      ? JSON.stringify(t.otherGuard)
      : null;

/** A step that runs actions changes the snapshot whenever they assign, even where the case stays. */
const hasActions = (t: FlatTransition): boolean => {
  const a: unknown = t.config.actions;
  return a !== undefined && a !== null && !(Array.isArray(a) && a.length === 0);
};

function eventlessEdges(ctx: ValidationContext): Edge[] {
  const { graph } = ctx;
  const rootAlways = ctx.rootTransitions.filter((t) => t.kind === 'always');
  const edges: Edge[] = [];
  for (const key of graph.stateOrder) {
    if (graph.states.get(key)!.type !== 'atomic') continue;
    const candidates = [
      // Stryker disable next-line ArrayDeclaration: equivalent: flattenMachine gives every state (and so every ancestor) an outgoing list, so the fallback is never used
      ...[key, ...ancestorsOf(graph, key)].flatMap((s) =>
        (graph.outgoing.get(s) ?? []).filter((t) => t.kind === 'always'),
      ),
      ...rootAlways,
    ];
    const earlier: string[] = [];
    for (const t of candidates) {
      const guard = guardText(t);
      const conditions = [...earlier.map((g) => `not (${g})`), ...(guard ? [guard] : [])];
      const certain = earlier.length === 0 && guard === null;
      let to: string | null = null;
      if (t.targets.length === 0 && t.unresolved.length === 0)
        to = key; // targetless: stays, and is tried again
      else if (t.targets.length === 1 && t.unresolved.length === 0) {
        const leaf = ctx.entered(t.targets[0]!).at(-1);
        if (leaf && (leaf.type === 'atomic' || leaf.type === 'final')) to = leaf.key;
      }
      // a root branch that leaves the case where it is changes nothing: XState rests (see above)
      const rests = t.source === '' && to === key && !hasActions(t);
      if (to !== null && !rests) edges.push({ from: key, to, t, certain, conditions });
      if (guard === null) break; // an unguarded branch is always taken: nothing after it runs
      earlier.push(guard);
    }
  }
  return edges;
}

/** Strongly connected components (Tarjan, iterative so a long chain cannot overflow the stack). */
function components(nodes: string[], next: Map<string, Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const edges = next.get(frame.v) ?? [];
      if (frame.i < edges.length) {
        const w = edges[frame.i++]!.to;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) low.set(work.at(-1)!.v, Math.min(low.get(work.at(-1)!.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== frame.v);
        out.push(scc);
      }
    }
  }
  return out;
}

/**
 * The cycle of certain edges inside a component, if any (each state has at most one certain
 * edge), starting at its state that comes first in the document.
 */
function certainCycle(members: Set<string>, next: Map<string, Edge[]>, order: string[]): Edge[] | null {
  for (const start of order.filter((k) => members.has(k))) {
    const seen = new Map<string, number>();
    const path: Edge[] = [];
    let v = start;
    while (!seen.has(v)) {
      seen.set(v, path.length);
      // Stryker disable next-line ArrayDeclaration: equivalent: a made-up string entry has no `certain`, so find() skips it just as it finds nothing in []
      const e = (next.get(v) ?? []).find((x) => x.certain && members.has(x.to));
      if (!e) break;
      path.push(e);
      v = e.to;
    }
    if (path.length === 0 || path.at(-1)!.to !== v || seen.get(v) === undefined || seen.get(v)! >= path.length)
      continue;
    const cycle = path.slice(seen.get(v));
    const rank = (e: Edge) => order.indexOf(e.from);
    const first = cycle.reduce((best, e, i) => (rank(e) < rank(cycle[best]!) ? i : best), 0);
    return [...cycle.slice(first), ...cycle.slice(0, first)];
  }
  return null;
}

const loopText = (edges: Edge[]) => [...edges.map((e) => `"${e.from}"`), `"${edges[0]!.from}"`].join(' → ');

/** Where a loop is reported: at the root's branch when it takes part (no state, no canvas branch). */
function locate(edges: Edge[], fallback: FlatTransition): Pick<Diagnostic, 'path' | 'stateKey' | 'transitionId'> {
  const root = edges.find((e) => e.t.source === '')?.t;
  return root ? { path: root.path } : { path: fallback.path, stateKey: fallback.source, transitionId: fallback.id };
}

function certainMessage(cycle: Edge[]): string {
  const first = cycle[0]!.t;
  if (first.source === '' && cycle.length === 1)
    return `The machine's own unguarded "always" ${first.targets.length ? `into "${first.targets[0]}"` : 'without a target'} is tried in every state and runs its actions each time it is taken, even where it leaves the case where it is: XState stops only when a step changes nothing, so actions that change the context make it spin. Give it a guard, or move the actions to an entry or an event.`;
  if (cycle.length === 1)
    return `"${first.source}" has an unguarded "always" transition ${first.targets.length ? 'back to itself' : 'without a target'}: it is enabled again the moment it is taken, so a case there never moves on. Give it a guard, an event or another target.`;
  const through = cycle.some((e) => e.t.source === '')
    ? ` through the machine's own "always" (tried in every state, after the state's own)`
    : '';
  return `Eventless loop ${loopText(cycle)}${through}: every step is an unguarded "always" transition, so a case that gets there never stops (XState spins until it runs out of memory). Give one step a guard or an event.`;
}

export const eventlessLoop: Rule = {
  code: 'eventless-loop',
  summary: 'no cycle of eventless (always) transitions: unguarded is an error, guarded a warning naming the guards',
  check(ctx) {
    const edges = eventlessEdges(ctx);
    const next = new Map<string, Edge[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
    const out: Diagnostic[] = [];
    // a root branch's loop recurs in every state it is tried from: it is reported once
    const rootReported = new Set<string>();
    const report = (d: Diagnostic) => {
      if (d.stateKey === undefined) {
        const key = `${d.severity}|${JSON.stringify(d.path)}`;
        if (rootReported.has(key)) return;
        rootReported.add(key);
      }
      out.push(d);
    };
    for (const scc of components([...next.keys()], next)) {
      const members = new Set(scc);
      const inner = edges.filter((e) => members.has(e.from) && members.has(e.to));
      if (inner.length === 0) continue; // a single state without a self-loop
      const cycle = certainCycle(members, next, ctx.graph.stateOrder);
      if (cycle) {
        report({ code: this.code, severity: 'error', message: certainMessage(cycle), ...locate(cycle, cycle[0]!.t) });
        continue;
      }
      const conditions = [...new Set(inner.flatMap((e) => e.conditions.map((c) => `${c} (${ctx.describe(e.t)})`)))];
      report({
        code: this.code,
        severity: 'warning',
        message: `Eventless loop among ${[...members].map((m) => `"${m}"`).join(', ')}: it spins whenever these guards hold together: ${conditions.join('; ')}. Make sure they cannot, or give one step an event.`,
        ...locate(inner, inner[0]!.t),
      });
    }
    return out;
  },
};
