/**
 * The runner's case bookkeeping (runner.ts, caseTools.ts): starting cases (checks, the start
 * record), the params an agent may see, idempotency keys per visit, approved calls tied to their
 * item, and rollback over several cases (newest action first, by audit sequence, under the decider).
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { c1, refundGraph, small, testRunner } from './testGraph';

const ops = { role: 'payments-ops', by: 'ann' };

const setup = testRunner;

/** a (auto) enters pay (tool), then a human at hold sends the case round again or ends it. */
const loop: GraphDoc = {
  ...refundGraph(),
  machine: {
    id: 'm',
    initial: 'a',
    states: {
      a: { meta: { agent: 'refund-agent' }, always: { target: 'pay', meta: { tier: 'auto' } } },
      pay: { meta: { tool: 'issueRefund' }, always: { target: 'hold' } },
      hold: { meta: { owner: 'payments-ops' }, on: { AGAIN: 'a', DONE: 'end' } },
      end: { type: 'final' },
    },
  },
};

describe('startCase', () => {
  it('needs a non-empty string caseId', async () => {
    const { runner } = setup();
    for (const bad of [undefined, { attributes: {} }, { caseId: '', attributes: {} }, { caseId: 7, attributes: {} }])
      await expect(runner.startCase(bad as never)).rejects.toThrow('startCase: a case needs a caseId');
  });

  it('refuses a caseId already started', async () => {
    const { runner } = setup();
    await runner.startCase(c1);
    await expect(runner.startCase(c1)).rejects.toThrow('startCase: case c1 was already started');
  });

  it('writes the start record: by the runner, with the attributes, the mode and the start state', async () => {
    const { runner, records } = setup();
    await runner.startCase(c1);
    expect(records('c1')[0]).toMatchObject({
      decision: 'start',
      actor: 'runner',
      state: 'triage',
      inputs: { amount: 40, fraudScore: 0.1, customerTier: 'gold' },
      result: { mode: 'execute' },
      target: { state: 'triage', activity: 'Triage request' },
    });
    const shadow = setup(refundGraph(), { shadow: true });
    await shadow.runner.startCase(c1);
    expect(shadow.records('c1')[0]!.result).toEqual({ mode: 'shadow' });
  });

  it('config names the graph and its version', () => {
    const { runner } = setup();
    expect(runner.config.graph).toEqual({ name: 'Refund requests', version: 3 });
    expect(Object.isFrozen(runner.config.graph)).toBe(true);
  });
});

describe("the agent's params", () => {
  it('are only the declared reads the case has (no key for a missing one)', async () => {
    const { runner, calls } = setup();
    await runner.startCase({ caseId: 'm', attributes: { amount: 20, customerTier: 'gold' } });
    expect(calls).toHaveLength(0); // fraudScore missing: the auto guard cannot hold, so no call
    const loopRun = setup(loop);
    await loopRun.runner.startCase({ caseId: 'm', attributes: { amount: 20, customerTier: 'gold' } });
    expect(loopRun.calls).toHaveLength(1);
    expect(loopRun.calls[0]!.params).toStrictEqual({ caseId: 'm', amount: 20 });
  });

  it('are all attributes for an agent the graph does not declare, or a graph with no agents', async () => {
    const undeclared: GraphDoc = {
      ...loop,
      machine: {
        ...loop.machine,
        states: {
          ...loop.machine.states!,
          a: { meta: { agent: 'ghost' }, always: { target: 'pay', meta: { tier: 'auto' } } },
        },
      },
    };
    const noAgents: Partial<GraphDoc> = { ...loop };
    delete noAgents.agents;
    const attributes = { amount: 20, fraudScore: 0.05, customerTier: 'gold' };
    for (const graph of [undeclared, noAgents as GraphDoc]) {
      const { runner, calls } = setup(graph);
      await runner.startCase({ caseId: 'g', attributes });
      expect(calls.map((c) => c.params)).toEqual([{ caseId: 'g', ...attributes }]);
    }
  });
});

describe('visits, items and rollback', () => {
  it('a later visit of a state gets a new idempotency key; rollback undoes the newest action of all cases first', async () => {
    const { runner, calls, records } = setup(loop);
    const x = await runner.startCase(small('x')); // action 1: x at a, visit 1
    await runner.startCase(small('y')); // action 2: y at a, visit 1
    const again = await runner.decide(x.waitingOn!, ops, 'hold|on|AGAIN|0'); // action 3: x at a, visit 2
    expect(again).toMatchObject({ status: 'waiting', state: 'hold', path: ['a', 'pay', 'hold', 'a', 'pay', 'hold'] });
    expect(calls.map((c) => c.ctx.idempotencyKey)).toEqual(['x:a:1', 'y:a:1', 'x:a:2']);
    calls.length = 0;
    expect(await runner.rollback({ agent: 'refund-agent' }, 2, ops)).toEqual([
      { caseId: 'x', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true },
      { caseId: 'y', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true },
    ]);
    expect(calls.map((c) => c.ctx.idempotencyKey)).toEqual(['undo:x:a:2', 'undo:y:a:1']);
    expect(calls.map((c) => c.ctx.actor)).toEqual(['payments-ops:ann', 'payments-ops:ann']);
    expect(
      records('x')
        .filter((r) => r.decision === 'undo')
        .map((r) => r.actor),
    ).toEqual(['payments-ops:ann']);
    // without a decider the runner is the actor
    await runner.rollback({ caseId: 'x' }, 1);
    expect(
      records('x')
        .filter((r) => r.decision === 'undo')
        .map((r) => r.actor),
    ).toEqual(['payments-ops:ann', 'runner']);
  });

  it('an approved call is recorded with the item it executes', async () => {
    const { runner, records } = setup(refundGraph({ rollout: 'assist' }));
    const s = await runner.startCase(c1);
    await runner.approve(s.waitingOn!, ops);
    const call = records('c1').find((r) => r.decision === 'call')!;
    expect(call).toMatchObject({ item: s.waitingOn, actor: 'payments-ops:ann', tool: 'issueRefund' });
  });
});
