/**
 * The one bridge from the simulator UI to shared/replay (the same engine the CLI uses): replay a
 * single case for the explorer, and adapt the engine's result to the UI's ResultView.
 */
import { compileGraph, type CompiledGraph } from '../../../shared/replay/compile';
import { replayCase, type CaseTrace, type StepFact } from '../../../shared/replay/replayCase';
import type { GraphDoc, RecordedCase, Rollout } from '../../../shared/model/types';
import type { SimulationResult, StepCounts } from '../../../shared/replay/result';
import type { RateInterval } from '../../../shared/replay/wilson';
import type { PeriodFigures, Rate, ResultView, StateFigures, TransitionFigures } from './resultView';

interface StepView extends Omit<StepFact, 'eventIndex'> {
  /** Consumed event index; -1 for the implicit close at the end of the trace. */
  eventIndex: number;
}

export interface TraceView extends Omit<CaseTrace, 'steps'> {
  steps: StepView[];
  /** Transition id → key of the state it leads to (for "→ refund" labels). */
  targets: Record<string, string>;
  /** The first event was the initial state's activity and was consumed on entry (rule 1). */
  startConsumed: boolean;
}

const compiled = new WeakMap<GraphDoc, CompiledGraph>();

/** Compile once per document object (documents are immutable: an edit makes a new one). */
function compiledFor(doc: GraphDoc): CompiledGraph {
  let g = compiled.get(doc);
  if (!g) compiled.set(doc, (g = compileGraph(doc)));
  return g;
}

/** Replay one case under `rollout` with full per-step facts. */
export function replayOne(doc: GraphDoc, rollout: Rollout, c: RecordedCase): TraceView {
  const g = compiledFor(doc);
  const trace = replayCase(g, c, { rollout });
  const targets: Record<string, string> = {};
  for (const t of g.transitions) targets[t.id] = g.states[t.target]?.key ?? '?';
  const initial = g.states[g.initial];
  const startConsumed = initial !== undefined && c.events[0]?.activity === initial.activity;
  return {
    ...trace,
    targets,
    startConsumed,
    steps: trace.steps.map((s) => ({ ...s, eventIndex: s.eventIndex ?? -1 })),
  };
}

/** Engine interval → UI rate (an empty denominator keeps its counts and has no rate). */
function rateOf(r: RateInterval | null, k: number, n: number): Rate {
  return r ? { k: r.k, n: r.n, rate: r.rate, lo: r.low, hi: r.high } : { k, n, rate: null, lo: null, hi: null };
}

function periods(byPeriod: Record<string, StepCounts>): PeriodFigures[] {
  return Object.entries(byPeriod)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, c]) => ({
      period,
      visits: c.visits,
      agree: c.agree,
      overrides: c.overrides,
      autoErrors: c.autoErrors,
      suggestSteps: c.suggestSteps,
      autoSteps: c.autoSteps,
    }));
}

/** Adapt the engine's SimulationResult (plain JSON, as stored) to the UI's view. */
export function toResultView(r: SimulationResult): ResultView {
  const perState: Record<string, StateFigures> = {};
  for (const [key, s] of Object.entries(r.perState)) {
    perState[key] = {
      visits: s.visits,
      agree: s.agree,
      disagree: s.disagree,
      overrides: s.overrides,
      autoErrors: s.autoErrors,
      abstentions: s.abstentions,
      deviations: s.deviations,
      guardrailTrips: s.guardrailTrips,
      autoSteps: s.autoSteps,
      suggestSteps: s.suggestSteps,
      humanSteps: s.humanSteps,
      agreement: rateOf(s.rates.agreement, s.agree, s.visits),
      overrideRate: rateOf(s.rates.override, s.overrides, s.suggestSteps),
      autoErrorRate: rateOf(s.rates.autoError, s.autoErrors, s.autoSteps),
      byPeriod: periods(s.byPeriod),
    };
  }
  const perTransition: Record<string, TransitionFigures> = {};
  for (const [id, t] of Object.entries(r.perTransition)) {
    perTransition[id] = {
      humanChoices: t.humanChoices,
      agentChoices: t.agentChoices,
      agree: t.agree,
      overrides: t.overrides,
      autoErrors: t.autoErrors,
      suggestSteps: t.suggestSteps,
      autoSteps: t.autoSteps,
      guardrailTrips: t.guardrailTrips,
      overrideRate: rateOf(t.rates.override, t.overrides, t.suggestSteps),
      autoErrorRate: rateOf(t.rates.autoError, t.autoErrors, t.autoSteps),
    };
  }
  return { totals: { ...r.totals }, perState, perTransition };
}
