/** reversible-tool-without-undo (readiness): a tool marked reversible that does not name the tool that undoes it. */
import type { Diagnostic, Rule } from '../types';

export const reversibleToolWithoutUndo: Rule = {
  code: 'reversible-tool-without-undo',
  summary: 'reversible tools name their undo tool',
  check(ctx) {
    const out: Diagnostic[] = [];
    // (a string, number or boolean section has no entries that are tool definitions)
    for (const [name, def] of Object.entries(ctx.doc.tools ?? {})) {
      const d = def as { reversible?: unknown; undo?: unknown } | null;
      if (d?.reversible !== true || (typeof d.undo === 'string' && d.undo.trim())) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Tool "${name}" is marked reversible but names no "undo" tool: the runner cannot reverse it`,
        path: ['tools', name, 'reversible'],
      });
    }
    return out;
  },
};
