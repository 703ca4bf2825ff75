/**
 * The run the Export dialog can show and report: the simulator's active run, its dataset, and
 * how it stands against the open graph (shared/export/release.ts matchRun): a run of another
 * graph is refused for the report; a run of an older version is marked stale with the edits
 * since. The run's graph hash is read from the stored run when the run recorded one, else
 * hashed from the frozen graph it replayed.
 */
import { useEffect, useState } from 'react';
import { contentHash } from '../../../shared/export/contentHash';
import type { DatasetInfo } from '../../../shared/export/htmlReport';
import type { AgentsReport } from '../../../shared/export/report/agentsSection';
import type { AgentComparison } from '../../../shared/agents';
import { matchRun, type RunMatch } from '../../../shared/export/release';
import { isObject, withDefaults } from '../../../shared/model/defaults';
import type { GraphDoc } from '../../../shared/model/types';
import type { SimulationResult } from '../../../shared/replay/result';
import { useEditor } from '../../app/store';
import { dataDb } from '../simulation/db';
import { useSim } from '../simulation/simStore';

export type ReportSource =
  | { state: 'none' }
  | { state: 'loading' }
  | {
      state: 'ready';
      result: SimulationResult;
      dataset: DatasetInfo;
      graphHash: string;
      match: RunMatch;
      agents?: AgentsReport;
    };

export function useReportSource(doc: GraphDoc): ReportSource {
  const active = useSim((s) => s.active);
  const projectId = useEditor((s) => s.projectId);
  const [source, setSource] = useState<ReportSource>({ state: 'none' });
  useEffect(() => {
    if (!active) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the source follows the active run, which lives outside React (IndexedDB)
      setSource({ state: 'none' });
      return;
    }
    let cancelled = false;
    setSource({ state: 'loading' });
    void (async () => {
      const db = dataDb();
      const [row, run, current, agentRuns] = await Promise.all([
        db.datasets.get(active.datasetId),
        db.runs.get(active.runId),
        contentHash(doc),
        db.agentRuns.where('runId').equals(active.runId).sortBy('createdAt'),
      ]);
      if (!run || !isObject(run.graph)) {
        if (!cancelled) setSource({ state: 'none' });
        return;
      }
      const runGraph = withDefaults(run.graph);
      // the evidence engineer's runs record graphHash; older stored runs do not
      const recorded = (run as { graphHash?: unknown }).graphHash ?? undefined;
      const graphHash = typeof recorded === 'string' ? recorded : await contentHash(runGraph);
      const sameProject = run.projectId && projectId ? run.projectId === projectId : null;
      const dataset: DatasetInfo = {
        name: row?.name ?? run.datasetName ?? active.datasetId,
        fileName: row?.fileName,
        cases: row?.stats?.cases ?? active.result.totals.cases,
        events: row?.stats?.events,
        firstTimestamp: row?.stats?.firstTimestamp ?? null,
        lastTimestamp: row?.stats?.lastTimestamp ?? null,
      };
      const match = matchRun(doc, current, { graph: runGraph, graphHash, sameProject });
      // the latest agent comparison saved with the run goes into the report's agent section
      const a = agentRuns.at(-1);
      const partial = {
        budget: 'the call or token budget ran out',
        cancelled: 'the comparison was cancelled',
        failures: 'some model calls failed',
      } as const;
      const agents: AgentsReport | undefined = a
        ? {
            comparison: a.comparison as AgentComparison,
            threshold: a.options.threshold,
            minCases: a.options.minCases,
            ...(a.partial
              ? { partial: `${partial[a.partial.reason]}; unanswered decisions are scored as abstentions` }
              : {}),
          }
        : undefined;
      if (!cancelled)
        setSource({ state: 'ready', result: active.result, dataset, graphHash, match, ...(agents ? { agents } : {}) });
    })().catch(() => !cancelled && setSource({ state: 'none' }));
    return () => {
      cancelled = true;
    };
  }, [doc, active, projectId]);
  return source;
}
