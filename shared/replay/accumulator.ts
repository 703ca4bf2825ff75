/**
 * Aggregates replay steps into counts per state, per transition and per month, in flat typed
 * arrays indexed by compiled ids (no Maps or objects per step). `result()` turns them into the
 * plain-JSON SimulationResult. Fed either directly by the walk (simulate's hot path) or with
 * finished CaseTraces (`add`), with identical results.
 */
import type { Rollout } from '../model/types';
import type { TierResult } from '../tier/effectiveTier';
import type { CompiledGraph } from './compile';
import { median } from './median';
import { recommend, DEFAULT_POLICY, type RecommendPolicy } from './recommend';
import type { CaseTrace } from './replayCase';
import type { SimulationResult, StateReport, StepCounts, Totals, TransitionReport } from './result';
import { MAX_STEPS_PER_CASE, monthIndex, monthLabel, type CaseEnd, type CaseTiming, type ReplaySink } from './walk';
import { ratio, wilson } from './wilson';

// Per-state (and per-period) counters, in this order.
const COUNT_KEYS = [
  'visits',
  'agree',
  'disagree',
  'overrides',
  'autoErrors',
  'abstentions',
  'deviations',
  'guardrailTrips',
  'autoSteps',
  'suggestSteps',
  'humanSteps',
] as const;
const [VISITS, AGREE, DISAGREE, OVERRIDES, AUTO_ERRORS, ABSTENTIONS, DEVIATIONS, TRIPS, AUTO, SUGGEST, HUMAN] =
  COUNT_KEYS.map<number>((_, i) => i) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
const NC = COUNT_KEYS.length;
// Per-transition counters.
const T_KEYS = [
  'agentChoices',
  'humanChoices',
  'agree',
  'disagree',
  'overrides',
  'autoErrors',
  'guardrailTrips',
  'autoSteps',
  'suggestSteps',
  'humanSteps',
] as const;
const NT = T_KEYS.length;
const TIER_SLOT = { human: HUMAN, suggest: SUGGEST, auto: AUTO } as const;

/** Why time saved is not reported for a log without activity start times. */
const NO_START_REASON = 'this log has no start/complete times';

export class ReplayAccumulator implements ReplaySink {
  private readonly counts: Float64Array;
  private readonly guardErrors: Float64Array;
  private readonly tcounts: Float64Array;
  /** Per state, per position in its table: agent and human choices. */
  private readonly tableOffset: Int32Array;
  private readonly agentAt: Float64Array;
  private readonly humanAt: Float64Array;
  private readonly periods = new Map<number, Float64Array>();
  private period: Float64Array | null = null;
  /** The day number (ms / 86,400,000, floored) of the last case filed under a period, and that period. */
  private lastDay = NaN;
  private lastPeriod: Float64Array | null = null;
  private cases = 0;
  private conformant = 0;
  private deviated = 0;
  private stuck = 0;
  private trailing = 0;
  private timeSaved = 0;
  /** Some event of the log has a start time: handling time is measurable. */
  private anyStart = false;
  /** Elapsed time of every case that has one (for the median). */
  private elapsed = new Float64Array(1024);
  private elapsedN = 0;
  /** Handling and elapsed time summed over cases that have both (for the waiting share). */
  private handlingOfTimed = 0;
  private elapsedOfTimed = 0;

  constructor(
    readonly g: CompiledGraph,
    readonly rollout: Rollout = g.rollout,
    readonly policy: RecommendPolicy = DEFAULT_POLICY,
  ) {
    const n = g.states.length;
    this.counts = new Float64Array(n * NC);
    this.guardErrors = new Float64Array(n);
    this.tcounts = new Float64Array(g.transitions.length * NT);
    this.tableOffset = new Int32Array(n + 1);
    for (let s = 0; s < n; s++) this.tableOffset[s + 1] = this.tableOffset[s]! + g.states[s]!.table.length;
    this.agentAt = new Float64Array(this.tableOffset[n]!);
    this.humanAt = new Float64Array(this.tableOffset[n]!);
  }

  /** Start a case; `startMs` (first event time) files its steps under that month. */
  beginCase(startMs: number | undefined): void {
    this.cases++;
    if (startMs === undefined || !Number.isFinite(startMs)) {
      this.period = null;
      return;
    }
    // monthIndex depends on the day number alone (its first line), and a log's cases mostly come
    // day by day: the last case's day answers without the calendar arithmetic and the Map (~3% of
    // an in-memory replay of 230,000 cases).
    const day = Math.floor(startMs / 86_400_000);
    if (day === this.lastDay) {
      this.period = this.lastPeriod;
      return;
    }
    const m = monthIndex(startMs);
    let p = this.periods.get(m);
    if (!p) this.periods.set(m, (p = new Float64Array(this.g.states.length * NC)));
    this.period = p;
    this.lastDay = day;
    this.lastPeriod = p;
  }

