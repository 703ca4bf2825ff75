/**
 * The stepper's own decisions (stepper.ts): what it writes for a pass-through, a routed auto step,
 * a final or stuck state; when it stops (final states at any depth, `maxSteps`, no way out, an
 * abstaining agent); kill switches; and what forgetFinishedCases drops. Expected records are
 * written out from the runner contract (runner.ts header, runnerTypes.ts, DESIGN.md "Effective tier").
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import { compileGraph } from '../replay/compile';
import { CaseEvaluator } from '../replay/evaluate';
import { AuditLog, memoryAuditSink } from './audit';
import type { CaseRun, RunnerCore } from './caseRun';
import { createCaseRecorder } from './caseRun';
import type { CaseTools } from './caseTools';
import { ManualClock } from './clock';
import { KillSwitches } from './guardrails';
import { buildRunnerMachine } from './machine';
import { createStepper } from './stepper';
import { c1, c3, c4, refundGraph, small, testRunner } from './testGraph';

const ops = { role: 'payments-ops', by: 'ann' };
const withMachine = (machine: unknown): GraphDoc => ({ ...refundGraph(), machine }) as GraphDoc;
const cel = (expr: string) => ({ type: 'cel', params: { expr } });

const setup = testRunner;

/** a → b → c → d → end, every step a single unguarded untiered `always` (a pass-through). */
const chain = withMachine({
  id: 'm',
  initial: 'a',
  states: {
    a: { always: { target: 'b' } },
    b: { always: { target: 'c' } },
    c: { always: { target: 'd' } },
    d: { always: { target: 'end' } },
    end: { type: 'final' },
  },
});

/** A final state inside a compound one: the case ends there although the machine as a whole is not done. */
const nestedFinal = withMachine({
  id: 'm',
  initial: 'p',
  states: { p: { initial: 'x', states: { x: { always: { target: 'y' } }, y: { type: 'final' } } } },
});

describe('records the stepper writes', () => {
  it('an auto branch without a tool is routed by the agent (or the runner when the state has none)', async () => {
    const graph = withMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: {
          meta: { agent: 'refund-agent' },
          always: [{ target: 'b', guard: cel('amount > 10.0'), meta: { tier: 'auto' } }],
        },
        b: { always: [{ target: 'end', meta: { tier: 'auto' } }] },
        end: { type: 'final' },
      },
    });
    const { runner, records } = setup(graph);
    const status = await runner.startCase({ caseId: 'r', attributes: { amount: 50 } });
    expect(status).toStrictEqual({
      caseId: 'r',
      state: 'end',
      status: 'done',
      waitingOn: null,
      path: ['a', 'b', 'end'],
    });
    const [start, first, second, final] = records('r');
    expect(start!.decision).toBe('start');
    expect(first).toMatchObject({
      decision: 'route',
      actor: 'agent:refund-agent',
      state: 'a',
      tier: 'auto',
      reasons: [{ kind: 'branch', tier: 'auto', from: 'transition' }],
      inputs: { amount: 50 },
      target: { state: 'b', activity: 'b' },
    });
    expect(second).toMatchObject({
      decision: 'route',
      actor: 'runner',
      state: 'b',
      tier: 'auto',
      inputs: {},
      target: { state: 'end', activity: 'end' },
    });
    expect(final).toMatchObject({ decision: 'final', actor: 'runner', state: 'end' });
    expect(records('r')).toHaveLength(4);
  });

  it('a pass-through is recorded as "pass" by the runner, with the default human branch as its reason', async () => {
    const { runner, records } = setup();
    await runner.startCase(c1);
    const pass = records('c1').find((r) => r.decision === 'pass')!;
    expect(pass).toMatchObject({
      actor: 'runner',
      state: 'refund',
      tier: null,
      inputs: {},
      reasons: [{ kind: 'branch', tier: 'human', from: 'default' }],
      target: { state: 'done', activity: 'done' },
    });
    expect(records('c1').at(-1)).toMatchObject({ decision: 'final', actor: 'runner', state: 'done' });
  });

  it('a done case has no reason', async () => {
    const { runner } = setup();
    const status = await runner.startCase(c1);
    expect(status.status).toBe('done');
    expect(Object.keys(status)).not.toContain('reason');
  });

  it('an agent-less auto step calls its tool as "runner", with every attribute as params', async () => {
    const graph = withMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: { always: { target: 'pay', meta: { tier: 'auto' } } },
        pay: { meta: { tool: 'issueRefund' }, always: { target: 'end' } },
        end: { type: 'final' },
      },
    });
    const { runner, calls } = setup(graph);
    expect(await runner.startCase({ caseId: 'n', attributes: { amount: 20, fraudScore: 0.05 } })).toMatchObject({
      status: 'done',
      path: ['a', 'pay', 'end'],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.ctx.actor).toBe('runner');
    expect(calls[0]!.params).toEqual({ caseId: 'n', amount: 20, fraudScore: 0.05 });
  });
});

