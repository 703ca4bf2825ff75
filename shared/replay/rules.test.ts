/** Every replay rule of DESIGN.md pinned on small hand-made cases. */
import { describe, expect, it } from 'vitest';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { cel, graph, kase, payMachine } from './testGraphs';

const pay = graph(payMachine, { tools: { payout: { limit: 'amount <= 50.0' } } });
const run = (doc = pay, c = kase('x', { amount: 10, risk: 0 }, ['Receive', 'Pay'])) => replayCase(compileGraph(doc), c);

describe('replay rules', () => {
  it('agreement on an auto branch is a correct automation', () => {
    const t = run();
    expect(t.steps[0]).toMatchObject({
      state: 'start',
      agent: 'start|always||0',
      human: 'start|always||0',
      tier: 'auto',
      agree: true,
      outcome: 'auto-correct',
      eventIndex: 1,
    });
  });

  it('disagreement on an auto branch is an auto error; on a suggest branch an override', () => {
    const autoErr = run(pay, kase('a', { amount: 10, risk: 0.9 }, ['Receive', 'Check', 'Pay']));
    expect(autoErr.steps[0]).toMatchObject({
      tier: 'auto',
      agree: false,
      outcome: 'auto-error',
      human: 'start|always||1',
    });
    // (no tool limit here: the limit on payout would make the check step human)
    const noLimit = graph(payMachine);
    const override = run(noLimit, kase('o', { amount: 500, risk: 0.9 }, ['Receive', 'Check', 'Deny']));
    // at check the agent takes OK (first unguarded), people denied: the state's suggest default applies
    expect(override.steps[1]).toMatchObject({
      state: 'check',
      agent: 'check|on|OK|0',
      human: 'check|on|NO|1',
      tier: 'suggest',
      outcome: 'override',
    });
    const accepted = run(noLimit, kase('ok', { amount: 500, risk: 0.9 }, ['Receive', 'Check', 'Pay']));
    expect(accepted.steps[1]).toMatchObject({ tier: 'suggest', outcome: 'accepted', agree: true });
  });

  it('an agent whose guards all fail abstains; the tier is the state default (none: human)', async () => {
    const t = run(pay, kase('ab', { amount: 500, risk: 0.1 }, ['Receive', 'Check', 'Pay']));
    expect(t.steps[0]).toMatchObject({ agent: null, tier: 'human', agree: false, outcome: 'human' });
    const r = await simulate(pay, [kase('ab', { amount: 500, risk: 0.1 }, ['Receive', 'Check', 'Pay'])]);
    expect([r.totals.abstentions, r.totals.disagree, r.perState.start!.abstentions, r.totals.humanSteps]).toEqual([
      1, 1, 1, 3,
    ]);
  });

  it('a guard that cannot be evaluated does not hold and counts a guard error on the state', async () => {
    const c = kase('ge', { risk: 0.9 }, ['Receive', 'Check', 'Pay']); // amount missing
    const t = run(pay, c);
    expect(t.steps[0]!.agent).toBe('start|always||1');
    expect(t.steps[0]!.guardErrors).toHaveLength(1);
    const r = await simulate(pay, [c]);
    expect(r.perState.start!.guardErrors).toBe(1);
    expect(r.health.guardErrors).toBe(1);
  });

  it('a guard that does not compile, or a named non-CEL guard, never holds: a guard error, and a reported problem', async () => {
    const doc = graph({
      initial: 'a',
      states: {
        a: {
          always: [
            { target: 'z', guard: cel('undeclared > 1.0') },
            { target: 'z', guard: { type: 'isVip' } },
            { target: 'y' },
          ],
        },
        y: { always: 'z' },
        z: { type: 'final' },
      },
    });
    const r = await simulate(doc, [kase('p', { amount: 1 }, ['a', 'y'])]);
    expect(r.perState.a!.agentChoices).toEqual({ 'a|always||0': 0, 'a|always||1': 0, 'a|always||2': 1 });
    expect(r.perState.a!.guardErrors).toBe(2);
    expect(r.health.problems.some((p) => p.includes('a|always||0'))).toBe(true);
  });

  it('deviation stops the case and counts under deviations, not visits', async () => {
    const c = kase('d', { amount: 10, risk: 0 }, ['Receive', 'Pay', 'Audit', 'Close']);
    const t = run(pay, c);
    expect([t.end, t.deviatedAt, t.steps.length]).toEqual(['deviated', 'pay', 1]);
    const r = await simulate(pay, [c]);
    expect([r.perState.pay!.visits, r.perState.pay!.deviations, r.totals.deviations, r.totals.conformant]).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('a trace that is used up closes implicitly into a final state; with no way to a final state it deviates', () => {
    const t = run(pay, kase('i', { amount: 10, risk: 0 }, ['Receive', 'Pay']));
    expect([t.end, t.endState, t.steps[1]!.eventIndex, t.steps[1]!.human]).toEqual([
      'final',
      'end',
      null,
      'pay|always||0',
    ]);
    const stop = run(pay, kase('s', { amount: 500, risk: 0.9 }, ['Receive', 'Check']));
    expect([stop.end, stop.deviatedAt]).toEqual(['deviated', 'check']);
  });

  it('events left after a final state are trailing; the final state consumes its own activity', async () => {
    const c = kase('tr', { amount: 10, risk: 0 }, ['Receive', 'Pay', 'Close', 'Survey', 'Thanks']);
    const t = run(pay, c);
    expect([t.end, t.trailing, t.steps.map((s) => s.eventIndex)]).toEqual(['final', 2, [1, 2]]);
    const r = await simulate(pay, [c]);
    expect([r.totals.trailingEvents, r.totals.conformant]).toEqual([2, 1]);
  });

  it('consumes the first event only when it is the initial activity', () => {
    const t = run(pay, kase('f', { amount: 10, risk: 0 }, ['Pay']));
    expect([t.steps[0]!.eventIndex, t.steps[0]!.human, t.end]).toEqual([0, 'start|always||0', 'final']);
  });

  it('human choice, when the agent branch does not match, is the first transition in T whose target activity matches', () => {
    const doc = graph({
      initial: 'a',
      states: {
        a: { on: { X: { target: 'b', meta: { tier: 'auto' } }, Y: { target: 'b2' } } },
        b: { meta: { activity: 'B' }, always: 'z' },
        b2: { meta: { activity: 'B' }, always: 'z' },
        z: { type: 'final' },
      },
    });
    expect(run(doc, kase('h', {}, ['a', 'B'])).steps[0]!.human).toBe('a|on|X|0');
  });

  it('a guardrail or limit that lowers the tier is one trip per step, even when several hold', async () => {
    const doc = graph(
      {
        ...payMachine,
        states: {
          ...payMachine.states,
          start: {
            ...payMachine.states!.start!,
            meta: { activity: 'Receive', guardrails: [{ when: 'risk > 0.01', downgradeTo: 'suggest' }] },
            always: [
              {
                target: 'pay',
                guard: cel('amount < 100.0'),
                meta: { tier: 'auto', guardrails: [{ when: 'amount > 5.0', downgradeTo: 'human' }] },
              },
              { target: 'check' },
            ],
          },
        },
      },
      { tools: { payout: { limit: 'amount <= 50.0' } } },
    );
    const c = kase('g', { amount: 60, risk: 0.2 }, ['Receive', 'Pay']);
    const t = run(doc, c);
    expect(t.steps[0]).toMatchObject({ tier: 'human', allowed: 'auto', tripped: true });
    expect(t.steps[0]!.reasons.map((r) => r.kind)).toEqual(['branch', 'guardrail', 'guardrail']);
    const r = await simulate(doc, [c]);
    expect([r.totals.guardrailTrips, r.perState.start!.guardrailTrips]).toEqual([1, 1]);
    // a guardrail that holds but does not lower the tier is not a trip
    const quiet = graph({
      initial: 'a',
      states: {
        a: {
          meta: { guardrails: [{ when: 'true', downgradeTo: 'suggest' }] },
          always: { target: 'z', meta: { tier: 'human' } },
        },
        z: { type: 'final' },
      },
    });
    expect((await simulate(quiet, [kase('q', {}, ['a'])])).totals.guardrailTrips).toBe(0);
  });

  it("a tool limit that does not hold for the agent's branch downgrades to human and trips", () => {
    const over = run(pay, kase('l', { amount: 80, risk: 0 }, ['Receive', 'Pay']));
    expect(over.steps[0]).toMatchObject({ tier: 'human', allowed: 'auto', tripped: true, outcome: 'human' });
    expect(over.steps[0]!.reasons.at(-1)).toEqual({
      kind: 'limit',
      tool: 'payout',
      limit: 'amount <= 50.0',
      tier: 'human',
    });
    const under = run(pay, kase('u', { amount: 40, risk: 0 }, ['Receive', 'Pay']));
    expect(under.steps[0]).toMatchObject({ tier: 'auto', tripped: false });
  });

  it('the tool limit applies to the state the AGENT enters, not the one people chose', () => {
    // amount 80 → agent picks pay (limit fails), people checked: still a limit trip, human tier
    const t = run(pay, kase('la', { amount: 80, risk: 0.9 }, ['Receive', 'Check', 'Pay']));
    expect(t.steps[0]).toMatchObject({
      agent: 'start|always||0',
      human: 'start|always||1',
      tier: 'human',
      tripped: true,
    });
  });

  it('each rollout stage caps the tier: observe → human, assist → auto becomes suggest, autonomy → as marked', async () => {
    const cases = [
      kase('1', { amount: 10, risk: 0 }, ['Receive', 'Pay']),
      kase('2', { amount: 10, risk: 0.9 }, ['Receive', 'Check', 'Pay']),
    ];
    const g = compileGraph(pay);
    const tiers = (rollout: 'observe' | 'assist' | 'autonomy') =>
      cases.map((c) => replayCase(g, c, { rollout }).steps[0]!.outcome);
    expect(tiers('observe')).toEqual(['human', 'human']);
    expect(tiers('assist')).toEqual(['accepted', 'override']);
    expect(tiers('autonomy')).toEqual(['auto-correct', 'auto-error']);
    const assist = await simulate(pay, cases, { rollout: 'assist' });
    expect([
      assist.rollout,
      assist.totals.autoSteps,
      assist.totals.suggestSteps,
      assist.totals.overrides,
      assist.totals.guardrailTrips,
    ]).toEqual(['assist', 0, 3, 1, 0]);
    expect(assist.totals.overrideRate).toBeCloseTo(1 / 3);
  });

  it('compound states: initials resolve to the leaf activity, parent transitions apply inside, #id targets resolve', () => {
    const doc = graph({
      id: 'm',
      initial: 'intake',
      states: {
        intake: { on: { GO: { target: 'review', meta: { tier: 'suggest' } } } },
        review: {
          initial: 'collect',
          on: { ABORT: { target: '#m.closed' } },
          states: {
            collect: { meta: { activity: 'Collect docs' }, on: { NEXT: 'decide' } },
            decide: { meta: { activity: 'Decide' }, on: { DONE: { target: '#finished' } } },
          },
        },
        closed: { meta: { activity: 'Closed' }, always: 'finished' },
        finished: { id: 'finished', type: 'final', meta: { activity: 'Finished' } },
      },
    });
    const t = run(doc, kase('c', {}, ['intake', 'Collect docs', 'Decide', 'Finished']));
    expect(t.steps.map((s) => [s.state, s.human])).toEqual([
      ['intake', 'intake|on|GO|0'],
      ['review.collect', 'review.collect|on|NEXT|0'],
      ['review.decide', 'review.decide|on|DONE|0'],
    ]);
    expect(t.end).toBe('final');
    const aborted = run(doc, kase('a', {}, ['intake', 'Collect docs', 'Closed']));
    expect(aborted.steps.map((s) => s.human)).toEqual(['intake|on|GO|0', 'review|on|ABORT|0', 'closed|always||0']);
    // inside review the leaf's own NEXT comes before the parent's ABORT: the agent takes NEXT
    expect(aborted.steps[1]!.agent).toBe('review.collect|on|NEXT|0');
  });

  it('eventless transitions of an ancestor come before the leaf’s events (XState order)', () => {
    const doc = graph({
      initial: 'p',
      states: {
        p: { initial: 'x', always: { target: 'q', guard: cel('amount > 1.0') }, states: { x: { on: { E: '#m2.q' } } } },
        q: { type: 'final' },
      },
      id: 'm2',
    });
    const g = compileGraph(doc);
    expect(g.states[g.stateIds.get('p.x')!]!.table.length).toBe(2);
    expect(replayCase(g, kase('o', { amount: 5 }, ['x', 'q'])).steps[0]!.agent).toBe('p|always||0');
    expect(replayCase(g, kase('o', { amount: 0 }, ['x', 'q'])).steps[0]!.agent).toBe('p.x|on|E|0');
  });

  it("the machine root's own transitions apply in every state, after the states' own", () => {
    const doc = graph({
      id: 'r',
      initial: 'a',
      on: { CANCEL: { target: '.cancelled', meta: { tier: 'auto' } } },
      states: {
        a: { on: { NEXT: 'b' } },
        b: { initial: 'b1', states: { b1: { on: { DONE: '#r.done' } } } },
        cancelled: { meta: { activity: 'Cancelled' }, always: 'done' },
        done: { type: 'final' },
      },
    });
    const g = compileGraph(doc);
    const t = replayCase(g, kase('x', {}, ['a', 'b1', 'Cancelled']));
    expect(t.steps.map((s) => [s.state, s.agent, s.human])).toEqual([
      ['a', 'a|on|NEXT|0', 'a|on|NEXT|0'],
      ['b.b1', 'b.b1|on|DONE|0', '|on|CANCEL|0'],
      ['cancelled', 'cancelled|always||0', 'cancelled|always||0'],
    ]);
    expect(t.end).toBe('final');
  });

  it('cases are filed under the month of their first timestamp', async () => {
    const r = await simulate(pay, [
      kase('t', { amount: 10, risk: 0 }, ['Receive', 'Pay'], [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1) + 60_000]),
    ]);
    expect(Object.keys(r.perState.start!.byPeriod)).toEqual(['2024-03']);
  });

  it('rates are null when their denominator is 0', async () => {
    const r = await simulate(pay, []);
    expect([
      r.totals.overrideRate,
      r.totals.automationRate,
      r.totals.autoErrorRate,
      r.totals.humanTouchesPerCase,
    ]).toEqual([null, null, null, null]);
  });
});

describe('case attributes as CEL variables', () => {
  const doc = graph(
    {
      initial: 'a',
      states: {
        a: {
          always: [{ target: 'z', guard: cel('customer.tier == "vip" && customer.openTickets < 3') }, { target: 'y' }],
        },
        y: { always: 'z' },
        z: { type: 'final' },
      },
    },
    { caseSchema: { 'customer.tier': { type: 'string' }, 'customer.openTickets': { type: 'int' } } },
  );
  const agentOf = (attributes: Record<string, never> | Record<string, unknown>) =>
    run(doc, kase('n', attributes as never, ['a', 'z'])).steps[0]!;
  it('builds a map from flat dotted attributes (CSV columns) and from a nested object (JSONL), typing fields per schema', () => {
    expect(agentOf({ 'customer.tier': 'vip', 'customer.openTickets': 2 }).agent).toBe('a|always||0');
    expect(agentOf({ customer: { tier: 'vip', openTickets: 2 } }).agent).toBe('a|always||0');
    expect(agentOf({ customer: { tier: 'vip', openTickets: 5 } }).agent).toBe('a|always||1');
  });
  it('a missing nested field is a guard error, not a crash', () => {
    const step = agentOf({ 'customer.tier': 'vip' });
    expect([step.agent, step.guardErrors?.length]).toEqual(['a|always||1', 1]);
  });
});
