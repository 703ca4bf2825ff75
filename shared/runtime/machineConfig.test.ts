/**
 * The XState config the runner builds (machine.ts) for shapes the refund graph lacks: final and
 * parallel states, the machine root's own branches, targetless and non-CEL transitions. The
 * oracle is XState's documented semantics written out (snapshot values, done status) and
 * DESIGN.md's contract (a guard that cannot be evaluated does not hold).
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { compileGraph } from '../replay/compile';
import { memoryAuditSink } from './audit';
import { ManualClock } from './clock';
import { buildRunnerMachine, leafKey } from './machine';
import { toolOf } from './plan';
import { createRunner } from './runner';
import { fakeTools, refundGraph } from './testGraph';

const ops = { role: 'payments-ops', by: 'ann' };
const withMachine = (machine: unknown): GraphDoc => ({ ...refundGraph(), machine }) as GraphDoc;
const started = (graph: GraphDoc) =>
  createActor(buildRunnerMachine(compileGraph(graph)), { input: { caseId: 'm', vars: {} } })
    .start()
    .getSnapshot();
const runnerFor = (graph: GraphDoc, tools = fakeTools()) =>
  createRunner(graph, {
    tools: tools.tools,
    audit: memoryAuditSink(),
    clock: new ManualClock(),
    environment: 'staging',
  });

describe('runner machine config', () => {
  it('a top-level final state is final for XState: starting in it, the actor is done', () => {
    const snap = started(withMachine({ id: 'm', initial: 'end', states: { end: { type: 'final' } } }));
    expect(snap.status).toBe('done');
    expect(snap.value).toBe('end');
  });

  it('a non-final initial state leaves the actor active', () => {
    const snap = started(withMachine({ id: 'm', initial: 'a', states: { a: {}, end: { type: 'final' } } }));
    expect(snap.status).toBe('active');
  });

  it('a nested parallel state enters all its regions', () => {
    const regions = { r1: { initial: 'a', states: { a: {} } }, r2: { initial: 'b', states: { b: {} } } };
    const snap = started(withMachine({ id: 'm', initial: 'p', states: { p: { type: 'parallel', states: regions } } }));
    expect(snap.value).toEqual({ p: { r1: 'a', r2: 'b' } });
  });

  it('a parallel machine root enters all its regions', () => {
    const regions = { r1: { initial: 'a', states: { a: {} } }, r2: { initial: 'b', states: { b: {} } } };
    expect(started(withMachine({ id: 'm', type: 'parallel', states: regions })).value).toEqual({ r1: 'a', r2: 'b' });
  });

  it('the runner refuses to step a parallel state (leafKey of several regions)', async () => {
    const message = 'the runner does not execute parallel states (they load, draw and export)';
    expect(() => leafKey({ r1: 'a', r2: 'b' })).toThrow(message);
    expect(() => leafKey({})).toThrow(message);
    expect(leafKey({ review: { collect: 'x' } })).toBe('review.collect.x');
    const regions = { r1: { initial: 'a', states: { a: {} } }, r2: { initial: 'b', states: { b: {} } } };
    await expect(
      runnerFor(withMachine({ id: 'm', type: 'parallel', states: regions })).startCase({ caseId: 'p', attributes: {} }),
    ).rejects.toThrow(message);
  });

  it('a targetless transition is not a branch: the machine builds and offers only the real one', async () => {
    const graph = withMachine({
      id: 'm',
      initial: 'a',
      states: { a: { on: { PING: { actions: [] }, GO: 'b' } }, b: { type: 'final' } },
    });
    const runner = runnerFor(graph);
    const s = await runner.startCase({ caseId: 't', attributes: {} });
    expect(runner.approvals.get(s.waitingOn!)!.options.map((o) => o.event)).toEqual(['GO']);
  });

  it('a guard that is not CEL never holds: the agent takes the next branch (DESIGN: it does not hold)', async () => {
    const graph = withMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: {
          always: [
            { target: 'x', guard: 'isVip', meta: { tier: 'auto' } },
            { target: 'y', meta: { tier: 'auto' } },
          ],
        },
        x: { type: 'final' },
        y: { type: 'final' },
      },
    });
    expect(await runnerFor(graph).startCase({ caseId: 'g', attributes: {} })).toMatchObject({
      status: 'done',
      path: ['a', 'y'],
    });
  });
});

describe("the machine root's own branches (XState applies them in every state)", () => {
  const rootGraph = withMachine({
    id: 'm',
    initial: 'a',
    always: [{ target: '.big', guard: { type: 'cel', params: { expr: 'amount > 100.0' } }, meta: { tier: 'auto' } }],
    on: { RESET: { target: '.b' }, PAY: { target: '.refund', meta: { tier: 'auto' } } },
    states: {
      a: { on: { GO: 'c' } },
      b: { type: 'final' },
      c: { type: 'final' },
      big: { type: 'final' },
      refund: { meta: { tool: 'issueRefund' }, always: { target: 'b' } },
    },
  });

  it('the agent chooses a root always branch before the state\'s own "on" branch (T: always before on)', async () => {
    const runner = runnerFor(rootGraph);
    expect(await runner.startCase({ caseId: 'r', attributes: { amount: 500 } })).toMatchObject({
      status: 'done',
      path: ['a', 'big'],
    });
    expect(runner.audit.records.map((r) => r.decision)).toEqual(['start', 'route', 'final']);
  });

  it('a human choosing a root branch moves the case there (the trail and the case agree)', async () => {
    const runner = runnerFor(rootGraph);
    const s = await runner.startCase({ caseId: 'r', attributes: { amount: 5 } });
    // the state's own GO is unguarded and untiered: a human step; the root's branches are options too,
    // in T's order (always before on; the leaf before the root); a root id's last part counts its always first
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item.options.map((o) => o.transitionId)).toEqual(['|always||0', 'a|on|GO|0', '|on|RESET|1', '|on|PAY|2']);
    expect(await runner.decide(item.id, ops, '|on|RESET|1')).toMatchObject({ status: 'done', path: ['a', 'b'] });
    const decide = runner.audit.records.find((r) => r.decision === 'decide')!;
    expect(decide.target).toEqual({ state: 'b', activity: 'b' });
  });

  it('a root branch into a tool state carries that tool', () => {
    const g = compileGraph(rootGraph);
    expect(toolOf(g, g.transitions[g.transitionIds.get('|on|PAY|2')!]!)).toBe('issueRefund');
    expect(toolOf(g, g.transitions[g.transitionIds.get('|on|RESET|1')!]!)).toBeNull();
  });
});
