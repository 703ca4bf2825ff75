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

  type States = Record<string, Record<string, unknown>>;
  const triageGuard = ['machine', 'states', 'triage', 'always', 0, 'guard', 'params', 'expr'];

  it('lists every field read outside and every read of the agent, comma separated', () => {
    const doc = toolGraph();
    doc.caseSchema = { ...doc.caseSchema, fraudScore: { type: 'number', source: 'risk' }, region: { type: 'string' } };
    doc.agents.agent!.reads = ['amount', 'region'];
    (doc.machine.states as States).triage!.always = [
      {
        target: 'pay',
        guard: cel('fraudScore < 0.3 && customer.tier == "gold" && amount > 1.0'),
        meta: { tier: 'auto' },
      },
      { target: 'done', meta: { tier: 'human' } },
    ];
    expect(runRule(guardReadsOutsideAgentScope, doc)).toEqual([
      {
        code: 'guard-reads-outside-agent-scope',
        severity: 'error',
        message:
          'The guard of "triage" → "pay" (always) reads "fraudScore", "customer.tier", outside agent "agent"\'s reads ("amount", "region")',
        path: triageGuard,
        stateKey: 'triage',
        transitionId: 'triage|always||0',
      },
    ]);
  });

  it("checks only guards that compile, out of states with a defined agent; guardrails and limits are not the agent's; a non-string read is none", () => {
    const doc = toolGraph();
    const outside = 'customer.tier == "gold"';
    doc.agents.agent!.reads = ['amount', 5 as never];
    doc.tools.issueRefund!.limit = outside; // evaluated by the orchestration layer
    const states = doc.machine.states as States;
    states.triage!.meta = { agent: 'agent', guardrails: [{ when: outside, downgradeTo: 'human' }] };
    (states.triage!.always as Array<Record<string, unknown>>)[0]!.guard = cel(outside);
    states.check = { on: { GO: { target: 'done', guard: cel(outside) } } }; // no agent
    states.ghosted = { meta: { agent: 'ghost' }, on: { GO: { target: 'done', guard: cel(outside) } } }; // not defined
    states.broken = { meta: { agent: 'agent' }, on: { GO: { target: 'done', guard: cel('customer.tier ==') } } };
    expect(runRule(guardReadsOutsideAgentScope, doc)).toEqual([
      {
        code: 'guard-reads-outside-agent-scope',
        severity: 'error',
        message:
          'The guard of "triage" → "pay" (always) reads "customer.tier", outside agent "agent"\'s reads ("amount")',
        path: triageGuard,
        stateKey: 'triage',
        transitionId: 'triage|always||0',
      },
    ]);
  });
});
