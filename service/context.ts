/**
 * What every part of the service shares: the database pool, the released graph (compiled once),
 * the runner's XState machine, the tool handlers and the service's settings.
 */
import type pg from 'pg';
import type { GraphDoc, Rollout } from '../shared/model/types';
import { compileGraph, type CompiledGraph } from '../shared/replay/compile';
import { CaseEvaluator } from '../shared/replay/evaluate';
import { buildRunnerMachine, type RunnerMachine } from '../shared/runtime/machine';
import type { Environment, ToolHandler } from '../shared/runtime/runner';

export interface ServiceSettings {
  environment: Environment;
  /** How long a `suggest` draft waits for a decision before it escalates to a human. */
  approvalTimeoutSeconds: number;
  /** Steps one case may take (loops): past it the case is stuck. */
  maxSteps: number;
  /** Backoff before a retry of a failed tool call. */
  retryDelayMs: number;
  /** Consecutive failed calls of a tool (on any worker) that open its circuit breaker. */
  breakerFailures: number;
  /** How long an open breaker refuses calls before it lets one trial through. */
  breakerCooldownMs: number;
}

export interface ServiceContext {
  pool: pg.Pool;
  graph: GraphDoc;
  g: CompiledGraph;
  machine: RunnerMachine;
  tools: Readonly<Record<string, ToolHandler>>;
  settings: ServiceSettings;
  /** One evaluator per rollout stage: the stage is read from the database at every step. */
  evaluator(rollout: Rollout): CaseEvaluator;
}

const DEFAULT_SETTINGS: ServiceSettings = {
  environment: 'staging',
  approvalTimeoutSeconds: 24 * 3600,
  maxSteps: 1000,
  retryDelayMs: 500,
  breakerFailures: 5,
  breakerCooldownMs: 60_000,
};

export function createContext(
  pool: pg.Pool,
  graph: GraphDoc,
  tools: Record<string, ToolHandler>,
  settings: Partial<ServiceSettings> = {},
): ServiceContext {
  const g = compileGraph(graph);
  const evaluators = new Map<Rollout, CaseEvaluator>();
  return {
    pool,
    graph,
    g,
    machine: buildRunnerMachine(g),
    tools: Object.freeze({ ...tools }),
    settings: { ...DEFAULT_SETTINGS, ...settings },
    evaluator(rollout) {
      let ev = evaluators.get(rollout);
      if (!ev) evaluators.set(rollout, (ev = new CaseEvaluator(g, rollout)));
      return ev;
    },
  };
}
