/**
 * Messages between the UI and the replay worker. One worker per run: it replays the dataset once,
 * stores the run, then stays alive holding the per-step facts so what-if variants re-score them
 * without re-reading the data.
 */
import type { GraphDoc, Rollout } from '../../shared/model/types';
import type { SimulationResult } from '../../shared/replay/result';
import type { Variant } from '../../shared/replay/whatIf';

export interface RunRequest {
  runId: string;
  datasetId: string;
  datasetName: string;
  projectId: string | null;
  doc: GraphDoc;
  rollout: Rollout;
  /** false: rebuild the facts of a stored run for what-if, without writing a new run. */
  store?: boolean;
}

/** A what-if variant in the engine's terms (rollout, tiers, guardrails, limits). */
export type VariantSpec = Variant;

export type ReplayWorkerIn =
  | { type: 'run'; request: RunRequest }
  | { type: 'cancel' }
  | { type: 'whatif'; requestId: number; variant: VariantSpec };

export interface RunProgress {
  cases: number;
  totalCases: number;
  ms: number;
}

export type ReplayWorkerOut =
  | { type: 'progress'; progress: RunProgress }
  | { type: 'done'; runId: string; result: SimulationResult; ms: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; requestId?: number }
  | { type: 'whatif'; requestId: number; result: SimulationResult; method: 'rescored' | 'rereplayed'; ms: number };
