// formatTable (the CLI's plain-text result) on a hand-made SimulationResult: every figure and every
// padded column below is written out by hand from the fixture, so a change to a label, a rate, a
// unit or a column width shows up here (the CLI tests that also print it run in child processes
// the mutation run cannot see).
import { describe, expect, it } from 'vitest';
import { formatTable, pct } from './formatText';
import type { SimulationResult, StateReport, StepCounts, TransitionReport } from './result';
import type { RateInterval } from './wilson';

const interval = (rate: number, low: number, high: number): RateInterval => ({ rate, low, high, k: 0, n: 1 });
const zeroCounts: StepCounts = {
  visits: 0,
  agree: 0,
  disagree: 0,
  overrides: 0,
  autoErrors: 0,
  abstentions: 0,
  deviations: 0,
  guardrailTrips: 0,
  autoSteps: 0,
  suggestSteps: 0,
  humanSteps: 0,
};
const state = (counts: Partial<StepCounts>, agreement: RateInterval | null): StateReport => ({
  ...zeroCounts,
  ...counts,
  guardErrors: 0,
  agentChoices: {},
  humanChoices: {},
  rates: { agreement, override: null, autoError: null, abstention: null, deviation: null },
  byPeriod: {},
});
const branch = (
  source: string,
  target: string,
  event: string | null,
  markedTier: TransitionReport['markedTier'],
  agentChoices: number,
  humanChoices: number,
  agree: number,
  disagreement: RateInterval | null,
): TransitionReport => ({
  source,
  target,
  event,
  markedTier,
  agentChoices,
  humanChoices,
  agree,
  disagree: agentChoices - agree,
  overrides: 0,
  autoErrors: 0,
  guardrailTrips: 0,
  autoSteps: 0,
  suggestSteps: 0,
  humanSteps: 0,
  rates: { disagreement, override: null, autoError: null },
});

const H = 3_600_000;
const full: SimulationResult = {
  graph: { name: 'Refunds', version: 3 },
  rollout: 'assist',
  totals: {
    cases: 1200,
    conformant: 1150,
    deviations: 50,
    trailingEvents: 7,
    steps: 4000,
    autoSteps: 1000,
    autoErrors: 20,
    suggestSteps: 2000,
    overrides: 100,
    humanSteps: 1000,
    abstentions: 30,
    agree: 3500,
    disagree: 470,
    guardrailTrips: 12,
    overrideRate: 0.05,
    automationRate: 0.25,
    autoErrorRate: 0.02,
    humanTouchesPerCase: 2.5166,
    timeSavedMs: 1.5 * H,
    elapsed: { medianCaseMs: 72 * H, waitingShare: 0.8125 },
  },
  perState: {
    start: state(
      {
        visits: 1200,
        agree: 1100,
        disagree: 80,
        overrides: 10,
        autoErrors: 5,
        abstentions: 20,
        deviations: 47,
        guardrailTrips: 12,
      },
      interval(0.9166, 0.9, 0.93),
    ),
    check: state({ deviations: 3 }, null),
    idle: state({}, null), // never visited, never deviated: not listed
  },
  perTransition: {
    'start|always||0': branch('start', 'pay', null, 'auto', 900, 950, 880, interval(0.0222, 0.0144, 0.034)),
    'check|on|NO|0': branch('check', 'deny', 'NO', 'suggest', 0, 4, 0, null),
    'check|on|OK|0': branch('check', 'pay', 'OK', 'suggest', 0, 0, 0, null), // unused: not listed
  },
  recommendations: [
    {
      transitionId: 'start|always||0',
      state: 'start',
      action: 'demote',
      from: 'auto',
      to: 'suggest',
      bound: 0.0144,
      rate: 0.0222,
      n: 900,
      threshold: 0.01,
      reason: 'wrong in 20 of 900 agent choices; 95% lower bound 1.4% > 1.0%',
    },
  ],
  recommendationPolicy: { threshold: 0.01, minCases: 30 },
  health: { stuckCases: 2, guardErrors: 5, maxStepsPerCase: 100_000, problems: [] },
};

