/**
 * The Export dialog: pick a format, see what blocks export (validation errors), sign off tiers
 * raised since the last release with the run's evidence beside each raised branch, preview,
 * save. An export is a release: a changed graph gets the next version and a record (one
 * undoable edit, made only once the file was actually saved); the unchanged graph exported
 * again, in any format, names the same release. A run of another graph never goes into a
 * report; a run of an older version is marked stale, naming the edits since.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildArtifact, DEFAULT_CEL_MODULE, FORMAT_LABELS, type Artifact } from '../../../shared/export/artifact';
import {
  checkExport,
  commitExport,
  EXPORT_FORMATS,
  isSameRelease,
  type ExportFormat,
} from '../../../shared/export/gate';
import { signOffEvidence } from '../../../shared/export/release';
import { download, isDesktop, saveTextFile } from '../../app/desktop';
import { useEditor } from '../../app/store';
import { notify } from '../../ui/toast';
import { SignOffBox } from './SignOffBox';
import { useReportSource } from './useReportSource';
import { Dialog } from '../../ui/Dialog';
import './export.css';

const PREVIEW_CHARS = 6000;

export function ExportDialog(props: { open: boolean; onClose(): void }) {
  if (!props.open) return null;
  return <ExportDialogBody onClose={props.onClose} />;
}

function ExportDialogBody({ onClose }: { onClose(): void }) {
  const doc = useEditor((s) => s.doc);
  const edit = useEditor((s) => s.edit);
  const [format, setFormat] = useState<ExportFormat>('xstate');
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const [celModule, setCelModule] = useState(DEFAULT_CEL_MODULE);
  const [preview, setPreview] = useState<Artifact | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useMemo(() => checkExport(doc), [doc]);
  const run = useReportSource(doc);
  // a run of another graph is no evidence for this one and never goes into its report
  const ownRun = run.state === 'ready' && run.match.kind !== 'other-graph' ? run : null;
  const report = useMemo(
    () =>
      ownRun
        ? { result: ownRun.result, dataset: ownRun.dataset, ...(ownRun.agents ? { agents: ownRun.agents } : {}) }
        : undefined,
    [ownRun],
  );
  const reportReady = format !== 'html' || ownRun !== null;
  const same = isSameRelease(doc, check);
  const nextVersion = same ? doc.version : doc.version + 1;
  const nextDoc = useMemo(() => ({ ...doc, version: nextVersion }), [doc, nextVersion]);
  const evidence = useMemo(
    () =>
      signOffEvidence(
        doc,
        check.tiersRaised,
        ownRun
          ? {
              result: ownRun.result,
              datasetName: ownRun.dataset.name,
              graphHash: ownRun.graphHash,
              stale: ownRun.match.kind === 'older',
            }
          : null,
      ),
    [doc, check.tiersRaised, ownRun],
  );

  useEffect(() => {
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- drop the stale preview at once; the new one is built asynchronously below
    setPreview(null);
    if (check.errors.length || !reportReady) return;
    const opts = { celModule, report };
    void buildArtifact(nextDoc, format, opts).then(
      (a) => !cancelled && setPreview(a),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [nextDoc, format, celModule, check.errors.length, reportReady, report]);

  const canExport =
    check.errors.length === 0 && reportReady && (same || !check.signOffRequired || by.trim() !== '') && !busy;

  async function onExport() {
    setBusy(true);
    try {
      const gate = await commitExport(doc, { format, signOff: by.trim() ? { by, note, evidence } : undefined });
      if (!gate.ok)
        return notify(
          gate.blocked === 'invalid' ? 'Export blocked by validation errors' : 'Raised tiers need a sign-off',
          'bad',
        );
      const artifact = await buildArtifact(gate.doc, format, {
        celModule,
        contentHash: gate.record.contentHash,
        report,
      });
      const saved = isDesktop()
        ? await saveTextFile({ suggestedName: artifact.fileName, contents: artifact.text })
        : (download(artifact.fileName, artifact.text, artifact.mime), { path: null });
      if (!saved) return; // the save dialog was cancelled: nothing was exported, nothing recorded
      if (gate.doc !== doc)
        edit(
          gate.reused ? `Export v${gate.doc.version} again (${format})` : `Release v${gate.doc.version} (${format})`,
          () => gate.doc,
        );
      notify(`Exported ${artifact.fileName}`, 'good');
      onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    // the shared modal (ui/Dialog): Esc closes, focus stays inside
    <Dialog open onClose={onClose} label="Export" className="export-dialog" testId="export-dialog">
      <h2>Export “{doc.name}”</h2>
      <p className="muted" data-testid="export-release">
        {same
          ? `Unchanged since release v${doc.version}: this export names the same release (same version and hash).`
          : `New release: version ${doc.version} → ${nextVersion}.`}{' '}
        {check.previous
          ? `Last release: v${check.previous.version}, ${new Date(check.previous.at).toLocaleString()}.`
          : 'Never released.'}
      </p>
      <fieldset className="export-formats">
        <legend>Format</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f}>
            <input
              type="radio"
              name="export-format"
              value={f}
              checked={format === f}
              onChange={() => setFormat(f)}
              data-testid={`export-format-${f}`}
            />{' '}
            {FORMAT_LABELS[f]}
          </label>
        ))}
      </fieldset>
      {format === 'ts' && (
        <label className="export-field">
          CEL module <input value={celModule} onChange={(e) => setCelModule(e.target.value)} spellCheck={false} />
        </label>
      )}
      {format === 'html' && run.state === 'none' && (
        <p className="export-warn">Run a simulation first: the report shows the active run’s figures.</p>
      )}
      {run.state === 'ready' && run.match.kind === 'other-graph' && (
        <p className="export-warn" data-testid="export-run-other">
          The active run is not of this graph ({run.match.reason}): it is not shown here nor put in a report. Run this
          graph.
        </p>
      )}
      {run.state === 'ready' && run.match.kind === 'older' && (
        <div className="export-warn" data-testid="export-run-stale">
          The active run is of an older version of this graph; edits since:{' '}
          <ul>
            {run.match.edits.slice(0, 8).map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
          Run it again for figures that match.
        </div>
      )}
      {check.errors.length > 0 && (
        <div className="export-blockers" data-testid="export-blockers">
          <strong>{check.errors.length} validation error(s) block export:</strong>
          <ul>
            {check.errors.slice(0, 8).map((d, i) => (
              <li key={i}>
                <code>{d.code}</code> {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {check.signOffRequired && check.errors.length === 0 && !same && (
        <SignOffBox check={check} evidence={evidence} by={by} note={note} onBy={setBy} onNote={setNote} />
      )}
      {preview && (
        <details className="export-preview" open={format !== 'html'}>
          <summary>
            Preview · {preview.fileName} · {(preview.text.length / 1024).toFixed(1)} KB
          </summary>
          <pre data-testid="export-preview">
            {preview.text.slice(0, PREVIEW_CHARS)}
            {preview.text.length > PREVIEW_CHARS ? '\n…' : ''}
          </pre>
        </details>
      )}
      <div className="dialog__actions">
        <span className="topbar__spacer" />
        <button onClick={onClose}>Cancel</button>
        <button
          className="primary-button"
          disabled={!canExport}
          onClick={() => void onExport()}
          data-testid="export-confirm"
        >
          Export
        </button>
      </div>
    </Dialog>
  );
}
