import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { toCelVars } from '../expr/cel';
import type { GraphDoc } from '../model/types';
import { compileGraph } from '../replay/compile';
import { CaseEvaluator } from '../replay/evaluate';
import refund from '../../samples/refund.sop.json';
import tickets from '../../samples/ticket-routing.sop.json';
import { memoryAuditSink } from './audit';
import { ManualClock } from './clock';
import { agentChoice, buildRunnerMachine, leafKey } from './machine';
import { createRunner } from './runner';
import { refundGraph } from './testGraph';

/** A compound state with an inner guarded choice and a parent-level escape hatch. */
const nested: GraphDoc = {
  ...refundGraph(),
  machine: {
    id: 'nested',
    initial: 'review',
    states: {
      review: {
        initial: 'collect',
        meta: { agent: 'refund-agent', owner: 'payments-ops' },
        on: { ESCALATE: { target: 'escalated', meta: { tier: 'auto' } } },
        states: {
          collect: {
            always: [
              { target: 'decide', guard: { type: 'cel', params: { expr: 'amount > 10.0' } }, meta: { tier: 'auto' } },
            ],
          },
          decide: {
            always: [
              {
                target: '#nested.done',
                guard: { type: 'cel', params: { expr: 'fraudScore < 0.5' } },
                meta: { tier: 'auto' },
              },
            ],
          },
        },
      },
      escalated: { always: { target: 'done' } },
      done: { type: 'final' },
    },
  },
};

describe('runner machine', () => {
  it("the agent's choice is XState's own selection, and equals the simulator's at every state", () => {
    for (const graph of [refund as unknown as GraphDoc, tickets as unknown as GraphDoc, nested]) {
      const g = compileGraph(graph);
      const machine = buildRunnerMachine(g);
      const ev = new CaseEvaluator(g, 'autonomy');
      const attrs = fc.record({
        amount: fc.double({ min: 0, max: 1000, noNaN: true }),
        fraudScore: fc.double({ min: 0, max: 1, noNaN: true }),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        category: fc.constantFrom('billing', 'technical', 'other'),
        priority: fc.integer({ min: 1, max: 4 }),
        sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
      });
      fc.assert(
        fc.property(attrs, (a) => {
          const vars = toCelVars(a, g.schema);
          ev.begin(vars);
          const actor = createActor(machine, { input: { caseId: 'p', vars } }).start();
          // walk the agent's path, comparing at every state on it
          for (let step = 0; step < 8 && actor.getSnapshot().status !== 'done'; step++) {
            const sid = g.stateIds.get(leafKey(actor.getSnapshot().value))!;
            if (g.states[sid]!.final) break;
            const expected = ev.agent(sid);
            const choice = agentChoice(machine, actor.getSnapshot() as never);
            expect(choice).toBe(expected >= 0 ? g.transitions[expected]!.id : null);
            if (!choice) break;
            actor.send({ type: 'sop.step', transitionId: choice });
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('runs a compound state: inner branches, then the final state outside', async () => {
    const runner = createRunner(nested, {
      tools: {},
      audit: memoryAuditSink(),
      clock: new ManualClock(),
      environment: 'staging',
    });
    expect(await runner.startCase({ caseId: 'n1', attributes: { amount: 50, fraudScore: 0.1 } })).toMatchObject({
      status: 'done',
      path: ['review.collect', 'review.decide', 'done'],
    });
    // inner guard fails: the parent's ESCALATE branch is the agent's choice (innermost first, then ancestors)
    expect(await runner.startCase({ caseId: 'n2', attributes: { amount: 5, fraudScore: 0.1 } })).toMatchObject({
      status: 'done',
      path: ['review.collect', 'escalated', 'done'],
    });
  });
});
