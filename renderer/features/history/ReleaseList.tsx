/**
 * The graph's releases (its export history, newest first): version, when, the formats exported,
 * the content hash, and the sign-off — who, when, the note and the evidence they were shown.
 */
import { memo } from 'react';
import { exportHistory } from '../../../shared/export/gate';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function ReleaseListView({ doc }: { doc: GraphDoc }) {
  const releases = exportHistory(doc).slice().reverse();
  return (
    <section className="release-list" data-testid="release-list" aria-label="Releases">
      <h3>Releases</h3>
      {releases.length === 0 && <p className="muted">Not released yet. Export the graph to make a release.</p>}
      <ol>
        {releases.map((r) => (
          <li key={r.version} data-testid="release-item">
            <div>
              <b>v{r.version}</b> · {new Date(r.at).toLocaleString()} · {(r.formats ?? [r.format]).join(', ')}
            </div>
            <div className="muted">
              <code title={r.contentHash}>{r.contentHash.slice(0, 19)}…</code>
            </div>
            {r.signOff ? (
              <div data-testid="release-signoff">
                Signed off by <b>{r.signOff.by}</b>, {new Date(r.signOff.at).toLocaleString()}
                {r.signOff.note && <> — “{r.signOff.note}”</>}
                {r.signOff.evidence?.run && (
                  <div className="muted">
                    Evidence: “{r.signOff.evidence.run.datasetName}”, {r.signOff.evidence.run.cases} cases
                    {r.signOff.evidence.run.stale ? ' (stale run)' : ''}
                  </div>
                )}
                <ul>
                  {(r.signOff.evidence?.branches ?? []).map((b) => (
                    <li key={b.branch}>
                      {b.label}: {b.from} → {b.to}
                      {b.disagreement && (
                        <span className="muted">
                          {' '}
                          · disagreement {pct(b.disagreement.rate)} [{pct(b.disagreement.low)}–
                          {pct(b.disagreement.high)}]
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <div className="muted">No sign-off needed (no tier raised).</div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const ReleaseListMemo = memo(ReleaseListView);

/** Releases of the open graph. */
export function ReleaseList() {
  const doc = useEditor((s) => s.doc);
  return <ReleaseListMemo doc={doc} />;
}
