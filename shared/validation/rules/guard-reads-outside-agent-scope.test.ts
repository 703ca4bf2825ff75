import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { cel, toolGraph } from './fixtures';
import { guardReadsOutsideAgentScope, inScope } from './guard-reads-outside-agent-scope';

describe('guard-reads-outside-agent-scope', () => {
  it("reports a guard field outside the agent's reads", () => {
    const doc = toolGraph();
    (doc.machine.states!.triage!.always as Array<{ guard?: unknown }>)[0]!.guard = cel(
      'amount <= 100.0 && customer.tier == "gold"',
    );
    const [d] = runRule(guardReadsOutsideAgentScope, doc);
    expect(d).toMatchObject({
      severity: 'error',
      transitionId: 'triage|always||0',
      path: ['machine', 'states', 'triage', 'always', 0, 'guard', 'params', 'expr'],
    });
    expect(d!.message).toContain('"customer.tier"');
  });

  it('a cel.bind local and the cel namespace are not reads (the agent reads only amount)', () => {
    const doc = toolGraph();
    (doc.machine.states!.triage!.always as Array<{ guard?: unknown }>)[0]!.guard = cel(
      'cel.bind(v, amount, v > 1.0 && v <= 100.0)',
    );
    expect(runRule(guardReadsOutsideAgentScope, doc)).toEqual([]);
  });

  it('passes reads in scope; a root covers its fields', () => {
    expect(runRule(guardReadsOutsideAgentScope, toolGraph())).toEqual([]);
    expect(inScope('customer.tier', ['customer'])).toBe(true);
    expect(inScope('customer', ['customer.tier'])).toBe(false);
    expect(inScope('customerTier', ['customer'])).toBe(false);
  });
});
