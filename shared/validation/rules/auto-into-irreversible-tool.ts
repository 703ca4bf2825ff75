/**
 * auto-into-irreversible-tool: an `auto` branch enters a state whose tool is not marked
 * reversible (`reversible: false` or not stated): a mistake cannot be undone.
 */
import type { Diagnostic, Rule } from '../types';
import { autoToolSteps } from './auto-tools';

export const autoIntoIrreversibleTool: Rule = {
  code: 'auto-into-irreversible-tool',
  summary: 'auto branches into tools that cannot be undone are flagged',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const step of autoToolSteps(ctx)) {
      if (step.def.reversible === true) continue;
      const why = step.def.reversible === false ? 'is irreversible' : 'is not marked reversible';
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Auto branch ${ctx.describe(step.transition)} enters "${step.state.key}", whose tool "${step.tool}" ${why}: an agent mistake there cannot be undone; consider "suggest"`,
        path: [...step.transition.path, 'meta', 'tier'],
        // a root branch is in no state and not on the canvas
        ...(step.transition.source ? { stateKey: step.transition.source, transitionId: step.transition.id } : {}),
      });
    }
    return out;
  },
};
