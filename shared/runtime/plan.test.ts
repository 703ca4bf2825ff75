/**
 * planStep, metaUp and toolOf (plan.ts) on small graphs: which inputs a step records (the guards
 * the agent evaluated up to its choice, plus guardrails and tool limits), what counts as a
 * pass-through (runner.ts: "a single unguarded, untiered `always` branch into a state without a
 * tool"), and how agent/owner/tool metadata is looked up. Expected values are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { toCelVars } from '../expr/cel';
import type { GraphDoc } from '../model/types';
import { compileGraph, type CompiledGraph } from '../replay/compile';
import { CaseEvaluator } from '../replay/evaluate';
import { metaUp, planStep, toolOf } from './plan';
import { refundGraph } from './testGraph';

const withMachine = (machine: unknown): GraphDoc => ({ ...refundGraph(), machine }) as GraphDoc;
const cel = (expr: string) => ({ type: 'cel', params: { expr } });

function planner(graph: GraphDoc) {
  const g = compileGraph(graph);
  const ev = new CaseEvaluator(g, 'autonomy');
  return {
    g,
    plan: (state: string, choice: string | null, attributes: Record<string, string | number> = {}) => {
      ev.begin(toCelVars(attributes, g.schema));
      return planStep(g, ev, g.stateIds.get(state)!, choice, attributes);
    },
  };
}

const transition = (g: CompiledGraph, id: string) => g.transitions[g.transitionIds.get(id)!]!;

describe('planStep: the inputs of a step', () => {
  const graph = withMachine({
    id: 'm',
    initial: 'a',
    states: {
      a: {
        always: [
          { target: 'end', guard: cel('amount > 1000.0') },
          { target: 'end', guard: cel('fraudScore < 0.5') },
          { target: 'end', guard: cel('customerTier == "gold"') },
          { target: 'end' },
        ],
      },
      end: { type: 'final' },
    },
  });
  const attrs = { amount: 40, fraudScore: 0.1 };

  it("are the fields read by the guards up to and including the agent's choice", () => {
    const { plan } = planner(graph);
    expect(plan('a', 'a|always||0', attrs).inputs).toEqual({ amount: 40 });
    expect(plan('a', 'a|always||1', attrs).inputs).toEqual({ amount: 40, fraudScore: 0.1 });
  });

  it("are every guard's fields when the agent abstains or takes the unguarded last branch (a missing field is null)", () => {
    const { plan } = planner(graph);
    const all = { amount: 40, fraudScore: 0.1, customerTier: null };
    expect(plan('a', null, attrs).inputs).toEqual(all);
    expect(plan('a', 'a|always||3', attrs).inputs).toEqual(all);
  });

  it("include the fields of state and branch guardrails and of the entered tool's limit", () => {
    const g = withMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: {
          meta: { guardrails: [{ when: 'customerTier == "bronze"', downgradeTo: 'suggest' }] },
          always: [
            {
              target: 'pay',
              meta: { tier: 'auto', guardrails: [{ when: 'fraudScore > 0.9', downgradeTo: 'human' }] },
            },
          ],
        },
        pay: { meta: { tool: 'issueRefund' }, always: { target: 'end' } }, // limit: amount <= 500.0
        end: { type: 'final' },
      },
    });
    const p = planner(g).plan('a', 'a|always||0', { amount: 40, fraudScore: 0.1, customerTier: 'gold' });
    expect(p.inputs).toEqual({ customerTier: 'gold', fraudScore: 0.1, amount: 40 });
    expect(p).toMatchObject({ tier: 'auto', tool: 'issueRefund', passThrough: false });
    // abstaining, only the state's own guardrail is read
    expect(planner(g).plan('a', null, { customerTier: 'gold' }).inputs).toEqual({ customerTier: 'gold' });
  });

  it('skip a guard that is not CEL (it reads nothing)', () => {
    const g = withMachine({
      id: 'm',
      initial: 'a',
      states: { a: { always: [{ target: 'end', guard: 'isVip' }, { target: 'end' }] }, end: { type: 'final' } },
    });
    expect(planner(g).plan('a', 'a|always||1', attrs).inputs).toEqual({});
  });
});

describe('planStep: the branch', () => {
  const graph = withMachine({
    id: 'm',
    initial: 'a',
    states: {
      a: { meta: { tier: 'suggest' }, always: [{ target: 'b', guard: cel('amount > 1.0') }, { target: 'end' }] },
      b: { type: 'final' },
      end: { type: 'final' },
    },
  });

  it("an abstaining agent (null) or an unknown branch id plans no transition, at the state's default tier", () => {
    const { plan } = planner(graph);
    for (const choice of [null, 'nope|always||9']) {
      const p = plan('a', choice, { amount: 5 });
      expect(p.transition).toBeNull();
      expect(p.tool).toBeNull();
      expect(p.passThrough).toBe(false);
      expect(p.tier).toBe('suggest');
      expect(p.reasons).toEqual([{ kind: 'branch', tier: 'suggest', from: 'state' }]);
    }
  });

  it('a chosen branch is planned with its target among the options', () => {
    const p = planner(graph).plan('a', 'a|always||1', { amount: 5 });
    expect(p.transition!.id).toBe('a|always||1');
    expect(p).toMatchObject({ state: 'a', goal: 'a', tier: 'suggest', agent: null, tool: null });
    expect(p.options.map((o) => [o.transitionId, o.target])).toEqual([
      ['a|always||0', 'b'],
      ['a|always||1', 'end'],
    ]);
  });
});

describe('planStep: pass-through', () => {
  const graph = withMachine({
    id: 'm',
    initial: 'pt',
    states: {
      pt: { always: { target: 'end' } },
      two: { always: [{ target: 'end', guard: cel('amount > 1000.0') }, { target: 'end' }] },
      ev: { on: { GO: 'end' } },
      gd: { always: [{ target: 'end', guard: cel('amount > 1.0') }] },
      ot: { always: [{ target: 'end', meta: { tier: 'human' } }] },
      st: { meta: { tier: 'human' }, always: [{ target: 'end' }] },
      tl: { always: [{ target: 'undo' }] },
      undo: { meta: { tool: 'reverseRefund' }, always: { target: 'end' } },
      end: { type: 'final' },
    },
  });
  const { plan } = planner(graph);
  const attrs = { amount: 50 };

  it('is the only, unguarded, untiered always branch into a state without a tool', () => {
    expect(plan('pt', 'pt|always||0', attrs).passThrough).toBe(true);
  });

  it.each([
    ['two', 'two|always||1', 'one of two branches'],
    ['ev', 'ev|on|GO|0', 'an event branch'],
    ['gd', 'gd|always||0', 'a guarded branch'],
    ['ot', 'ot|always||0', 'a branch with its own tier'],
    ['st', 'st|always||0', 'a branch of a state with a tier'],
    ['tl', 'tl|always||0', 'a branch into a tool state'],
  ])('is not %s (%s: %s)', (state, choice) => {
    const p = plan(state, choice, attrs);
    expect(p.transition!.id).toBe(choice);
    expect(p.passThrough).toBe(false);
    expect(p.tier).toBe('human');
  });

  it('is not an abstention at a state with one guarded branch', () => {
    const p = plan('gd', null, { amount: 0 });
    expect(p.passThrough).toBe(false);
    expect(p.transition).toBeNull();
  });
});

describe('metaUp and toolOf', () => {
  const graph = withMachine({
    id: 'm',
    initial: 'p',
    states: {
      p: {
        meta: { agent: 'refund-agent', owner: 'payments-ops' },
        initial: 'num',
        states: {
          num: { meta: { agent: 42 }, always: [{ target: '#m.t42' }, { target: '#m.q' }, { target: '#m.r' }] },
          empty: { meta: { agent: '', owner: '' } },
          plain: {},
          own: { meta: { agent: 'other-agent' } },
        },
      },
      t42: { meta: { tool: 42 } },
      q: { meta: { tool: '' }, initial: 'i', states: { i: { meta: { tool: 'issueRefund' } } } },
      r: { meta: { tool: 'reverseRefund' }, initial: 'i', states: { i: { meta: { tool: 'issueRefund' } } } },
    },
  });
  const g = compileGraph(graph);

  it('metaUp takes the nearest non-empty string, going up past other values', () => {
    expect(metaUp(g, 'p.num', 'agent')).toBe('refund-agent');
    expect(metaUp(g, 'p.empty', 'agent')).toBe('refund-agent');
    expect(metaUp(g, 'p.empty', 'owner')).toBe('payments-ops');
    expect(metaUp(g, 'p.plain', 'agent')).toBe('refund-agent');
    expect(metaUp(g, 'p.own', 'agent')).toBe('other-agent');
    expect(metaUp(g, 't42', 'agent')).toBeNull();
    expect(metaUp(g, 'no.such.state', 'owner')).toBeNull();
  });

  it("toolOf: the declared target's non-empty string tool, else its initial leaf's, else none", () => {
    expect(toolOf(g, transition(g, 'p.num|always||0'))).toBeNull(); // a number is not a tool name
    expect(toolOf(g, transition(g, 'p.num|always||1'))).toBe('issueRefund'); // '' on q: its leaf's
    expect(toolOf(g, transition(g, 'p.num|always||2'))).toBe('reverseRefund'); // the declared target first
    expect(toolOf(g, { ...transition(g, 'p.num|always||2'), id: 'p.num|always||7' })).toBeNull(); // not a branch of the graph
  });
});
