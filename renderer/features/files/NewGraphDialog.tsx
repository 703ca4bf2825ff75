/** New graph: pick a template (blank or a sample SOP) or open a file. */
import { newProject, openFileCommand } from '../../app/projects';
import { TEMPLATES } from '../../app/templates';
import { Dialog } from '../../ui/Dialog';

export function NewGraphDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} label="New graph" testId="new-graph-dialog">
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
    </Dialog>
  );
}