  /** The calendar facts of the current case (caseTiming); call once per case. */
  timeCase(t: CaseTiming): void {
    if (t.hasStart) this.anyStart = true;
    if (Number.isNaN(t.elapsedMs)) return;
    if (this.elapsedN === this.elapsed.length) {
      const bigger = new Float64Array(this.elapsed.length * 2);
      bigger.set(this.elapsed);
      this.elapsed = bigger;
    }
    this.elapsed[this.elapsedN++] = t.elapsedMs;
    if (t.hasStart && t.elapsedMs > 0) {
      this.handlingOfTimed += t.handlingMs;
      this.elapsedOfTimed += t.elapsedMs;
    }
  }

  step(
    state: number,
    agent: number,
    human: number,
    tier: TierResult,
    guardErrors: number,
    _eventIndex: number,
    handlingMs: number,
  ): void {
    const agree = agent === human;
    const slot = TIER_SLOT[tier.tier];
    this.bump(this.counts, state, agree, agent, slot, tier.tripped);
    if (this.period) this.bump(this.period, state, agree, agent, slot, tier.tripped);
    this.guardErrors[state]! += guardErrors;
    const table = this.g.states[state]!.table;
    const off = this.tableOffset[state]!;
    for (let k = 0; k < table.length; k++) {
      if (table[k] === human) this.humanAt[off + k]!++;
      if (table[k] === agent) this.agentAt[off + k]!++;
    }
    const tc = this.tcounts;
    tc[human * NT + 1]!++;
    if (agent >= 0) {
      const b = agent * NT;
      tc[b]!++;
      if (agree) tc[b + 2]!++;
      else {
        tc[b + 3]!++;
        if (slot === SUGGEST) tc[b + 4]!++;
        else if (slot === AUTO) tc[b + 5]!++;
      }
      if (tier.tripped) tc[b + 6]!++;
      tc[b + 7 + (slot === AUTO ? 0 : slot === SUGGEST ? 1 : 2)]!++;
    }
    if (agree && slot === AUTO && !Number.isNaN(handlingMs)) this.timeSaved += handlingMs;
  }

  private bump(c: Float64Array, state: number, agree: boolean, agent: number, slot: number, tripped: boolean): void {
    const b = state * NC;
    c[b + VISITS]!++;
    c[b + slot]!++;
    if (agree) c[b + AGREE]!++;
    else {
      c[b + DISAGREE]!++;
      if (slot === SUGGEST) c[b + OVERRIDES]!++;
      else if (slot === AUTO) c[b + AUTO_ERRORS]!++;
    }
    if (agent < 0) c[b + ABSTENTIONS]!++;
    if (tripped) c[b + TRIPS]!++;
  }

  deviation(state: number): void {
    this.counts[state * NC + DEVIATIONS]!++;
    if (this.period) this.period[state * NC + DEVIATIONS]!++;
  }

  endCase(end: CaseEnd, _state: number, trailing: number): void {
    if (end === 'final') {
      this.conformant++;
      this.trailing += trailing;
    } else if (end === 'deviated') this.deviated++;
    else this.stuck++;
  }

  /** Add a finished trace (same figures as feeding the walk directly). */
  add(trace: CaseTrace): void {
    const g = this.g;
    this.beginCase(trace.startTime);
    this.timeCase({
      elapsedMs: trace.elapsedMs ?? NaN,
      handlingMs: trace.handlingMs ?? 0,
      hasStart: trace.hasStart ?? false,
    });
    const tid = (id: string) => g.transitionIds.get(id) ?? -1;
    for (const f of trace.steps) {
      const tier: TierResult = { tier: f.tier, allowed: f.allowed, tripped: f.tripped, reasons: f.reasons };
      this.step(
        g.stateIds.get(f.state)!,
        f.agent === null ? -1 : tid(f.agent),
        tid(f.human),
        tier,
        f.guardErrors?.length ?? 0,
        f.eventIndex ?? -1,
        f.handlingMs ?? NaN,
      );
    }
    if (trace.deviatedAt !== undefined) this.deviation(g.stateIds.get(trace.deviatedAt)!);
    this.endCase(trace.end, -1, trace.trailing);
  }

  private countsOf(c: Float64Array, state: number): StepCounts {
    const out = {} as Record<(typeof COUNT_KEYS)[number], number>;
    COUNT_KEYS.forEach((k, i) => (out[k] = c[state * NC + i]!));
    return out;
  }

