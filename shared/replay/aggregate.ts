/**
 * simulate(): stream recorded cases through a compiled graph and aggregate. The graph is compiled
 * once; each case costs one variables object, the walk, and counter increments — no per-step
 * allocation. Works on sync iterables (in-memory cases) and async ones (streaming importers: cases
 * one by one, or in batches as readCaseBatches gives them).
 */
import type { GraphDoc, RecordedCase, Rollout } from '../model/types';
import { ReplayAccumulator } from './accumulator';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator } from './evaluate';
import { FactStore } from './factStore';
import { DEFAULT_POLICY, type RecommendPolicy } from './recommend';
import type { SimulationResult } from './result';
import { caseTiming, walkCase, type CaseEnd, type CaseTiming, type ReplaySink } from './walk';
import type { TierResult } from '../tier/effectiveTier';

export { ReplayAccumulator } from './accumulator';

export interface SimulateOptions {
  /** Rollout stage to score under; defaults to the graph's own. */
  rollout?: Rollout;
  signal?: AbortSignal;
  /** Called every `progressEvery` cases (default 10,000) and at the end. */
  onProgress?: (p: { cases: number }) => void;
  progressEvery?: number;
  /** Keep a compact per-step fact store in the result (`facts`) for what-if re-scoring. */
  keepFacts?: boolean;
  /** Recommendation policy (threshold, minCases). */
  policy?: Partial<RecommendPolicy>;
}

export interface SimulationRun extends SimulationResult {
  /** Present when `keepFacts` was set: input to whatIf(). */
  facts?: FactStore;
}

class Tee implements ReplaySink {
  constructor(
    private readonly a: ReplaySink,
    private readonly b: ReplaySink,
  ) {}
  step(
    state: number,
    agent: number,
    human: number,
    tier: TierResult,
    guardErrors: number,
    eventIndex: number,
    handlingMs: number,
  ): void {
    this.a.step(state, agent, human, tier, guardErrors, eventIndex, handlingMs);
    this.b.step(state, agent, human, tier, guardErrors, eventIndex, handlingMs);
  }
  deviation(state: number): void {
    this.a.deviation(state);
    this.b.deviation(state);
  }
  endCase(end: CaseEnd, state: number, trailing: number): void {
    this.a.endCase(end, state, trailing);
    this.b.endCase(end, state, trailing);
  }
}

/**
 * Replays every case and returns the aggregate result. Accepts a document or an already compiled
 * graph. Throws an AbortError-named Error when `signal` aborts.
 */
export async function simulate(
  doc: GraphDoc | CompiledGraph,
  cases: AsyncIterable<RecordedCase | readonly RecordedCase[]> | Iterable<RecordedCase>,
  opts: SimulateOptions = {},
): Promise<SimulationRun> {
  const g = 'transitionIds' in doc ? (doc as CompiledGraph) : compileGraph(doc);
  const rollout = opts.rollout ?? g.rollout;
  const policy = { ...DEFAULT_POLICY, ...opts.policy };
  const ev = new CaseEvaluator(g, rollout);
  const acc = new ReplayAccumulator(g, rollout, policy);
  const facts = opts.keepFacts ? new FactStore(g) : null;
  const sink: ReplaySink = facts ? new Tee(acc, facts) : acc;
  const every = Math.max(1, opts.progressEvery ?? 10_000);
  let n = 0;
  const timing: CaseTiming = { elapsedMs: NaN, handlingMs: 0, hasStart: false };
  const one = (c: RecordedCase) => {
    ev.beginCase(c.attributes ?? {});
    caseTiming(c, timing);
    acc.beginCase(timing.startMs);
    acc.timeCase(timing);
    facts?.beginCase(c.caseId, c.attributes ?? {}, timing.startMs, timing);
    walkCase(ev, c, sink);
    if (++n % every === 0) {
      if (opts.signal?.aborted) throw abortError();
      opts.onProgress?.({ cases: n });
    }
  };
  if (opts.signal?.aborted) throw abortError();
  if (Symbol.asyncIterator in (cases as object)) {
    // a batch (readCaseBatches: the cases of one text chunk) saves an async step per case
    for await (const c of cases as AsyncIterable<RecordedCase | readonly RecordedCase[]>) {
      if (isBatch(c)) for (let i = 0; i < c.length; i++) one(c[i]!);
      else one(c);
    }
  } else {
    for (const c of cases as Iterable<RecordedCase>) one(c);
  }
  opts.onProgress?.({ cases: n });
  const result: SimulationRun = acc.result();
  if (facts) result.facts = facts;
  return result;
}

function isBatch(c: RecordedCase | readonly RecordedCase[]): c is readonly RecordedCase[] {
  return Array.isArray(c);
}

function abortError(): Error {
  const e = new Error('simulation aborted');
  e.name = 'AbortError';
  return e;
}
