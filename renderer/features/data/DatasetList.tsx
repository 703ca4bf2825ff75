/** The imported datasets (newest first): select one, or delete it with its chunks and runs. */
import { useLiveQuery } from 'dexie-react-hooks';
import { confirmAction } from '../../ui/confirm';
import { dataDb, deleteDataset } from '../simulation/db';
import { useSim } from '../simulation/simStore';
import { fmtInt } from './format';

export function DatasetList() {
  const dataVersion = useSim((s) => s.dataVersion);
  const selected = useSim((s) => s.datasetId);
  const setDataset = useSim((s) => s.setDataset);
  const bump = useSim((s) => s.bumpData);
  const rows = useLiveQuery(() => dataDb().datasets.orderBy('createdAt').reverse().toArray(), [dataVersion]);
  if (!rows) return null;
  if (rows.length === 0) return <div className="sim-muted">No datasets yet.</div>;
  return (
    <ul className="sim-list" data-testid="dataset-list">
      {rows.map((d) => (
        <li key={d.id} className={d.id === selected ? 'sim-selected' : undefined}>
          <button type="button" className="sim-link" onClick={() => setDataset(d.id)} data-testid="dataset-item">
            {d.name}
          </button>
          {/* the reason is in the tooltip: the import panel's alert already says it, once */}
          <span className="sim-muted" title={d.error} data-testid="dataset-status">
            {d.status === 'ready'
              ? `${fmtInt(d.stats?.cases)} cases · ${fmtInt(d.stats?.events)} events`
              : d.status === 'failed'
                ? 'import failed (point here for why)'
                : d.status}
          </span>
          <button
            type="button"
            className="sim-icon"
            title="Delete dataset"
            onClick={async () => {
              if (
                !(await confirmAction({
                  title: 'Delete dataset',
                  message: `Delete dataset “${d.name}” and its runs?`,
                  confirmLabel: 'Delete',
                  danger: true,
                }))
              )
                return;
              await deleteDataset(dataDb(), d.id);
              if (selected === d.id) setDataset(null);
              bump();
            }}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
