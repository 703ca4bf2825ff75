/**
 * The shape of a simulation result: plain JSON (no Maps, no class instances) so it crosses a
 * worker boundary, is stored in IndexedDB, and is written by `simulate --json` as is.
 * Rates are fractions; null when their denominator is 0.
 */
import type { Rollout, Tier } from '../model/types';
import type { RateInterval } from './wilson';

export interface Totals {
  cases: number;
  /** Cases that reached a final state. */
  conformant: number;
  /** Cases that deviated (stopped where the SOP does not cover what people did). */
  deviations: number;
  /** Events left over after a final state. */
  trailingEvents: number;
  steps: number;
  autoSteps: number;
  autoErrors: number;
  suggestSteps: number;
  overrides: number;
  humanSteps: number;
  abstentions: number;
  agree: number;
  disagree: number;
  guardrailTrips: number;
  /** overrides / suggestSteps */
  overrideRate: number | null;
  /** autoSteps / steps */
  automationRate: number | null;
  /** autoErrors / autoSteps */
  autoErrorRate: number | null;
  /** Steps a person had to touch (suggest + human steps + auto errors to undo) per case. */
  humanTouchesPerCase: number | null;
  /**
   * Handling time (DESIGN "Time": an event's `start` → its `timestamp`) of the steps the agent
   * would have done correctly on its own. null when the log has no handling times; then
   * `timeSavedReason` says why. Calendar gaps between events are never counted here.
   */
  timeSavedMs?: number | null;
  /** Why timeSavedMs is null (e.g. "this log has no start/complete times"). */
  timeSavedReason?: string;
  /** Calendar time, reported as such and never as saved work. */
  elapsed?: { medianCaseMs: number | null; waitingShare: number | null };
}

/** Counts kept per state, per transition and per period. */
export interface StepCounts {
  visits: number;
  agree: number;
  disagree: number;
  overrides: number;
  autoErrors: number;
  abstentions: number;
  deviations: number;
  guardrailTrips: number;
  autoSteps: number;
  suggestSteps: number;
  humanSteps: number;
}

interface StateRates {
  /** agree / visits */
  agreement: RateInterval | null;
  /** overrides / suggestSteps */
  override: RateInterval | null;
  /** autoErrors / autoSteps */
  autoError: RateInterval | null;
  /** abstentions / visits */
  abstention: RateInterval | null;
  /** deviations / (visits + deviations) */
  deviation: RateInterval | null;
}

export interface StateReport extends StepCounts {
  /** Guards that could not be evaluated (counted per step where they were evaluated). */
  guardErrors: number;
  /** How often the agent chose each outgoing transition (by id). */
  agentChoices: Record<string, number>;
  /** How often people took each outgoing transition (by id). */
  humanChoices: Record<string, number>;
  rates: StateRates;
  /** Counts per month of the case start ("YYYY-MM"); cases without timestamps are left out. */
  byPeriod: Record<string, StepCounts>;
}

export interface TransitionReport {
  source: string;
  /** Target leaf key. */
  target: string;
  event: string | null;
  /** Tier as marked on the branch (or its source state's default). */
  markedTier: Tier;
  /** Steps where the agent chose this branch. */
  agentChoices: number;
  /** Steps where people took this branch. */
  humanChoices: number;
  /** Agent chose it and people took it. */
  agree: number;
  /** Agent chose it and people did something else. */
  disagree: number;
  overrides: number;
  autoErrors: number;
  guardrailTrips: number;
  autoSteps: number;
  suggestSteps: number;
  humanSteps: number;
  rates: {
    /** disagree / agentChoices: how often following this branch would have been wrong. */
    disagreement: RateInterval | null;
    override: RateInterval | null;
    autoError: RateInterval | null;
  };
}

export interface Recommendation {
  transitionId: string;
  state: string;
  action: 'promote' | 'demote';
  from: Tier;
  to: Tier;
  /** The Wilson bound that decided it (upper for promote, lower for demote). */
  bound: number;
  rate: number;
  n: number;
  threshold: number;
  reason: string;
}

export interface SimulationResult {
  graph: { name: string; version: number };
  rollout: Rollout;
  totals: Totals;
  perState: Record<string, StateReport>;
  perTransition: Record<string, TransitionReport>;
  recommendations: Recommendation[];
  /** Inputs of the recommendation rule. */
  recommendationPolicy: { threshold: number; minCases: number };
  /** Anything the run wants the reader to know: stuck cases, guard errors, compile problems. */
  health: { stuckCases: number; guardErrors: number; maxStepsPerCase: number; problems: string[] };
}
