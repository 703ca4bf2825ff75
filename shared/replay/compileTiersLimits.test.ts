// Which tier a branch is marked with and which tool limits its entry checks, on small hand-built
// graphs whose expected values are read off the document by hand (DESIGN "Effective tier").
import { describe, expect, it } from 'vitest';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { cel, graph, kase } from './testGraphs';

describe('marked tier of a branch', () => {
  // a (tier suggest): GO has no tier of its own → inherits suggest; SKIP says auto → auto.
  // b (no tier): NEXT has none → human.
  const doc = graph({
    initial: 'a',
    states: {
      a: { meta: { activity: 'A', tier: 'suggest' }, on: { GO: 'b', SKIP: { target: 'z', meta: { tier: 'auto' } } } },
      b: { meta: { activity: 'B' }, on: { NEXT: 'z' } },
      z: { type: 'final', meta: { activity: 'Z' } },
    },
  });

  it("is its own meta.tier, else its source state's, else human — in the compiled graph and the report", async () => {
    const g = compileGraph(doc);
    const marked = Object.fromEntries(g.transitions.map((t) => [t.id, t.markedTier]));
    expect(marked).toEqual({ 'a|on|GO|0': 'suggest', 'a|on|SKIP|1': 'auto', 'b|on|NEXT|0': 'human' });
    const r = await simulate(doc, [kase('1', {}, ['A', 'B', 'Z'])]);
    expect(r.perTransition['a|on|GO|0']!.markedTier).toBe('suggest');
    expect(r.perTransition['a|on|SKIP|1']!.markedTier).toBe('auto');
    expect(r.perTransition['b|on|NEXT|0']!.markedTier).toBe('human');
  });

  it('a machine-root transition without a tier inherits the machine meta.tier', () => {
    const rooted = graph({
      initial: 'a',
      meta: { tier: 'suggest' },
      on: { STOP: '.z' },
      states: { a: { meta: { activity: 'A' } }, z: { type: 'final', meta: { activity: 'Z' } } },
    });
    const g = compileGraph(rooted);
    expect(g.transitions.map((t) => [t.id, t.markedTier])).toEqual([['|on|STOP|0', 'suggest']]);
  });
});

describe('tool limits checked on entry', () => {
  // start → review (compound, initial: prepare (compound, initial: pay)). pay carries the payout tool;
  // entering review enters prepare and pay too, so the payout limit applies to start's branch.
  const tools = { payout: { limit: 'amount <= 50.0' }, audit: { limit: 'risk < 0.5' } };
  const doc = graph(
    {
      initial: 'start',
      states: {
        start: {
          meta: { activity: 'Receive' },
          always: { target: 'review', guard: cel('amount > 0.0'), meta: { tier: 'auto' } },
        },
        review: {
          initial: 'prepare',
          meta: { tool: 'audit' },
          states: {
            prepare: {
              initial: 'pay',
              states: { pay: { meta: { activity: 'Pay', tool: 'payout' }, always: '#done' } },
            },
          },
        },
        done: { id: 'done', type: 'final', meta: { activity: 'Done' } },
      },
    },
    { tools },
  );

  it('include the target and its initial descendants: the leaf reached through two initials', () => {
    const g = compileGraph(doc);
    const start = g.transitions.find((t) => t.source === 'start')!;
    expect(start.limits.map((l) => [l.state, l.tool])).toEqual([
      ['review', 'audit'],
      ['review.prepare.pay', 'payout'],
    ]);
    // amount 80 > 50: the payout limit on the initial leaf fails → human, a trip, the limit named
    const over = replayCase(g, kase('o', { amount: 80, risk: 0 }, ['Receive', 'Pay', 'Done']));
    expect(over.steps[0]).toMatchObject({ tier: 'human', allowed: 'auto', tripped: true });
    expect(over.steps[0]!.reasons.at(-1)).toEqual({
      kind: 'limit',
      tool: 'payout',
      limit: 'amount <= 50.0',
      tier: 'human',
    });
    const under = replayCase(g, kase('u', { amount: 20, risk: 0 }, ['Receive', 'Pay', 'Done']));
    expect(under.steps[0]).toMatchObject({ tier: 'auto', tripped: false });
  });

  it("include the target's newly entered ancestors but not the ones already active", () => {
    // a sibling move (pay → check, both inside outer) does not re-enter outer
    const nested = graph(
      {
        initial: 'outer',
        states: {
          outer: {
            initial: 'pay',
            meta: { tool: 'audit' },
            states: {
              pay: { meta: { activity: 'Pay' }, on: { NEXT: { target: 'check', meta: { tier: 'auto' } } } },
              check: { meta: { activity: 'Check', tool: 'payout' }, on: { OUT: '#fin' } },
            },
          },
          fin: { id: 'fin', type: 'final', meta: { activity: 'Fin' } },
        },
      },
      { tools },
    );
    const g = compileGraph(nested);
    const next = g.transitions.find((t) => t.id === 'outer.pay|on|NEXT|0')!;
    expect(next.limits.map((l) => l.state)).toEqual(['outer.check']);
    // risk 0.9 would fail the audit limit of outer — but outer is already active, so no trip
    const t = replayCase(g, kase('n', { amount: 10, risk: 0.9 }, ['Pay', 'Check', 'Fin']));
    expect(t.steps[0]).toMatchObject({ state: 'outer.pay', tier: 'auto', tripped: false });
  });
});
