/** In the case explorer: the model agent's answer and one-line reason at each decision of the open case. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { GraphDoc, RecordedCase, Rollout } from '../../../../shared/model/types';
import { fmtPct } from '../../data/format';
import { dataDb } from '../db';
import { responseStore, type ModelSettings, type PolicySpec } from './agentSpecs';
import { modelReasons, type ModelReason } from './modelReasons';

export function ModelReasons(props: { runId: string; graph: GraphDoc; rollout: Rollout; c: RecordedCase }) {
  // the live query reads Dexie only; the walk (which hashes requests with WebCrypto) runs outside it,
  // since a live query's zone does not survive non-Dexie awaits
  const spec = useLiveQuery(async () => {
    const runs = await dataDb().agentRuns.where('runId').equals(props.runId).sortBy('createdAt');
    return (
      runs
        .map(
          (r) =>
            r.policies.find((p) => (p as PolicySpec).kind === 'model') as
              (ModelSettings & { kind: 'model' }) | undefined,
        )
        .filter((s) => s !== undefined)
        .at(-1) ?? null
    );
  }, [props.runId]);
  const [reasons, setReasons] = useState<{ spec: ModelSettings; rows: ModelReason[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clear the old model's reasons before the new model is asked (over the network)
    setReasons(null);
    if (!spec) return;
    let live = true;
    modelReasons(props.graph, props.rollout, props.c, spec, responseStore(dataDb().modelResponses, spec.baseUrl)).then(
      (rows) => live && setReasons({ spec, rows }),
      (e: unknown) => live && setError(String((e as Error)?.message ?? e)),
    );
    return () => {
      live = false;
    };
  }, [spec, props.graph, props.rollout, props.c]);
  if (error) return <div className="sim-card sim-error">Model agent's reasons: {error}</div>;
  if (!reasons) return null;
  return (
    <div className="sim-card" data-testid="case-model-reasons">
      <strong>Model agent ({reasons.spec.model}) on this case</strong>
      {reasons.rows.length === 0 && <span className="sim-muted">No decision of this case was put to the model.</span>}
      <ol className="sim-wrap">
        {reasons.rows.map((r, i) => (
          <li key={i} data-state={r.state}>
            <b>{r.state}</b>:{' '}
            {!r.cached ? (
              <span className="sim-muted">no saved answer (not asked, or the run stopped before it)</span>
            ) : r.invalid ? (
              'unusable answer (counted as an abstention)'
            ) : r.proposed ? (
              `→ ${r.proposed}`
            ) : (
              'abstains'
            )}
            {r.confidence !== null ? ` · confidence ${fmtPct(r.confidence, 0)}` : ''}
            {r.reason ? (
              <span className="sim-muted" data-testid="model-reason">
                {' '}
                — {r.reason}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
