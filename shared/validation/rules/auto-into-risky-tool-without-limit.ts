/**
 * auto-into-risky-tool-without-limit: an `auto` branch enters a state whose tool is risk high or
 * critical and has no `limit`: nothing bounds what the agent may do on its own.
 */
import type { Diagnostic, Rule } from '../types';
import { autoToolSteps } from './auto-tools';

export const autoIntoRiskyToolWithoutLimit: Rule = {
  code: 'auto-into-risky-tool-without-limit',
  summary: 'auto branches into high/critical-risk tools need a tool limit',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const step of autoToolSteps(ctx)) {
      const risk = step.def.risk;
      if (risk !== 'high' && risk !== 'critical') continue;
      if (typeof step.def.limit === 'string' && step.def.limit.trim() !== '') continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `Auto branch ${ctx.describe(step.transition)} enters "${step.state.key}", which calls tool "${step.tool}" (risk ${risk}) without a limit: add a CEL "limit" to the tool or lower the branch to "suggest"`,
        path: [...step.transition.path, 'meta', 'tier'],
        // a root branch is in no state and not on the canvas
        ...(step.transition.source ? { stateKey: step.transition.source, transitionId: step.transition.id } : {}),
      });
    }
    return out;
  },
};
