/** unknown-agent: a state's meta.agent names no agent in `agents`. */
import type { Diagnostic, Rule } from '../types';

export const unknownAgent: Rule = {
  code: 'unknown-agent',
  summary: 'every agent referenced is defined',
  check(ctx) {
    const agents = ctx.doc.agents && typeof ctx.doc.agents === 'object' ? ctx.doc.agents : {};
    const out: Diagnostic[] = [];
    for (const s of ctx.graph.states.values()) {
      const name = s.config.meta?.agent;
      if (typeof name !== 'string' || !name || Object.hasOwn(agents, name)) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `State "${s.key}" names agent "${name}", which is not defined in "agents"`,
        path: [...s.path, 'meta', 'agent'],
        stateKey: s.key,
      });
    }
    return out;
  },
};
