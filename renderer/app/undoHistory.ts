/**
 * The undo stack across reloads: autosave writes the last PERSISTED_UNDO_STEPS steps of each
 * direction with the working copy (one transaction), and opening the project puts them back, so
 * Ctrl+Z after a reload undoes the edit made before it. Steps share the unchanged parts of their
 * documents in memory, and IndexedDB's structured clone keeps that sharing inside one record, so
 * a hundred steps of a large graph cost about the parts that changed, not a hundred copies.
 */
import type { GraphDoc } from '../../shared/model/types';
import type { StudioDb, UndoRecord, UndoStep } from './db';
import { useEditor } from './store';

/** Bounded: older steps are dropped when saved (the in-memory stack keeps up to zundo's limit). */
export const PERSISTED_UNDO_STEPS = 100;

/** The editor's undo stack now, bounded, for `projectId` (null when no project is open). */
export function undoSnapshot(): UndoRecord | null {
  const { projectId, doc, docLabel } = useEditor.getState();
  if (!projectId) return null;
  const t = useEditor.temporal.getState();
  const step = (s: Partial<UndoStep>): UndoStep => ({ doc: s.doc!, docLabel: s.docLabel ?? '' });
  return {
    projectId,
    present: { doc, docLabel },
    past: t.pastStates.slice(-PERSISTED_UNDO_STEPS).map(step),
    future: t.futureStates.slice(-PERSISTED_UNDO_STEPS).map(step),
  };
}

/** Write the working copy and its undo stack together, so one never outlives the other. */
export async function saveWorkingCopyWithUndo(
  store: StudioDb,
  projectId: string,
  doc: GraphDoc,
  undo: UndoRecord | null,
): Promise<void> {
  await store.transaction('rw', store.projects, store.undo, async () => {
    await store.projects.update(projectId, { doc, name: doc.name, updatedAt: Date.now() });
    if (undo && undo.projectId === projectId && undo.present.doc === doc) await store.undo.put(undo);
  });
}

/**
 * The saved undo stack of a project whose working copy is `doc`, or null. A stack saved for a
 * different document (the working copy was replaced since, e.g. by restoring a version) would undo
 * into a graph the user never had, so it is dropped.
 */
export async function loadUndo(store: StudioDb, projectId: string, doc: GraphDoc): Promise<UndoRecord | null> {
  const saved = await store.undo.get(projectId);
  if (!saved) return null;
  if (JSON.stringify(saved.present.doc) !== JSON.stringify(doc)) {
    await store.undo.delete(projectId);
    return null;
  }
  return saved;
}
