/**
 * Version history of the open graph: every save, checkpoint, open and template start is a
 * version. Compare a version with the current graph (or with the version before it): the diff is
 * listed here and painted on the canvas through the overlay. Restore is an undoable edit.
 * Releases (exports, with their sign-offs) are listed above the versions.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { plural } from '../../ui/plural';
import { useEffect, useState } from 'react';
import type { GraphDiff } from '../../../shared/model/diff';
import { db, listVersions, type VersionRecord } from '../../app/db';
import { checkpointCommand } from '../../app/projects';
import { useEditor } from '../../app/store';
import { DiffList } from './DiffList';
import { ReleaseList } from './ReleaseList';
import { diffOverlay } from './diffOverlay';

interface Comparison {
  title: string;
  diff: GraphDiff;
  versionId: number;
}

function when(t: number): string {
  const d = new Date(t);
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}

export function HistoryPanel() {
  const projectId = useEditor((s) => s.projectId);
  const versions = useLiveQuery(() => (projectId ? listVersions(db, projectId) : Promise.resolve([])), [projectId]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  // leaving the panel or switching project clears the diff painting
  useEffect(() => () => useEditor.getState().setOverlay(null), []);
  const [comparedIn, setComparedIn] = useState(projectId);
  if (projectId !== comparedIn) {
    setComparedIn(projectId);
    setComparison(null);
  }

  const compare = (older: VersionRecord, newer: VersionRecord | null) => {
    const current = useEditor.getState().doc;
    const title = newer
      ? `Changes: ${older.label} → ${newer.label}`
      : `Changes since ${older.label} (${when(older.createdAt)})`;
    const { diff, overlay } = diffOverlay(older.doc, newer?.doc ?? current, title, current);
    useEditor.getState().setOverlay(overlay);
    setComparison({ title, diff, versionId: older.id! });
  };

  return (
    <div className="history-panel" data-testid="history-panel">
      <button className="sidebar-action" data-testid="checkpoint" onClick={() => void checkpointCommand()}>
        ⚑ Save checkpoint
      </button>
      {comparison && (
        <div className="diff-box" data-testid="diff-box">
          <div className="diff-box__head">
            <b>{comparison.title}</b>
            <button
              className="link-button"
              aria-label="Close comparison"
              onClick={() => {
                setComparison(null);
                useEditor.getState().setOverlay(null);
              }}
            >
              ✕
            </button>
          </div>
          <DiffList diff={comparison.diff} />
        </div>
      )}
      <ReleaseList />
      <ol className="version-list">
        {versions?.map((v, i) => (
          <li key={v.id} className={comparison?.versionId === v.id ? 'is-active' : ''} data-testid="version-item">
            <div className="version-item__label">{v.label}</div>
            <div className="version-item__meta">
              {when(v.createdAt)} · {plural(Object.keys(v.doc.machine.states ?? {}).length, 'state')}
            </div>
            <div className="version-item__actions">
              <button className="link-button" data-testid="compare-current" onClick={() => compare(v, null)}>
                Compare with current
              </button>
              {versions[i + 1] && (
                <button className="link-button" onClick={() => compare(versions[i + 1]!, v)}>
                  vs previous
                </button>
              )}
              <button
                className="link-button"
                onClick={() => useEditor.getState().replaceDoc(structuredClone(v.doc), `Restore “${v.label}”`)}
              >
                Restore
              </button>
            </div>
          </li>
        ))}
        {versions?.length === 0 && <li className="muted">No versions yet. Save (Ctrl+S) or add a checkpoint.</li>}
      </ol>
    </div>
  );
}
