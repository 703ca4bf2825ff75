/**
 * Where an HTML report's figures come from in the app: the simulator's active run, its dataset,
 * and whether that run replayed the graph as it is now (same content hash) — a report must not
 * pair today's graph with figures of an older one without saying so.
 */
import { useEffect, useState } from 'react';
import { contentHash } from '../../../shared/export/contentHash';
import type { DatasetInfo } from '../../../shared/export/htmlReport';
import { withDefaults } from '../../../shared/model/defaults';
import type { GraphDoc } from '../../../shared/model/types';
import type { SimulationResult } from '../../../shared/replay/result';
import { dataDb } from '../simulation/db';
import { useSim } from '../simulation/simStore';

export type ReportSource =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; result: SimulationResult; dataset: DatasetInfo; sameGraph: boolean };

export function useReportSource(doc: GraphDoc, enabled: boolean): ReportSource {
  const active = useSim((s) => s.active);
  const [source, setSource] = useState<ReportSource>({ state: 'none' });
  useEffect(() => {
    if (!enabled || !active) {
      setSource({ state: 'none' });
      return;
    }
    let cancelled = false;
    setSource({ state: 'loading' });
    void (async () => {
      const db = dataDb();
      const [row, run, current] = await Promise.all([db.datasets.get(active.datasetId), db.runs.get(active.runId), contentHash(doc)]);
      const runHash = run?.graph && typeof run.graph === 'object' ? await contentHash(withDefaults(run.graph as Record<string, unknown>)) : null;
      const dataset: DatasetInfo = {
        name: row?.name ?? active.datasetId,
        fileName: row?.fileName,
        cases: row?.stats?.cases ?? active.result.totals.cases,
        events: row?.stats?.events,
        firstTimestamp: row?.stats?.firstTimestamp ?? null,
        lastTimestamp: row?.stats?.lastTimestamp ?? null,
      };
      if (!cancelled) setSource({ state: 'ready', result: active.result, dataset, sameGraph: runHash === current });
    })().catch(() => !cancelled && setSource({ state: 'none' }));
    return () => {
      cancelled = true;
    };
  }, [doc, active, enabled]);
  return source;
}
