/**
 * guard-reads-outside-agent-scope: a guard on a branch out of a state with an agent reads a
 * field that is not in the agent's `reads`. "customer" in reads covers "customer.tier"; reading
 * the whole "customer" needs "customer" itself. Tool limits and guardrails are evaluated by the
 * orchestration layer, not the agent, so they are not checked here.
 */
import type { Diagnostic, Rule } from '../types';

/** True when `path` (e.g. "customer.tier") is covered by one of `reads`. */
export function inScope(path: string, reads: readonly string[]): boolean {
  return reads.some((r) => r === path || path.startsWith(r + '.'));
}

export const guardReadsOutsideAgentScope: Rule = {
  code: 'guard-reads-outside-agent-scope',
  summary: "guards read only fields in the state's agent's reads",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const site of ctx.celSites) {
      // a guard site's expression is a string. A root branch's (no stateKey) can be taken in any
      // state, under whichever agent acts there: it has no one agent to check against
      if (site.kind !== 'guard' || site.stateKey === undefined) continue;
      const agent = ctx.agentOf(site.stateKey);
      if (!agent?.def) continue;
      const compiled = ctx.compile(site.expr);
      if (!compiled.ok) continue;
      const reads = Array.isArray(agent.def.reads)
        ? agent.def.reads.filter((r): r is string => typeof r === 'string')
        : [];
      const outside = compiled.compiled.fieldPaths.filter((p) => !inScope(p, reads));
      if (outside.length === 0) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `The ${site.label} reads ${outside.map((p) => `"${p}"`).join(', ')}, outside agent "${agent.name}"'s reads (${reads.length ? reads.map((r) => `"${r}"`).join(', ') : 'none'})`,
        path: site.path,
        stateKey: site.stateKey,
        transitionId: site.transitionId,
      });
    }
    return out;
  },
};
