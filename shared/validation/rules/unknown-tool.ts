/** unknown-tool: a tool named by a state, an agent's tools or a tool's undo that is not defined in `tools`. */
import type { Diagnostic, Rule } from '../types';

export const unknownTool: Rule = {
  code: 'unknown-tool',
  summary: 'every tool referenced is defined',
  check(ctx) {
    const tools = isRecord(ctx.doc.tools) ? ctx.doc.tools : {};
    const defined = (name: string) => Object.hasOwn(tools, name);
    const out: Diagnostic[] = [];
    for (const s of ctx.graph.states.values()) {
      const tool = ctx.toolOf(s);
      if (tool && !defined(tool.name))
        out.push({
          code: this.code,
          severity: 'error',
          message: `State "${s.key}" calls tool "${tool.name}", which is not defined in "tools"`,
          path: tool.path,
          stateKey: s.key,
        });
    }
    for (const [agent, def] of Object.entries(isRecord(ctx.doc.agents) ? ctx.doc.agents : {})) {
      const list = isRecord(def) && Array.isArray(def.tools) ? def.tools : [];
      list.forEach((name, i) => {
        if (typeof name === 'string' && !defined(name))
          out.push({
            code: this.code,
            severity: 'error',
            message: `Agent "${agent}" lists tool "${name}", which is not defined in "tools"`,
            path: ['agents', agent, 'tools', i],
          });
      });
    }
    for (const [name, def] of Object.entries(tools)) {
      const undo = isRecord(def) ? def.undo : undefined;
      if (typeof undo === 'string' && !defined(undo))
        out.push({
          code: this.code,
          severity: 'error',
          message: `Tool "${name}" is undone by "${undo}", which is not defined in "tools"`,
          path: ['tools', name, 'undo'],
        });
    }
    return out;
  },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
