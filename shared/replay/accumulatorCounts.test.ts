// The accumulator's counters on five hand-replayed cases of payMachine (rollout autonomy): every
// total, per-state and per-branch count, which months a state's counts are filed under (in
// order, a deviation-only month included), time saved, the elapsed median and the waiting share
// (clamped at 0 when parallel work outlasts the case). Worked out by hand below; wilson() is only
// used to name which count pairs a rate is built from (its values are tested in wilson.test.ts).
import { describe, expect, it } from 'vitest';
import type { RecordedCase, RecordedEvent } from '../model/types';
import { ReplayAccumulator, simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { graph, payMachine } from './testGraphs';
import { MAX_STEPS_PER_CASE } from './walk';
import { wilson } from './wilson';

const MIN = 60_000;
const JAN = Date.UTC(2024, 0, 10);
const FEB = Date.UTC(2024, 1, 10);
const MAR = Date.UTC(2024, 2, 10);
const c = (caseId: string, amount: number, risk: number, events: RecordedEvent[]): RecordedCase => ({
  caseId,
  attributes: { amount, risk },
  events,
});
const a = (activity: string): RecordedEvent => ({ activity });

// start: amount < 100 → pay (auto) | risk > 0.5 → check (suggest) | no guard holds: abstain.
// check (suggest): OK → pay, NO → deny; pay, deny (unmarked: human) → end.
const cases = [
  // c3: agent checks, people checked: accepted; at check the agent says OK, people said NO: override; deny human
  c('c3', 500, 0.9, [
    { activity: 'Receive', timestamp: MAR },
    { activity: 'Check', timestamp: MAR + 5 * MIN },
    { activity: 'Deny', timestamp: MAR + 6 * MIN },
  ]),
  // c1: auto, agreed; Receive and Pay both ran 0 → 10 min (in parallel): 10 min saved, handling 20 of a 10-minute span
  c('c1', 10, 0, [
    { activity: 'Receive', start: JAN, timestamp: JAN + 10 * MIN },
    { activity: 'Pay', start: JAN, timestamp: JAN + 10 * MIN },
    a('Close'),
  ]),
  // c5: deviates at start (no step), in February
  c('c5', 10, 0, [
    { activity: 'Receive', timestamp: FEB },
    { activity: 'Refund', timestamp: FEB + MIN },
  ]),
  // c2: auto error at start (agent pays, people checked); check accepted; pay closes (human)
  c('c2', 10, 0, [a('Receive'), a('Check'), a('Pay')]),
  // c4: the agent abstains at start (human); check accepted; pay consumes Close; X trails
  c('c4', 500, 0, [a('Receive'), a('Check'), a('Pay'), a('Close'), a('X')]),
];

describe('accumulated counts', () => {
  const g = compileGraph(graph(payMachine));

  it('totals', async () => {
    const r = await simulate(g, cases);
    expect(r.totals).toEqual({
      cases: 5,
      conformant: 4,
      deviations: 1,
      trailingEvents: 1,
      steps: 11, // 2 + 3 + 3 + 3
      autoSteps: 2, // c1, c2 at start
      autoErrors: 1, // c2
      suggestSteps: 4, // c3 start, checks of c2 c3 c4
      overrides: 1, // c3 at check
      humanSteps: 5, // pay ×3, deny, c4's abstention
      abstentions: 1,
      agree: 8,
      disagree: 3, // c2 start, c3 check, c4 start
      guardrailTrips: 0,
      overrideRate: 1 / 4,
      automationRate: 2 / 11,
      autoErrorRate: 1 / 2,
      humanTouchesPerCase: (4 + 5 + 1) / 5,
      timeSavedMs: 10 * MIN,
      // spans: c1 10, c3 6, c5 1 minutes → 6; only c1 has starts: 1 − 20/10 < 0 → 0
      elapsed: { medianCaseMs: 6 * MIN, waitingShare: 0 },
    });
    expect(r.health).toEqual({ stuckCases: 0, guardErrors: 0, maxStepsPerCase: MAX_STEPS_PER_CASE, problems: [] });
    expect(r.recommendationPolicy).toEqual({ threshold: 0.05, minCases: 30 });
    expect(r.recommendations).toEqual([]);
  });

  it('per state, with the choices at each branch and the rates built from the right counts', async () => {
    const r = await simulate(g, cases);
    const start = r.perState.start!;
    expect(start).toMatchObject({
      visits: 4,
      agree: 2,
      disagree: 2,
      overrides: 0,
      autoErrors: 1,
      abstentions: 1,
      deviations: 1,
      guardrailTrips: 0,
      autoSteps: 2,
      suggestSteps: 1,
      humanSteps: 1,
      guardErrors: 0,
    });
    expect(start.agentChoices).toEqual({ 'start|always||0': 2, 'start|always||1': 1 });
    expect(start.humanChoices).toEqual({ 'start|always||0': 1, 'start|always||1': 3 });
    expect(start.rates).toEqual({
      agreement: wilson(2, 4),
      override: wilson(0, 1),
      autoError: wilson(1, 2),
      abstention: wilson(1, 4),
      deviation: wilson(1, 5),
    });
    const check = r.perState.check!;
    expect(check).toMatchObject({
      visits: 3,
      agree: 2,
      disagree: 1,
      overrides: 1,
      autoErrors: 0,
      abstentions: 0,
      suggestSteps: 3,
      autoSteps: 0,
      humanSteps: 0,
    });
    expect(check.agentChoices).toEqual({ 'check|on|OK|0': 3, 'check|on|NO|1': 0 });
    expect(check.humanChoices).toEqual({ 'check|on|OK|0': 2, 'check|on|NO|1': 1 });
    expect(r.perState.pay).toMatchObject({ visits: 3, agree: 3, humanSteps: 3 });
    expect(r.perState.deny).toMatchObject({ visits: 1, agree: 1, humanSteps: 1 });
    expect(r.perState.end).toMatchObject({ visits: 0, deviations: 0 });
  });

  it('per branch: the agent’s choices carry the outcome and the tier; people’s choices are counted apart', async () => {
    const r = await simulate(g, cases);
    const t = r.perTransition;
    expect(t['start|always||0']).toMatchObject({
      source: 'start',
      target: 'pay',
      event: null,
      markedTier: 'auto',
      agentChoices: 2,
      humanChoices: 1,
      agree: 1,
      disagree: 1,
      overrides: 0,
      autoErrors: 1,
      autoSteps: 2,
      suggestSteps: 0,
      humanSteps: 0,
    });
    expect(t['start|always||0']!.rates).toEqual({
      disagreement: wilson(1, 2),
      override: null,
      autoError: wilson(1, 2),
    });
    expect(t['start|always||1']).toMatchObject({
      target: 'check',
      markedTier: 'suggest',
      agentChoices: 1,
      humanChoices: 3,
      agree: 1,
      disagree: 0,
      suggestSteps: 1,
      autoSteps: 0,
    });
    expect(t['check|on|OK|0']).toMatchObject({
      source: 'check',
      target: 'pay',
      event: 'OK',
      agentChoices: 3,
      humanChoices: 2,
      agree: 2,
      disagree: 1,
      overrides: 1,
      autoErrors: 0,
      suggestSteps: 3,
    });
    expect(t['check|on|OK|0']!.rates.override).toEqual(wilson(1, 3));
    expect(t['check|on|NO|1']).toMatchObject({
      target: 'deny',
      agentChoices: 0,
      humanChoices: 1,
      agree: 0,
      disagree: 0,
    });
    expect(t['pay|always||0']).toMatchObject({
      agentChoices: 3,
      humanChoices: 3,
      agree: 3,
      humanSteps: 3,
      autoSteps: 0,
      suggestSteps: 0,
    });
  });

  it('files counts under the month each case started, months in order, a deviation-only month included', async () => {
    const r = await simulate(g, cases);
    const periods = r.perState.start!.byPeriod;
    expect(Object.keys(periods)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(periods['2024-01']).toMatchObject({ visits: 1, agree: 1, autoSteps: 1 });
    expect(periods['2024-02']).toMatchObject({ visits: 0, deviations: 1 });
    expect(periods['2024-03']).toMatchObject({ visits: 1, agree: 1, suggestSteps: 1 });
    expect(Object.keys(r.perState.check!.byPeriod)).toEqual(['2024-03']);
    expect(r.perState.check!.byPeriod['2024-03']).toMatchObject({ visits: 1, disagree: 1, overrides: 1 });
  });

  it('gives the same figures when fed finished traces', async () => {
    const acc = new ReplayAccumulator(g);
    for (const x of cases) acc.add(replayCase(g, x));
    expect(acc.result()).toEqual(await simulate(g, cases));
  });
});
