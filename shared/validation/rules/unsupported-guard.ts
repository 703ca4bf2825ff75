/**
 * unsupported-guard: a guard that is not `{ type: "cel", params: { expr } }` (an XState named
 * guard, a string). It loads, but the simulator and runner cannot evaluate it: it never holds.
 */
import type { Diagnostic, Rule } from '../types';

export const unsupportedGuard: Rule = {
  code: 'unsupported-guard',
  summary: 'guards are CEL guards',
  check(ctx) {
    const out: Diagnostic[] = [];
    // the machine root's own branches too: the simulator takes them in every state
    for (const t of [...ctx.graph.transitions, ...ctx.rootTransitions]) {
      if (t.otherGuard === null) continue; // flattenMachine's "no guard, or a CEL one" (never undefined)
      // a string, number or boolean guard has no `type` (reading it gives undefined), so no typeof-object test
      const g = t.otherGuard as { type?: unknown };
      if (g.type === 'cel') continue; // malformed cel guard: invalid-document
      const name = typeof g === 'string' ? g : typeof g.type === 'string' ? g.type : JSON.stringify(g);
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Guard "${name}" of ${ctx.describe(t)} is not a CEL guard: the simulator and runner treat it as never holding. Write it as { "type": "cel", "params": { "expr": "…" } }`,
        path: [...t.path, 'guard'],
        // a root branch is in no state and not on the canvas
        ...(t.source ? { stateKey: t.source, transitionId: t.id } : {}),
      });
    }
    return out;
  },
};
