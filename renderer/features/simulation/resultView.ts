/**
 * The figures the simulator UI reads, in one flat shape. `toResultView` adapts shared/replay's
 * SimulationResult to it, so panels and the overlay builder do not depend on every detail of
 * the engine's result type (and are tested with small hand-made views).
 */

/** A rate with its 95% Wilson interval; `rate`, `lo`, `hi` are null when `n` is 0. */
export interface Rate {
  k: number;
  n: number;
  rate: number | null;
  lo: number | null;
  hi: number | null;
}

export interface PeriodFigures {
  /** "2024-03" (month of the case start). */
  period: string;
  visits: number;
  agree: number;
  overrides: number;
  autoErrors: number;
  suggestSteps: number;
  autoSteps: number;
}

export interface StateFigures {
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
  agreement: Rate;
  overrideRate: Rate;
  autoErrorRate: Rate;
  byPeriod: PeriodFigures[];
}

export interface TransitionFigures {
  /** Steps where people took this branch. */
  humanChoices: number;
  /** Steps where the agent chose this branch. */
  agentChoices: number;
  agree: number;
  overrides: number;
  autoErrors: number;
  suggestSteps: number;
  autoSteps: number;
  guardrailTrips: number;
  overrideRate: Rate;
  autoErrorRate: Rate;
}

/** The graph totals exactly as the replay engine reports them (one definition, in shared/). */
import type { Totals } from '../../../shared/replay/result';
export type { Totals };

export interface ResultView {
  totals: Totals;
  perState: Record<string, StateFigures>;
  perTransition: Record<string, TransitionFigures>;
}