  /** The plain-JSON result of everything added so far. */
  result(): SimulationResult {
    const g = this.g;
    const perState: Record<string, StateReport> = {};
    const sum = new Float64Array(NC);
    let guardErrorTotal = 0;
    const months = [...this.periods.keys()].sort((a, b) => a - b);
    for (const st of g.states) {
      const c = this.countsOf(this.counts, st.id);
      COUNT_KEYS.forEach((_, i) => (sum[i]! += this.counts[st.id * NC + i]!));
      guardErrorTotal += this.guardErrors[st.id]!;
      const agentChoices: Record<string, number> = {};
      const humanChoices: Record<string, number> = {};
      st.table.forEach((t, k) => {
        const id = g.transitions[t]!.id;
        agentChoices[id] = this.agentAt[this.tableOffset[st.id]! + k]!;
        humanChoices[id] = this.humanAt[this.tableOffset[st.id]! + k]!;
      });
      const byPeriod: Record<string, StepCounts> = {};
      for (const m of months) {
        const pc = this.countsOf(this.periods.get(m)!, st.id);
        if (pc.visits > 0 || pc.deviations > 0) byPeriod[monthLabel(m)] = pc;
      }
      perState[st.key] = {
        ...c,
        guardErrors: this.guardErrors[st.id]!,
        agentChoices,
        humanChoices,
        rates: {
          agreement: wilson(c.agree, c.visits),
          override: wilson(c.overrides, c.suggestSteps),
          autoError: wilson(c.autoErrors, c.autoSteps),
          abstention: wilson(c.abstentions, c.visits),
          deviation: wilson(c.deviations, c.visits + c.deviations),
        },
        byPeriod,
      };
    }
    const perTransition: Record<string, TransitionReport> = {};
    for (const t of g.transitions) {
      const v = (i: number) => this.tcounts[t.index * NT + i]!;
      const [
        agentChoices,
        humanChoices,
        agree,
        disagree,
        overrides,
        autoErrors,
        guardrailTrips,
        autoSteps,
        suggestSteps,
        humanSteps,
      ] = T_KEYS.map<number>((_, i) => v(i));
      perTransition[t.id] = {
        source: t.source,
        target: g.states[t.target]!.key,
        event: t.event,
        markedTier: t.markedTier,
        agentChoices: agentChoices!,
        humanChoices: humanChoices!,
        agree: agree!,
        disagree: disagree!,
        overrides: overrides!,
        autoErrors: autoErrors!,
        guardrailTrips: guardrailTrips!,
        autoSteps: autoSteps!,
        suggestSteps: suggestSteps!,
        humanSteps: humanSteps!,
        rates: {
          disagreement: wilson(disagree!, agentChoices!),
          override: wilson(overrides!, suggestSteps!),
          autoError: wilson(autoErrors!, autoSteps!),
        },
      };
    }
    const steps = sum[VISITS]!;
    const totals: Totals = {
      cases: this.cases,
      conformant: this.conformant,
      deviations: this.deviated,
      trailingEvents: this.trailing,
      steps,
      autoSteps: sum[AUTO]!,
      autoErrors: sum[AUTO_ERRORS]!,
      suggestSteps: sum[SUGGEST]!,
      overrides: sum[OVERRIDES]!,
      humanSteps: sum[HUMAN]!,
      abstentions: sum[ABSTENTIONS]!,
      agree: sum[AGREE]!,
      disagree: sum[DISAGREE]!,
      guardrailTrips: sum[TRIPS]!,
      overrideRate: ratio(sum[OVERRIDES]!, sum[SUGGEST]!),
      automationRate: ratio(sum[AUTO]!, steps),
      autoErrorRate: ratio(sum[AUTO_ERRORS]!, sum[AUTO]!),
      humanTouchesPerCase: ratio(sum[SUGGEST]! + sum[HUMAN]! + sum[AUTO_ERRORS]!, this.cases),
    };
    if (this.anyStart) totals.timeSavedMs = this.timeSaved;
    else {
      totals.timeSavedMs = null;
      totals.timeSavedReason = NO_START_REASON;
    }
    totals.elapsed = {
      medianCaseMs: median(this.elapsed.subarray(0, this.elapsedN)),
      // Parallel work can add up to more than the case's span: the share never goes below 0.
      waitingShare: this.elapsedOfTimed > 0 ? Math.max(0, 1 - this.handlingOfTimed / this.elapsedOfTimed) : null,
    };
    return {
      graph: { name: g.name, version: g.version },
      rollout: this.rollout,
      totals,
      perState,
      perTransition,
      recommendations: recommend(perTransition, this.policy),
      recommendationPolicy: { ...this.policy },
      health: {
        stuckCases: this.stuck,
        guardErrors: guardErrorTotal,
        maxStepsPerCase: MAX_STEPS_PER_CASE,
        problems: [...g.problems],
      },
    };
  }
}
