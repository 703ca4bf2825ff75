/**
 * agent-can-abstain: every branch out of a state is guarded, so when no guard holds the agent
 * has no choice and abstains. Suggest a last unguarded "ask a human" branch.
 */
import { ancestorsOf } from '../../model/flatten';
import type { Diagnostic, Rule } from '../types';

export const agentCanAbstain: Rule = {
  code: 'agent-can-abstain',
  summary: 'a decision with only guarded branches gets a catch-all human branch',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const [key, list] of ctx.graph.outgoing) {
      if (list.length === 0 || list.some((t) => t.config.guard === undefined)) continue;
      // the agent also weighs its ancestors' and the machine root's branches, after its own
      // (replay/compile.ts's table): an unguarded one there is its catch-all
      const outer = [...ancestorsOf(ctx.graph, key).map((k) => ctx.graph.outgoing.get(k) ?? []), ctx.rootTransitions];
      if (outer.some((l) => l.some((t) => t.config.guard === undefined))) continue;
      const s = ctx.graph.states.get(key)!;
      const first = list[0]!;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `All ${list.length} branch${list.length === 1 ? '' : 'es'} out of "${key}" are guarded: when none holds the agent abstains. Add a last unguarded branch with tier "human" (the "anything else: ask a human" branch)`,
        path: first.kind === 'always' ? [...s.path, 'always'] : s.path,
        stateKey: key,
      });
    }
    return out;
  },
};
