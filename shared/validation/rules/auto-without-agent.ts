/** auto-without-agent (readiness): an `auto` branch out of a state no agent is assigned to. */
import type { Diagnostic, Rule } from '../types';

export const autoWithoutAgent: Rule = {
  code: 'auto-without-agent',
  summary: 'auto branches leave states with an agent',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const t of ctx.graph.transitions) {
      if (ctx.markedTier(t) !== 'auto' || ctx.agentOf(t.source)) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Auto branch ${ctx.describe(t)} leaves a state with no agent: set meta.agent on "${t.source}" so someone's blast radius and ownership apply`,
        path: t.config.meta?.tier === 'auto' ? [...t.path, 'meta', 'tier'] : t.path,
        stateKey: t.source,
        transitionId: t.id,
      });
    }
    return out;
  },
};
