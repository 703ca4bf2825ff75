/**
 * eventless-loop: a cycle of eventless (`always`) transitions spins without consuming an event.
 * XState takes eventless transitions until none is enabled, so a case that enters such a cycle
 * never returns (the issue's machine ran out of memory after ~7 minutes).
 *
 * The graph searched: from each atomic state, the eventless transitions XState would try, in its
 * order (the state's own `always`, then each ancestor's, each in document order) to the leaf each
 * target enters (compound initials resolved). A targetless eventless transition loops on its
 * source. A transition behind an earlier unguarded one is never taken and adds no edge.
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

function eventlessEdges(ctx: ValidationContext): Edge[] {
  const { graph } = ctx;
  const edges: Edge[] = [];
  for (const key of graph.stateOrder) {
    if (graph.states.get(key)!.type !== 'atomic') continue;
    // Stryker disable next-line ArrayDeclaration: equivalent: flattenMachine gives every state (and so every ancestor) an outgoing list, so the fallback is never used
    const candidates = [key, ...ancestorsOf(graph, key)].flatMap((s) =>
      (graph.outgoing.get(s) ?? []).filter((t) => t.kind === 'always'),
    );
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
      if (to !== null) edges.push({ from: key, to, t, certain, conditions });
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

export const eventlessLoop: Rule = {
  code: 'eventless-loop',
  summary: 'no cycle of eventless (always) transitions: unguarded is an error, guarded a warning naming the guards',
  check(ctx) {
    const edges = eventlessEdges(ctx);
    const next = new Map<string, Edge[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
    const out: Diagnostic[] = [];
    for (const scc of components([...next.keys()], next)) {
      const members = new Set(scc);
      const inner = edges.filter((e) => members.has(e.from) && members.has(e.to));
      if (inner.length === 0) continue; // a single state without a self-loop
      const cycle = certainCycle(members, next, ctx.graph.stateOrder);
      if (cycle) {
        const first = cycle[0]!.t;
        const self = cycle.length === 1;
        out.push({
          code: this.code,
          severity: 'error',
          message: self
            ? `"${first.source}" has an unguarded "always" transition ${first.targets.length ? 'back to itself' : 'without a target'}: it is enabled again the moment it is taken, so a case there never moves on. Give it a guard, an event or another target.`
            : `Eventless loop ${loopText(cycle)}: every step is an unguarded "always" transition, so a case that gets there never stops (XState spins until it runs out of memory). Give one step a guard or an event.`,
          path: first.path,
          stateKey: first.source,
          transitionId: first.id,
        });
        continue;
      }
      const conditions = [...new Set(inner.flatMap((e) => e.conditions.map((c) => `${c} (${ctx.describe(e.t)})`)))];
      const first = inner[0]!.t;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Eventless loop among ${[...members].map((m) => `"${m}"`).join(', ')}: it spins whenever these guards hold together: ${conditions.join('; ')}. Make sure they cannot, or give one step an event.`,
        path: first.path,
        stateKey: first.source,
        transitionId: first.id,
      });
    }
    return out;
  },
};
