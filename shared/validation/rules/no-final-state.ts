/** no-final-state: the machine has no `type: "final"` state, so no case can complete. */
import type { Rule } from '../types';

export const noFinalState: Rule = {
  code: 'no-final-state',
  summary: 'the machine has at least one final state',
  check(ctx) {
    if (ctx.graph.stateOrder.length === 0) {
      return [{ code: this.code, severity: 'error', message: 'The machine has no states', path: ['machine'] }];
    }
    for (const s of ctx.graph.states.values()) if (s.type === 'final') return [];
    return [
      {
        code: this.code,
        severity: 'error',
        message: 'The machine has no final state: no case can complete (mark the end state "type": "final")',
        path: ['machine', 'states'],
      },
    ];
  },
};
