import { describe, expect, it } from 'vitest';
import { flattenMachine } from '../../../shared/model/flatten';
import { refundGraph } from '../../../shared/runtime/testGraph';
import { buildRunbook } from './runbook';

describe('the run book', () => {
  const doc = refundGraph();
  const book = buildRunbook(doc, flattenMachine(doc.machine));

  it('has a switch for the graph, each agent and each tool, saying what pausing it changes', () => {
    expect(book.switches.map((s) => `${s.scope}:${s.name}`)).toEqual([
      'graph:graph',
      'agent:refund-agent',
      'tool:issueRefund',
      'tool:reverseRefund',
    ]);
    expect(book.switches[1]).toMatchObject({
      owner: 'payments-ops',
      effect:
        'Auto steps in triage, refund become suggestions; its tools (issueRefund) are called only after approval.',
    });
    expect(book.switches[2]!.effect).toBe(
      'No automatic issueRefund call (billing, risk high, undone by reverseRefund); steps entering refund wait for approval.',
    );
    expect(book.switches[3]!.effect).toContain('not reversible');
  });

  it('lists where cases escalate to people and who decides there', () => {
    expect(book.escalations.map((e) => e.state)).toEqual(['triage', 'review']);
    const triage = book.escalations.find((e) => e.state === 'triage')!;
    expect(triage).toEqual({
      state: 'triage',
      activity: 'Triage request',
      decidedBy: 'payments-ops',
      humanBranches: ['always → Manual review'],
    });
    expect(book.escalations.find((e) => e.state === 'review')!.humanBranches).toEqual([
      'APPROVE → Issue refund',
      'DENY → Reject request',
    ]);
  });
});
