/**
 * The Export dialog: pick a format, see what blocks export (validation errors), sign off tiers
 * raised since the last export, preview, save. Passing the gate bumps the document's version and
 * records the export in it (one undoable edit) — but only once the file was actually saved.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildArtifact, DEFAULT_CEL_MODULE, FORMAT_LABELS, type Artifact } from '../../../shared/export/artifact';
import { describeTransitionKey } from '../../../shared/model/diff';
import { checkExport, commitExport, EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/gate';
import { download, isDesktop, saveTextFile } from '../../app/desktop';
import { useEditor } from '../../app/store';
import { notify } from '../../ui/toast';
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
  const report = useReportSource(doc, format === 'html');
  const reportReady = format !== 'html' || report.state === 'ready';
  const nextDoc = useMemo(() => ({ ...doc, version: doc.version + 1 }), [doc]);

  useEffect(() => {
    let cancelled = false;
    setPreview(null);
    if (check.errors.length || !reportReady) return;
    const opts = { celModule, report: report.state === 'ready' ? report : undefined };
    void buildArtifact(nextDoc, format, opts).then((a) => !cancelled && setPreview(a), () => {});
    return () => {
      cancelled = true;
    };
  }, [nextDoc, format, celModule, check.errors.length, reportReady, report]);

  const canExport = check.errors.length === 0 && reportReady && (!check.signOffRequired || by.trim() !== '') && !busy;

  async function onExport() {
    setBusy(true);
    try {
      const gate = await commitExport(doc, { format, signOff: by.trim() ? { by, note } : undefined });
      if (!gate.ok) return notify(gate.blocked === 'invalid' ? 'Export blocked by validation errors' : 'Raised tiers need a sign-off', 'bad');
      const artifact = await buildArtifact(gate.doc, format, { celModule, contentHash: gate.record.contentHash, report: report.state === 'ready' ? report : undefined });
      const saved = isDesktop() ? await saveTextFile({ suggestedName: artifact.fileName, contents: artifact.text }) : (download(artifact.fileName, artifact.text, artifact.mime), { path: null });
      if (!saved) return; // the save dialog was cancelled: nothing was exported, nothing recorded
      edit(`Export v${gate.doc.version} (${format})`, () => gate.doc);
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
        <p className="muted">
          Version {doc.version} → {doc.version + 1}. {check.previous ? `Last export: v${check.previous.version}, ${new Date(check.previous.at).toLocaleString()}.` : 'Never exported.'}
        </p>
        <fieldset className="export-formats">
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} /> {FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>
        {format === 'ts' && (
          <label className="export-field">
            CEL module <input value={celModule} onChange={(e) => setCelModule(e.target.value)} spellCheck={false} />
          </label>
        )}
        {format === 'html' && report.state === 'none' && <p className="export-warn">Run a simulation first: the report shows the active run’s figures.</p>}
        {format === 'html' && report.state === 'ready' && !report.sameGraph && <p className="export-warn">The active run replayed an earlier version of this graph; run it again for figures that match.</p>}
        {check.errors.length > 0 && (
          <div className="export-blockers" data-testid="export-blockers">
            <strong>{check.errors.length} validation error(s) block export:</strong>
            <ul>{check.errors.slice(0, 8).map((d, i) => <li key={i}><code>{d.code}</code> {d.message}</li>)}</ul>
          </div>
        )}
        {check.signOffRequired && check.errors.length === 0 && (
          <div className="export-signoff" data-testid="export-signoff">
            <strong>Tiers raised since {check.previous ? `v${check.previous.version}` : 'the start'} — sign off to export:</strong>
            <ul>
              {check.tiersRaised.map((t) => <li key={t.id}>{describeTransitionKey(t.id)}: <b>{t.from} → {t.to}</b></li>)}
              {check.rolloutRaised && <li>rollout stage: <b>{check.rolloutRaised.from} → {check.rolloutRaised.to}</b></li>}
            </ul>
            <label className="export-field">Signed off by <input value={by} onChange={(e) => setBy(e.target.value)} data-testid="export-signoff-by" /></label>
            <label className="export-field">Note <input value={note} onChange={(e) => setNote(e.target.value)} /></label>
          </div>
        )}
        {preview && (
          <details className="export-preview" open={format !== 'html'}>
            <summary>Preview · {preview.fileName} · {(preview.text.length / 1024).toFixed(1)} KB</summary>
            <pre data-testid="export-preview">{preview.text.slice(0, PREVIEW_CHARS)}{preview.text.length > PREVIEW_CHARS ? '\n…' : ''}</pre>
          </details>
        )}
        <div className="dialog__actions">
          <span className="topbar__spacer" />
          <button onClick={onClose}>Cancel</button>
          <button className="primary-button" disabled={!canExport} onClick={() => void onExport()} data-testid="export-confirm">
            Export
          </button>
        </div>
    </Dialog>
  );
}
