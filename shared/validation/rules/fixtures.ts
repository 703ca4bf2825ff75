/** Shared fixtures for the tool/agent/CEL rule tests: a refund-like graph to vary per test. */
import type { GraphDoc } from '../../model/types';
import { docWith } from '../testing';

export const cel = (expr: string) => ({ type: 'cel' as const, params: { expr } });

/** triage --auto--> pay (tool issueRefund) → done; triage --human--> done. Valid as given. */
export function toolGraph(): GraphDoc {
  return docWith(
    {
      id: 'r',
      initial: 'triage',
      states: {
        triage: {
          meta: { agent: 'agent' },
          always: [
            { target: 'pay', guard: cel('amount <= 100.0'), meta: { tier: 'auto' } },
            { target: 'done', meta: { tier: 'human' } },
          ],
        },
        pay: { meta: { tool: 'issueRefund', agent: 'agent' }, always: { target: 'done' } },
        done: { type: 'final' },
      },
    },
    {
      caseSchema: { amount: { type: 'number', source: 'billing' }, 'customer.tier': { type: 'string', source: 'crm' } },
      agents: { agent: { owner: 'ops', reads: ['amount'], tools: ['issueRefund'] } },
      tools: {
        issueRefund: { risk: 'high', reversible: true, undo: 'reverseRefund', limit: 'amount <= 500.0' },
        reverseRefund: { risk: 'medium', reversible: false },
      },
    },
  );
}
