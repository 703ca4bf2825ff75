/** The graphs kept in this app (IndexedDB), most recent first; click to open, ✕ to delete. */
import { useLiveQuery } from 'dexie-react-hooks';
import { plural } from '../../ui/plural';
import { confirmAction } from '../../ui/confirm';
import { db, deleteProject, listProjects } from '../../app/db';
import { openProject } from '../../app/projects';
import { useEditor } from '../../app/store';

function ago(t: number): string {
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}

export function ProjectList({ onNew }: { onNew(): void }) {
  const projects = useLiveQuery(() => listProjects(db), []);
  const current = useEditor((s) => s.projectId);
  return (
    <div className="project-list">
      <button className="sidebar-action" data-testid="sidebar-new" onClick={onNew}>
        + New graph
      </button>
      <ul>
        {projects?.map((p) => (
          <li
            key={p.id}
            className={p.id === current ? 'is-current' : ''}
            data-testid="project-item"
            data-project-id={p.id}
          >
            <button className="project-item__open" onClick={() => void openProject(p.id)} title={p.filePath ?? p.name}>
              <span className="project-item__name">{p.name}</span>
              <span className="project-item__meta">
                {plural(Object.keys(p.doc.machine.states ?? {}).length, 'state')} · {ago(p.updatedAt)}
              </span>
            </button>
            {p.id !== current && (
              <button
                className="link-button project-item__delete"
                aria-label={`Delete ${p.name}`}
                onClick={async () => {
                  const ok = await confirmAction({
                    title: 'Delete graph',
                    message: `Delete “${p.name}” and its history from this app?`,
                    confirmLabel: 'Delete',
                    danger: true,
                  });
                  if (ok) void deleteProject(db, p.id);
                }}
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
