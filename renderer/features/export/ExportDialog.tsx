/**
 * The Export dialog: pick a format, see what blocks export, sign off raised tiers, preview, save.
 * (Placeholder while the exporters land; the shell mounts it already.)
 */
export function ExportDialog(props: { open: boolean; onClose(): void }) {
  if (!props.open) return null;
  return (
    <div role="dialog" aria-modal="true" aria-label="Export" className="export-dialog" data-testid="export-dialog">
      <h2>Export</h2>
      <p>Exporters are on their way.</p>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
