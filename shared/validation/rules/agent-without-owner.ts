/** agent-without-owner (readiness): an agent nobody owns; autonomy starts with written-down ownership. */
import type { Diagnostic, Rule } from '../types';

export const agentWithoutOwner: Rule = {
  code: 'agent-without-owner',
  summary: 'every agent has an owner',
  check(ctx) {
    const out: Diagnostic[] = [];
    const agents = ctx.doc.agents && typeof ctx.doc.agents === 'object' ? ctx.doc.agents : {};
    for (const [name, def] of Object.entries(agents)) {
      const owner = (def as { owner?: unknown } | null)?.owner;
      if (typeof owner === 'string' && owner.trim()) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Agent "${name}" has no owner: name the team accountable for what it does`,
        path: ['agents', name],
      });
    }
    return out;
  },
};
