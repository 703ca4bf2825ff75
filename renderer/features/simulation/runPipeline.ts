/**
 * One replay run over a stored dataset, chunk by chunk: the same compiled graph, evaluator, walk
 * and accumulator as shared/replay's simulate() (so the figures equal `sop-studio simulate`), plus
 * two extra sinks on the same walk: the FactStore that what-if re-scores, and per-case outcome
 * flags for the case explorer. Runs in the replay worker and in Node tests.
 */
import { contentHash } from '../../../shared/export/contentHash';
import type { GraphDoc, RecordedCase, Rollout } from '../../../shared/model/types';
import { ReplayAccumulator } from '../../../shared/replay/accumulator';
import { compileGraph, type CompiledGraph } from '../../../shared/replay/compile';
import { CaseEvaluator, caseVars } from '../../../shared/replay/evaluate';
import { FactStore } from '../../../shared/replay/factStore';
import type { SimulationResult } from '../../../shared/replay/result';
import {
  caseStart,
  caseTiming,
  walkCase,
  type CaseEnd,
  type CaseTiming,
  type ReplaySink,
} from '../../../shared/replay/walk';
import type { TierResult } from '../../../shared/tier/effectiveTier';
import {
  CASE_FLAG,
  MAX_CASE_FIELDS,
  MAX_FLAGGED_CASES,
  readDatasetCases,
  type CaseOutcome,
  type DataDb,
  type RunRow,
} from './db';

/** Outcome flags of the case being walked (same rules as replayCase's outcomeOf). */
class FlagSink implements ReplaySink {
  flags = 0;
  step(_state: number, agent: number, human: number, tier: TierResult): void {
    if (agent < 0) this.flags |= CASE_FLAG.abstained;
    if (agent !== human) {
      if (tier.tier === 'suggest') this.flags |= CASE_FLAG.overridden;
      else if (tier.tier === 'auto') this.flags |= CASE_FLAG.autoError;
    }
  }
  deviation(): void {
    this.flags |= CASE_FLAG.deviated;
  }
  endCase(): void {}
}

class Fanout implements ReplaySink {
  constructor(private readonly sinks: ReplaySink[]) {}
  step(
    state: number,
    agent: number,
    human: number,
    tier: TierResult,
    guardErrors: number,
    eventIndex: number,
    dtMs: number,
  ): void {
    for (const s of this.sinks) s.step(state, agent, human, tier, guardErrors, eventIndex, dtMs);
  }
  deviation(state: number): void {
    for (const s of this.sinks) s.deviation(state);
  }
  endCase(end: CaseEnd, state: number, trailing: number): void {
    for (const s of this.sinks) s.endCase(end, state, trailing);
  }
}

export interface RunInput {
  runId: string;
  datasetId: string;
  datasetName: string;
  projectId: string | null;
  doc: GraphDoc;
  rollout: Rollout;
  /** false: only rebuild the facts (a stored run reopened for what-if); nothing is written. */
  store?: boolean;
}

export interface RunOutput {
  row: RunRow;
  result: SimulationResult;
  compiled: CompiledGraph;
  facts: FactStore;
}

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
  }
}

/** Replay every case of the dataset; store the run (result + flagged cases) in the data DB. */
export async function runReplay(
  db: DataDb,
  input: RunInput,
  opts: { signal?: AbortSignal; onProgress?: (cases: number, total: number) => void; now?: () => number } = {},
): Promise<RunOutput> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const dataset = await db.datasets.get(input.datasetId);
  if (!dataset || dataset.status !== 'ready') throw new Error(`dataset ${input.datasetId} is not ready`);
  const total = dataset.stats?.cases ?? 0;
  const row: RunRow = {
    id: input.runId,
    datasetId: input.datasetId,
    datasetName: input.datasetName,
    projectId: input.projectId,
    graphName: input.doc.name,
    graphVersion: input.doc.version,
    // hashed here, from the very document replayed, so the run's claim about its graph is exact
    graphHash: await contentHash(input.doc),
    graph: input.doc,
    rollout: input.rollout,
    createdAt: Date.now(),
    status: 'running',
  };
  const store = input.store !== false;
  if (store) await db.runs.put(row);
  try {
    const g = compileGraph(input.doc);
    const ev = new CaseEvaluator(g, input.rollout);
    const acc = new ReplayAccumulator(g, input.rollout);
    const facts = new FactStore(g);
    const flag = new FlagSink();
    const sink = new Fanout([acc, facts, flag]);
    const flagged: CaseOutcome[] = [];
    let flaggedTotal = 0;
    const fields = new Set<string>();
    let n = 0;
    for await (const { chunk, cases } of readDatasetCases(db, input.datasetId, dataset.chunkCount)) {
      if (opts.signal?.aborted) throw new RunCancelled();
      cases.forEach((c: RecordedCase, pos: number) => {
        const start = caseStart(c);
        ev.begin(caseVars(g, c.attributes ?? {}));
        const timing = caseTiming(c, {} as CaseTiming);
        acc.beginCase(start);
        acc.timeCase(timing);
        facts.beginCase(c.caseId, c.attributes ?? {}, start, timing);
        flag.flags = 0;
        if (fields.size < MAX_CASE_FIELDS) for (const k of Object.keys(c.attributes ?? {})) fields.add(k);
        walkCase(ev, c, sink);
        if (flag.flags) {
          flaggedTotal++;
          if (flagged.length < MAX_FLAGGED_CASES) flagged.push({ caseId: c.caseId, chunk, pos, flags: flag.flags });
        }
      });
      n += cases.length;
      opts.onProgress?.(n, total);
    }
    const result = acc.result();
    const done: RunRow = {
      ...row,
      status: 'done',
      result,
      flagged,
      flaggedTotal,
      caseFields: [...fields].sort(),
      ms: now() - started,
    };
    if (store) await db.runs.put(done);
    return { row: done, result, compiled: g, facts };
  } catch (e) {
    const cancelled = e instanceof RunCancelled;
    if (!store) throw e;
    if (cancelled) await db.runs.delete(row.id);
    else await db.runs.put({ ...row, status: 'failed', error: String((e as Error)?.message ?? e) });
    throw e;
  }
}
