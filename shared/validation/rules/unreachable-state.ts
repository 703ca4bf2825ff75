/**
 * unreachable-state: no path from the initial state enters this state. Entering a state enters
 * its ancestors, a compound state's initial child, every region of a parallel state, and (for a
 * history state) any sibling. Transitions of active ancestors count. Only the outermost
 * unreachable state of a subtree is reported.
 */
import type { FlatGraph } from '../../model/flatten';
import type { FlatTransition } from '../../model/flatten';
import type { Diagnostic, Rule } from '../types';

/** Keys of every state a case can enter from the machine's start. */
function reachableStates(graph: FlatGraph, transitions: FlatTransition[]): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const outgoing = new Map<string, FlatTransition[]>();
  for (const t of transitions) outgoing.set(t.source, [...(outgoing.get(t.source) ?? []), t]);
  const enter = (key: string): void => {
    const s = graph.states.get(key);
    if (!s || reached.has(key)) return;
    reached.add(key);
    queue.push(key);
    if (s.parent) enter(s.parent);
    if (s.type === 'parallel') s.children.forEach(enter);
    else if (s.type === 'compound' && s.initial) enter(s.initial);
    // Stryker disable next-line OptionalChaining: equivalent: a non-empty parent key is always a state of the flat graph (flattenMachine records every ancestor)
    else if (s.type === 'history' && s.parent) graph.states.get(s.parent)?.children.forEach(enter);
  };
  if (graph.machine.type === 'parallel') for (const k of graph.stateOrder) if (!graph.states.get(k)!.parent) enter(k);
  if (graph.initial) enter(graph.initial);
  // the machine root's own transitions (source "") are active in every state
  for (const t of outgoing.get('') ?? []) t.targets.forEach(enter);
  while (queue.length) {
    const key = queue.shift()!;
    for (const t of outgoing.get(key) ?? []) t.targets.forEach(enter);
  }
  return reached;
}

export const unreachableState: Rule = {
  code: 'unreachable-state',
  summary: 'every state can be reached from the initial state',
  check(ctx) {
    const reached = reachableStates(ctx.graph, ctx.movingTransitions);
    const out: Diagnostic[] = [];
    for (const key of ctx.graph.stateOrder) {
      const s = ctx.graph.states.get(key)!;
      // history states are pseudo-states: entered only through transitions that name them
      if (reached.has(key) || s.type === 'history' || (s.parent && !reached.has(s.parent))) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `State "${key}" cannot be reached from the initial state: no transition leads to it`,
        path: s.path,
        stateKey: key,
      });
    }
    return out;
  },
};