describe('where a case stops', () => {
  it('a case that starts in a final state is done at once', async () => {
    const { runner, decisions } = setup(withMachine({ id: 'm', initial: 'end', states: { end: { type: 'final' } } }));
    expect((await runner.startCase({ caseId: 'f', attributes: {} })).status).toBe('done');
    expect(decisions('f')).toEqual(['start', 'final']);
  });

  it('a final state inside a compound state ends the case', async () => {
    const { runner, decisions } = setup(nestedFinal);
    expect(await runner.startCase({ caseId: 'n', attributes: {} })).toMatchObject({
      status: 'done',
      state: 'p.y',
      path: ['p.x', 'p.y'],
    });
    expect(decisions('n')).toEqual(['start', 'pass', 'final']);
  });

  it('maxSteps: the steps allowed are taken, the next one makes the case stuck', async () => {
    const two = setup(chain, { maxSteps: 2 });
    const status = await two.runner.startCase({ caseId: 's', attributes: {} });
    expect(status).toStrictEqual({
      caseId: 's',
      state: 'c',
      status: 'stuck',
      waitingOn: null,
      path: ['a', 'b', 'c'],
      reason: 'more than 2 steps',
    });
    expect(two.decisions('s')).toEqual(['start', 'pass', 'pass', 'stuck']);
    expect(two.records('s').at(-1)).toMatchObject({
      actor: 'runner',
      state: 'c',
      result: { reason: 'more than 2 steps' },
    });
    // four steps reach the final state: a limit of 4 is enough
    const four = setup(chain, { maxSteps: 4 });
    expect(await four.runner.startCase({ caseId: 's', attributes: {} })).toMatchObject({
      status: 'done',
      path: ['a', 'b', 'c', 'd', 'end'],
    });
  });

  it('a state with no way out (not final, no branch) makes the case stuck, not waiting on people', async () => {
    const graph = withMachine({ id: 'm', initial: 'a', states: { a: { always: { target: 'dead' } }, dead: {} } });
    const { runner, decisions, records } = setup(graph);
    expect(await runner.startCase({ caseId: 'd', attributes: {} })).toStrictEqual({
      caseId: 'd',
      state: 'dead',
      status: 'stuck',
      waitingOn: null,
      path: ['a', 'dead'],
      reason: 'no way out of this state',
    });
    expect(decisions('d')).toEqual(['start', 'pass', 'stuck']);
    expect(records('d').at(-1)).toMatchObject({ actor: 'runner', result: { reason: 'no way out of this state' } });
    expect(runner.approvals.pending()).toEqual([]);
  });

  it('an abstaining agent (no guard holds) hands the step to a human, saying so', async () => {
    const graph = withMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: {
          meta: { agent: 'refund-agent', owner: 'payments-ops' },
          always: [{ target: 'b', guard: cel('amount > 100.0'), meta: { tier: 'auto' } }],
        },
        b: { type: 'final' },
      },
    });
    const { runner, decisions } = setup(graph);
    const s = await runner.startCase({ caseId: 'x', attributes: { amount: 5 } });
    expect(s).toMatchObject({ status: 'waiting', state: 'a' });
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item).toMatchObject({ kind: 'human', tier: 'human', proposal: null, roles: ['payments-ops'] });
    expect(item.reasons).toEqual([
      { kind: 'branch', tier: 'human', from: 'default' },
      { kind: 'abstain', tier: 'human' },
    ]);
    expect(decisions('x')).toEqual(['start', 'handoff']);
    expect(await runner.decide(item.id, ops, 'a|always||0')).toMatchObject({ status: 'done', path: ['a', 'b'] });
  });

  it("a suggest step waits with the plan's reasons only", async () => {
    const { runner } = setup();
    const s = await runner.startCase(c3);
    expect(runner.approvals.get(s.waitingOn!)!.reasons).toEqual([
      { kind: 'branch', tier: 'suggest', from: 'transition' },
    ]);
  });
});

