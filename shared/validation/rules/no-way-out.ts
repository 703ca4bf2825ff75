/**
 * no-way-out: a non-final atomic state with no transition that leaves it (its own or an
 * ancestor's; targetless transitions do not leave). A case that gets there is stuck. States
 * inside a parallel region are judged the same way; a final state is the only exit by design.
 */
import { ancestorsOf } from '../../model/flatten';
import type { Diagnostic, Rule } from '../types';

export const noWayOut: Rule = {
  code: 'no-way-out',
  summary: "every non-final state has a transition out (its own or an ancestor's)",
  check(ctx) {
    const leaving = new Set<string>();
    for (const t of ctx.movingTransitions) if (t.targets.length > 0 || t.unresolved.length > 0) leaving.add(t.source);
    const out: Diagnostic[] = [];
    if (leaving.has('')) return out; // the machine root's own transitions leave every state
    for (const key of ctx.graph.stateOrder) {
      const s = ctx.graph.states.get(key)!;
      if (s.type !== 'atomic') continue;
      if (leaving.has(key) || ancestorsOf(ctx.graph, key).some((a) => leaving.has(a))) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `State "${key}" is not final and has no transition out: a case that reaches it is stuck (add a transition or mark it "type": "final")`,
        path: s.path,
        stateKey: key,
      });
    }
    return out;
  },
};
