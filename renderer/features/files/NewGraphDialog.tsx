/** New graph: pick a template (blank or a sample SOP) or open a file. */
import { newProject, openFileCommand } from '../../app/projects';
import { TEMPLATES } from '../../app/templates';

export function NewGraphDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  if (!open) return null;
  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div role="dialog" aria-modal="true" aria-label="New graph" className="dialog nokey" data-testid="new-graph-dialog" onMouseDown={(e) => e.stopPropagation()}>
        <h2>New graph</h2>
        <p className="muted">Start from a template. Everything is kept on this computer and saved as you edit.</p>
        <div className="template-grid">
          {TEMPLATES.map((t) => (
            <button
              key={t.id}
              className="template-card"
              data-testid={`template-${t.id}`}
              onClick={() => {
                onClose();
                void newProject(t.id);
              }}
            >
              <span className="template-card__name">{t.name}</span>
              <span className="template-card__desc">{t.description}</span>
            </button>
          ))}
        </div>
        <div className="dialog__actions">
          <button
            onClick={() => {
              onClose();
              void openFileCommand();
            }}
          >
            Open a .sop.json or XState file…
          </button>
          <span className="topbar__spacer" />
          <button onClick={onClose}>Cancel</button>
        </div>
      </div>
    </div>
  );
}
