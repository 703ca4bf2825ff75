/**
 * agent-tool-out-of-scope: a state's tool is not among the `tools` of the agent acting there
 * (the state's meta.agent, else its nearest ancestor's).
 */
import type { Diagnostic, Rule } from '../types';

export const agentToolOutOfScope: Rule = {
  code: 'agent-tool-out-of-scope',
  summary: "a state's tool is in its agent's tools",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of ctx.graph.states.values()) {
      const tool = ctx.toolOf(s);
      const agent = ctx.agentOf(s.key);
      if (!tool || !agent?.def) continue;
      const allowed = Array.isArray(agent.def.tools) ? agent.def.tools : [];
      if (allowed.includes(tool.name)) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `State "${s.key}" calls tool "${tool.name}", which agent "${agent.name}" may not use (its tools: ${allowed.length ? allowed.map((t) => `"${t}"`).join(', ') : 'none'})`,
        path: tool.path,
        stateKey: s.key,
      });
    }
    return out;
  },
};
