/**
 * One dataset's figures: cases, events, activities, variants, time range, the most common variants,
 * and SOP gaps — recorded activities that no state of the current graph maps to.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { dataDb, type DatasetRow } from '../simulation/db';
import { useSim } from '../simulation/simStore';
import { sopGaps } from './datasetStats';
import { fmtDate, fmtInt } from './format';
import { DatasetAttributes } from './DatasetAttributes';
import { DiscoverPanel } from './DiscoverPanel';
import { ImportAccount } from './ImportAccount';

function readChoicesText(c: DatasetRow['readChoices']): string {
  const parts = [`classifier ${c?.classifier ?? 'name'}`];
  if (c?.dateOrder) parts.push(c.dateOrder === 'dmy' ? 'day-first dates' : 'month-first dates');
  if (c?.timeZone) parts.push(`time zone ${c.timeZone}`);
  if (c?.skipInvalid) parts.push('unreadable rows skipped and counted');
  return parts.join(' · ');
}

export function DatasetPage() {
  const datasetId = useSim((s) => s.datasetId);
  const dataVersion = useSim((s) => s.dataVersion);
  const machine = useEditor((s) => s.doc.machine);
  const ds = useLiveQuery(() => (datasetId ? dataDb().datasets.get(datasetId) : undefined), [datasetId, dataVersion]);
  const activities = useMemo(() => [...flattenMachine(machine).states.values()].map((s) => s.activity), [machine]);
  const [discovering, setDiscovering] = useState<string | null>(null);
  if (!ds || !ds.stats) return null;
  const s = ds.stats;
  const gaps = sopGaps(s, activities);
  const activityCount = Object.keys(s.activities).length;
  return (
    <div className="sim-card" data-testid="dataset-page">
      <div className="sim-row">
        <strong>{ds.name}</strong>
        <span className="sim-muted">
          {ds.fileName} · {ds.format.toUpperCase()}
          {ds.gzip ? ' (gzip)' : ''}
          {ds.mapping
            ? ` · case=${ds.mapping.caseId}, activity=${ds.mapping.activity}${ds.mapping.timestamp ? `, time=${ds.mapping.timestamp}` : ''}`
            : ''}
        </span>
        <span className="sim-muted" data-testid="ds-read-choices">
          {readChoicesText(ds.readChoices)}
        </span>
        {discovering !== ds.id && (
          <button
            type="button"
            data-testid="discover-open"
            title="A statechart of what people actually did: one state per activity, the most frequent paths"
            onClick={() => setDiscovering(ds.id)}
          >
            Draft an SOP from this log…
          </button>
        )}
      </div>
      {discovering === ds.id && <DiscoverPanel ds={ds} onClose={() => setDiscovering(null)} />}
      <dl className="sim-figures">
        <div>
          <dt>cases</dt>
          <dd data-testid="ds-cases">{fmtInt(s.cases)}</dd>
        </div>
        <div>
          <dt>events</dt>
          <dd data-testid="ds-events">{fmtInt(s.events)}</dd>
        </div>
        <div>
          <dt>activities</dt>
          <dd>{fmtInt(activityCount)}</dd>
        </div>
        <div>
          <dt>variants</dt>
          <dd>{fmtInt(s.variants)}</dd>
        </div>
        <div>
          <dt>from</dt>
          <dd className="sim-date">{fmtDate(s.firstTimestamp)}</dd>
        </div>
        <div>
          <dt>to</dt>
          <dd className="sim-date">{fmtDate(s.lastTimestamp)}</dd>
        </div>
      </dl>
      {ds.importMs !== undefined && (
        <div className="sim-muted" data-testid="ds-import-time">
          imported in {(ds.importMs / 1000).toFixed(1)} s · {fmtInt((s.events * 1000) / Math.max(1, ds.importMs))}{' '}
          events/s · {fmtInt(ds.chunkCount)} chunks
          {ds.writeMs !== undefined
            ? ` (${(ds.writeMs / 1000).toFixed(1)} s waiting on writes, ${((ds.encodeMs ?? 0) / 1000).toFixed(1)} s encoding, ${((ds.statsMs ?? 0) / 1000).toFixed(1)} s figures)`
            : ''}
        </div>
      )}
      {ds.importSummary && <ImportAccount summary={ds.importSummary} />}
      <DatasetAttributes ds={ds} />
      <h4>Most common variants</h4>
      <ol className="sim-variants">
        {s.topVariants.map((v, i) => (
          <li key={i}>
            <span className="sim-count">{fmtInt(v.cases)}</span> {v.variant.join(' → ') || '(no events)'}
          </li>
        ))}
      </ol>
      <h4>SOP gaps {gaps.length > 0 && <span className="sim-badge sim-warn">{gaps.length}</span>}</h4>
      {gaps.length === 0 ? (
        <div className="sim-muted">Every recorded activity maps to a state of “{machine.id ?? 'the graph'}”.</div>
      ) : (
        <ul className="sim-gaps" data-testid="sop-gaps">
          {gaps.slice(0, 20).map((g) => (
            <li key={g.activity}>
              <span className="sim-count">{fmtInt(g.events)}</span> {g.activity}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