describe('formatTable', () => {
  it('prints the header, the totals, both tables and the recommendations', () => {
    expect(formatTable(full, 'refunds.csv')).toEqual([
      'Refunds v3 · rollout assist · refunds.csv',
      '',
      'cases          1,200 (conformant 1,150, deviated 50, stuck 2; trailing events 7)',
      'steps          4,000: auto 1,000, suggest 2,000, human 1,000',
      'agreement      3,500 agree, 470 disagree, 30 abstentions',
      'automation     25.0% of steps; auto errors 20 (2.0% of auto steps)',
      'overrides      100 (5.0% of suggest steps)',
      'guardrails     12 trips',
      'human touches  2.52 per case',
      "time saved     1.5 h (people's handling time on steps the agent would have done right)",
      'elapsed        median case 3.0 days first → last event (calendar time, not work; 81.3% of it waiting)',
      'guard errors   5 (a guard could not be evaluated for a case: missing or mistyped field)',
      '',
      'state  visits  agree  disagree  overrides  autoErr  abstain  deviate  trips   agreement [95% CI]',
      '-----  ------  -----  --------  ---------  -------  -------  -------  -----  -------------------',
      'start   1,200  1,100        80         10        5       20       47     12  91.7% [90.0%–93.0%]',
      'check       0      0         0          0        0        0        3      0                    –',
      '',
      'branch                tier  agent  people  agree  disagreement [95% CI]',
      '-----------------  -------  -----  ------  -----  ---------------------',
      'start → pay           auto    900     950    880       2.2% [1.4%–3.4%]',
      'check → deny (NO)  suggest      0       4      0                      –',
      '',
      'recommendations (threshold 1.0%, at least 30 agent choices):',
      '  demote start|always||0: auto → suggest — wrong in 20 of 900 agent choices; 95% lower bound 1.4% > 1.0%',
    ]);
  });

  it('leaves out what the run does not have: source, stuck cases, times, guard errors, recommendations', () => {
    const bare: SimulationResult = {
      ...full,
      totals: {
        ...full.totals,
        automationRate: null,
        autoErrorRate: null,
        overrideRate: null,
        humanTouchesPerCase: null,
        timeSavedMs: undefined,
        elapsed: { medianCaseMs: null, waitingShare: null },
      },
      perState: {},
      perTransition: {},
      recommendations: [],
      health: { ...full.health, stuckCases: 0, guardErrors: 0 },
    };
    const lines = formatTable(bare);
    expect(lines[0]).toBe('Refunds v3 · rollout assist');
    expect(lines[2]).toBe('cases          1,200 (conformant 1,150, deviated 50; trailing events 7)');
    expect(lines[5]).toBe('automation     – of steps; auto errors 20 (– of auto steps)');
    expect(lines[6]).toBe('overrides      100 (– of suggest steps)');
    expect(lines[8]).toBe('human touches  – per case');
    expect(
      lines.some((l) => l.startsWith('time saved') || l.startsWith('elapsed') || l.startsWith('guard errors')),
    ).toBe(false);
    expect(lines.at(-1)).toBe('recommendations: none (threshold 1.0%, at least 30 agent choices per branch)');
  });

  it('says why time saved is not measurable', () => {
    const withReason = formatTable({
      ...full,
      totals: { ...full.totals, timeSavedMs: null, timeSavedReason: 'this log has no start/complete times' },
    });
    expect(withReason).toContain('time saved: not measurable: this log has no start/complete times');
    const noReason = formatTable({ ...full, totals: { ...full.totals, timeSavedMs: null } });
    expect(noReason).toContain('time saved: not measurable: no handling times');
  });

  it('shows the median case without a waiting share when there is none', () => {
    const lines = formatTable({
      ...full,
      totals: { ...full.totals, elapsed: { medianCaseMs: 90 * 60_000, waitingShare: null } },
    });
    expect(lines).toContain('elapsed        median case 1.5 h first → last event (calendar time, not work)');
  });

  it('picks the unit of a duration at the hour and at the two-day marks', () => {
    const saved = (ms: number) =>
      formatTable({ ...full, totals: { ...full.totals, timeSavedMs: ms } })
        .find((l) => l.startsWith('time saved'))!
        .slice(15)
        .split(' (')[0];
    expect(saved(59 * 60_000)).toBe('59.0 min');
    expect(saved(H)).toBe('1.0 h');
    expect(saved(47.5 * H)).toBe('47.5 h');
    expect(saved(48 * H)).toBe('2.0 days');
    expect(saved(0)).toBe('0.0 min');
  });

  it('pct: one decimal, and a dash for a missing rate', () => {
    expect([pct(0.125), pct(0), pct(1), pct(null), pct(undefined)]).toEqual(['12.5%', '0.0%', '100.0%', '–', '–']);
  });
});
