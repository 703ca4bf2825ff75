/**
 * "Draft an SOP from history" on a dataset (issue #10): the dataset's variants (read once from its
 * chunks), a coverage slider (default 80%) and the draft it gives — one state per activity,
 * branches ordered by frequency with their case counts, every branch `human`, rollout `observe` —
 * opened as a new project laid out with elk. The draft is validated before it is offered.
 */
import { useEffect, useMemo, useState } from 'react';
import { draftSop } from '../../../shared/discover/draftSop';
import { StatsCollector, type VariantCount } from '../../../shared/import';
import { validateGraph } from '../../../shared/validation/validate';
import { openDocumentAsProject } from '../../app/projects';
import { notify } from '../../ui/toast';
import { dataDb, readDatasetCases, type DatasetRow } from '../simulation/db';
import { fmtInt, fmtPct } from './format';
import './data.css';

type Variants =
  | { kind: 'counting'; cases: number }
  | { kind: 'ready'; variants: VariantCount[] }
  | { kind: 'failed'; message: string };

/** Every variant of the dataset, reading its chunks one by one (the page stays responsive between chunks). */
function useVariants(ds: DatasetRow): Variants {
  const [state, setState] = useState<Variants>({ kind: 'counting', cases: 0 });
  useEffect(() => {
    let live = true;
    const collector = new StatsCollector();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- back to "counting" when the dataset changes; the counts then stream in from IndexedDB
    setState({ kind: 'counting', cases: 0 });
    (async () => {
      for await (const { cases } of readDatasetCases(dataDb(), ds.id, ds.chunkCount)) {
        if (!live) return;
        for (const c of cases) collector.add(c);
        setState({ kind: 'counting', cases: collector.cases });
      }
      if (live) setState({ kind: 'ready', variants: collector.topVariants(Infinity) });
    })().catch((e: unknown) => live && setState({ kind: 'failed', message: String((e as Error)?.message ?? e) }));
    return () => {
      live = false;
    };
  }, [ds.id, ds.chunkCount]);
  return state;
}

export function DiscoverPanel({ ds, onClose }: { ds: DatasetRow; onClose(): void }) {
  const variants = useVariants(ds);
  const [coverage, setCoverage] = useState(0.8);
  const [creating, setCreating] = useState(false);
  const draft = useMemo(
    () =>
      variants.kind === 'ready' && variants.variants.length > 0
        ? draftSop(variants.variants, { coverage, name: `Drafted from ${ds.name}` })
        : null,
    [variants, coverage, ds.name],
  );
  const errors = useMemo(() => (draft ? validateGraph(draft.doc).filter((d) => d.severity === 'error') : []), [draft]);
  const activities = draft ? Object.keys(draft.doc.machine.states ?? {}).length - 2 : 0;
  const why =
    variants.kind === 'counting'
      ? 'Counting the variants first…'
      : variants.kind === 'failed'
        ? `The dataset could not be read: ${variants.message}`
        : !draft
          ? 'The dataset has no case with events.'
          : errors.length
            ? `The draft does not validate: ${errors[0]!.message}`
            : creating
              ? 'Creating the graph…'
              : null;
  const create = async () => {
    if (!draft) return;
    setCreating(true);
    try {
      await openDocumentAsProject(draft.doc, `Drafted from dataset “${ds.name}” (${fmtPct(coverage, 0)} of cases)`);
      notify(`Drafted “${draft.doc.name}”: ${activities} activities, every branch human, rollout observe`, 'good');
      onClose();
    } finally {
      setCreating(false);
    }
  };
  return (
    <div className="sim-card" data-testid="discover-panel">
      <div className="sim-row">
        <strong>Draft an SOP from this log</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="sim-discover-range">
        cover the most frequent paths of
        <input
          type="range"
          min={0.05}
          max={1}
          step={0.05}
          value={coverage}
          data-testid="discover-coverage"
          aria-label="share of cases the draft covers"
          onChange={(e) => setCoverage(Number(e.target.value))}
        />
        <strong data-testid="discover-coverage-value">{fmtPct(coverage, 0)}</strong> of cases
      </label>
      <div className="sim-muted" data-testid="discover-summary">
        {variants.kind === 'counting' &&
          `counting variants… ${fmtInt(variants.cases)} of ${fmtInt(ds.stats?.cases)} cases`}
        {draft &&
          `${fmtInt(draft.keptVariants)} of ${fmtInt(variants.kind === 'ready' ? variants.variants.length : 0)} variants cover ${fmtInt(draft.coveredCases)} of ${fmtInt(draft.totalCases)} cases (${fmtPct(draft.coveredCases / Math.max(1, draft.totalCases))}) → ${activities} activities, branches ordered by frequency, each human; rollout observe`}
      </div>
      <div className="sim-row">
        <button
          type="button"
          className="sim-primary"
          data-testid="discover-create"
          disabled={why !== null}
          title={why ?? 'Opens the draft as a new project (the current graph stays as it is)'}
          onClick={() => void create()}
        >
          Create draft graph
        </button>
        {why && (
          <span className="sim-muted" data-testid="discover-why">
            {why}
          </span>
        )}
      </div>
    </div>
  );
}
