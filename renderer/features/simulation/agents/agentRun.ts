/**
 * One agent comparison over a stored run's dataset: read the cases chunk by chunk, build the
 * chosen policies, compare them side by side (shared/agents), and save the result WITH the run
 * (AgentRunRow: the specs without any key, the figures, each learned agent's model). Runs in the
 * agents worker — so a model agent's HTTP calls leave from there — and in Node tests.
 */
import {
  compareAgents,
  type AgentComparison,
  type AnyPolicy,
  type LearnedPolicy,
  type ModelStats,
} from '../../../../shared/agents';
import type { ModelProgress } from '../../../../shared/agents/model';
import type { GraphDoc, RecordedCase, Rollout } from '../../../../shared/model/types';
import { readDatasetCases, type AgentRunRow, type DataDb } from '../db';
import { policyFromSpec, responseStore, type ModelSecret, type PolicySpec } from './agentSpecs';

export interface AgentRunInput {
  agentRunId: string;
  runId: string;
  datasetId: string;
  graph: GraphDoc;
  rollout: Rollout;
  policies: PolicySpec[];
  options: AgentRunRow['options'];
}

export interface AgentProgress {
  phase: 'reading' | 'comparing';
  cases: number;
  totalCases: number;
  ms: number;
  /** Model agent only: endpoint requests, calls/s, cache hits, tokens, requests refused once stopped. */
  model?: { requests: number; callsPerSecond: number; cacheHits: number; tokens: number; skippedForBudget: number };
}

export interface AgentRunHooks {
  secret: ModelSecret;
  fetch: typeof fetch;
  onProgress?(p: AgentProgress): void;
  /** Set by the caller to stop: model calls stop at once (partial results); a run without one is dropped. */
  cancelled?: () => boolean;
  now?: () => number;
}

export class AgentRunCancelled extends Error {
  constructor() {
    super('agent comparison cancelled');
  }
}

function isLearned(p: AnyPolicy): p is LearnedPolicy {
  return p.kind === 'learned' && typeof (p as Partial<LearnedPolicy>).exportModel === 'function';
}

export async function runAgentComparison(db: DataDb, input: AgentRunInput, hooks: AgentRunHooks): Promise<AgentRunRow> {
  const now = hooks.now ?? (() => performance.now());
  const t0 = now();
  const dataset = await db.datasets.get(input.datasetId);
  if (!dataset) throw new Error('the dataset of this run is no longer stored');
  const total = dataset.stats?.cases ?? 0;
  const cases: RecordedCase[] = [];
  for await (const chunk of readDatasetCases(db, input.datasetId, dataset.chunkCount)) {
    if (hooks.cancelled?.()) throw new AgentRunCancelled();
    cases.push(...chunk.cases);
    hooks.onProgress?.({ phase: 'reading', cases: cases.length, totalCases: total, ms: now() - t0 });
  }

  // cancel and the budgets are the model policy's own (shared/agents/model.ts); here we only pass
  // the cancel on and count what really reached the endpoint
  const cancel = new AbortController();
  let endpointRequests = 0;
  const counted: typeof fetch = (url, init) => {
    if (hooks.cancelled?.()) cancel.abort();
    // a cancel noticed here stops this very call: nothing is sent
    if (cancel.signal.aborted) return Promise.reject(new DOMException('cancelled', 'AbortError'));
    endpointRequests++;
    return hooks.fetch(url, init);
  };
  // set by the policy's progress callback (TS cannot see the closure assign it)
  let last = null as ModelProgress | null;
  const policies: AnyPolicy[] = [];
  for (const s of input.policies)
    policies.push(
      await policyFromSpec(s, {
        secret: hooks.secret,
        fetch: counted,
        cache: (baseUrl) => responseStore(db.modelResponses, baseUrl),
        savedModel: async (id, name) => (await db.agentRuns.get(id))?.learnedModels[name],
        signal: cancel.signal,
        onModelProgress: (p) => void (last = p),
      }),
    );
  const model = policies.find((p) => p.kind === 'model');
  const modelStats = (): ModelStats | undefined =>
    model && model.kind !== 'rules' ? (model.summary?.() as unknown as ModelStats) : undefined;
  const tokens = (m: ModelStats) => m.promptTokens + m.completionTokens;
  const report = () => {
    const m = modelStats();
    hooks.onProgress?.({
      phase: 'comparing',
      cases: cases.length,
      totalCases: cases.length,
      ms: now() - t0,
      ...(m
        ? {
            model: {
              requests: endpointRequests,
              callsPerSecond: last?.callsPerSecond ?? 0,
              cacheHits: m.cacheHits,
              tokens: tokens(m),
              skippedForBudget: m.skippedForBudget,
            },
          }
        : {}),
    });
  };
  report();
  // the model's calls are the slow part: report them while they run, and pass a cancel on
  const timer = setInterval(() => {
    if (hooks.cancelled?.()) cancel.abort();
    report();
  }, 250);
  let comparison: AgentComparison;
  try {
    comparison = await compareAgents(input.graph, cases, policies, {
      rollout: input.rollout,
      policy: { threshold: input.options.threshold, minCases: input.options.minCases },
      trainShare: input.options.trainShare,
    });
  } finally {
    clearInterval(timer);
  }
  report();
  if (hooks.cancelled?.() && !model) throw new AgentRunCancelled();
  const m = modelStats();
  const unanswered = comparison.policies.some((p) => p.unanswered > 0);
  const stoppedBy = m?.stoppedBy ?? (cancel.signal.aborted ? 'cancelled' : null);
  const partial: AgentRunRow['partial'] =
    stoppedBy === 'cancelled'
      ? { reason: 'cancelled' }
      : stoppedBy
        ? { reason: 'budget' }
        : unanswered
          ? { reason: 'failures' }
          : null;
  if (model && m) {
    const rep = comparison.policies.find((p) => p.kind === 'model');
    if (rep)
      rep.summary = { ...rep.summary, endpointRequests, tokens: tokens(m), callsPerSecond: last?.callsPerSecond ?? 0 };
  }
  const learnedModels: Record<string, unknown> = {};
  for (const p of policies) if (isLearned(p)) learnedModels[p.name] = p.exportModel();
  const row: AgentRunRow = {
    id: input.agentRunId,
    runId: input.runId,
    datasetId: input.datasetId,
    createdAt: Date.now(),
    policies: input.policies,
    options: input.options,
    comparison,
    learnedModels,
    partial,
    ms: now() - t0,
  };
  await db.agentRuns.put(row);
  return row;
}