describe('kill switches', () => {
  it("lower an auto step to suggest, with the kill-switch reason after the plan's", async () => {
    const { runner } = setup();
    runner.killSwitches.pauseAgent('refund-agent');
    const s = await runner.startCase(small('a'));
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item.kind).toBe('suggest');
    expect(item.reasons).toEqual([
      { kind: 'branch', tier: 'auto', from: 'transition' },
      { kind: 'kill-switch', target: 'agent:refund-agent', tier: 'suggest' },
    ]);
  });

  it('leave a human step human, without a kill-switch reason (suggest would raise it)', async () => {
    const { runner } = setup();
    runner.killSwitches.pauseAgent('refund-agent');
    const s = await runner.startCase(c4);
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item.kind).toBe('human');
    expect(item.reasons).toEqual([{ kind: 'branch', tier: 'human', from: 'transition' }]);
  });
});

describe('forgetFinishedCases', () => {
  it('drops a done case with its rollback actions: rollback no longer sees it', async () => {
    const { runner, calls } = setup(refundGraph(), { forgetFinishedCases: true });
    expect((await runner.startCase(small('a'))).status).toBe('done');
    expect(calls).toHaveLength(1);
    expect(await runner.rollback({ agent: 'refund-agent' }, 5, ops)).toEqual([]);
    expect(calls).toHaveLength(1); // no undo call
  });

  it('drops a stuck case too', async () => {
    const { runner } = setup(chain, { maxSteps: 1, forgetFinishedCases: true });
    expect((await runner.startCase({ caseId: 's', attributes: {} })).status).toBe('stuck');
    expect(runner.getCase('s')).toBeUndefined();
  });

  it("stops the finished case's actor and removes its entries from the case tables", async () => {
    const g = compileGraph(nestedFinal);
    const core = {
      graph: nestedFinal,
      g,
      config: {
        environment: 'staging',
        rollout: 'autonomy',
        shadow: false,
        graph: { name: g.name, version: g.version },
      },
      audit: new AuditLog(memoryAuditSink(), new ManualClock()),
      machine: buildRunnerMachine(g),
      evaluator: new CaseEvaluator(g, 'autonomy'),
      kill: new KillSwitches(),
      maxSteps: 1000,
      forgetFinishedCases: true,
      cases: new Map<string, CaseRun>(),
      actions: new Map(),
    } as unknown as RunnerCore;
    const noTools = {} as CaseTools;
    const stepper = createStepper(core, createCaseRecorder(core), noTools, () =>
      Promise.reject(new Error('no hand-off expected')),
    );
    const actor = createActor(core.machine, { input: { caseId: 'n', vars: {} } }).start();
    const c: CaseRun = {
      input: { caseId: 'n', attributes: {} },
      vars: {},
      actor,
      visits: new Map(),
      status: { caseId: 'n', state: 'p.x', status: 'waiting', waitingOn: null, path: ['p.x'] },
    };
    core.cases.set('n', c);
    core.actions.set('n', []);
    expect(await stepper.advance(c)).toMatchObject({ status: 'done', state: 'p.y' });
    // a final state inside a compound one: XState's machine is not done, so only stop() ends the actor
    expect(actor.getSnapshot().status).toBe('stopped');
    expect(core.cases.has('n')).toBe(false);
    expect(core.actions.has('n')).toBe(false);
  });
});
