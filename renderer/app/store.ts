/**
 * The editor store: one zustand store typed as data + actions (the xyflow habit), with zundo
 * tracking only the document, so undo/redo is one history for every document edit.
 *
 * Every document change goes through `edit(label, recipe)`: a pure recipe (shared/model/edits)
 * maps the old document to a new one. Edits sharing a `coalesce` key within COALESCE_MS form one
 * undo step (a drag, typing into a field).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { GraphDoc } from '../../shared/model/types';
import type { CanvasOverlay } from './overlay';
import { emptyDoc } from '../../shared/model/edits/empty';

export type Selection =
  | { kind: 'state'; key: string }
  | { kind: 'transition'; id: string /* FlatTransition.id from shared/model/flatten.ts */ }
  | { kind: 'multi'; keys: string[] }
  | null;

type EditorMode = 'design' | 'simulate' | 'operate';

/** Edits with the same coalesce key closer together than this are one undo step (typing bursts on a busy machine included). */
const COALESCE_MS = 1000;

export interface EditorState {
  doc: GraphDoc;
  projectId: string | null;
  selection: Selection;
  /** Label of the edit that produced `doc` (tracked with the doc: "Undo <label>"). */
  docLabel: string;
  /** Bumped on every document change (edit, undo, redo, replace); autosave watches it. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  mode: EditorMode;
  overlay: CanvasOverlay | null;
  bottomTab: string;

  // property signatures (not methods): callers take them off the store unbound (typed lint, unbound-method)
  edit: (label: string, recipe: (doc: GraphDoc) => GraphDoc, opts?: { coalesce?: string }) => void;
  /** Replace the whole document (open/import/template into the current project); undoable. */
  replaceDoc(doc: GraphDoc, label: string): void;
  /**
   * Switch to another project: new document, not undoable. The undo stack is the one saved with
   * the project (undoHistory.ts) when given, else empty.
   */
  openProject(projectId: string | null, doc: GraphDoc, undo?: SavedUndo | null): void;
  select: (selection: Selection) => void;
  undo(): void;
  redo(): void;
  setMode(mode: EditorMode): void;
  setOverlay(overlay: CanvasOverlay | null): void;
  setBottomTab(tab: string): void;
}

type Tracked = Pick<EditorState, 'doc' | 'docLabel'>;

/** An undo stack to restore: oldest past step first, next redo step last. */
interface SavedUndo {
  present: Tracked;
  past: Tracked[];
  future: Tracked[];
}

let lastEdit: { key: string | undefined; at: number } = { key: undefined, at: 0 };

export const useEditor = create<EditorState>()(
  temporal(
    (set, get) => ({
      doc: emptyDoc(),
      projectId: null,
      selection: null,
      docLabel: '',
      revision: 0,
      canUndo: false,
      canRedo: false,
      mode: 'design',
      overlay: null,
      bottomTab: 'validation',

      edit(label, recipe, opts) {
        const prev = get().doc;
        const next = recipe(prev);
        if (next === prev) return;
        const now = Date.now();
        const key = opts?.coalesce;
        const coalesce = key !== undefined && lastEdit.key === key && now - lastEdit.at < COALESCE_MS;
        lastEdit = { key, at: now };
        const history = useEditor.temporal.getState();
        if (coalesce) history.pause();
        set({ doc: next, docLabel: label, revision: get().revision + 1 });
        if (coalesce) history.resume();
      },
      replaceDoc(doc, label) {
        lastEdit = { key: undefined, at: 0 };
        set({ doc, docLabel: label, selection: null, revision: get().revision + 1 });
      },
      openProject(projectId, doc, undo) {
        const history = useEditor.temporal.getState();
        history.pause();
        set({
          doc,
          projectId,
          docLabel: undo?.present.docLabel ?? 'Open',
          selection: null,
          overlay: null,
          revision: get().revision + 1,
        });
        history.resume();
        history.clear();
        if (undo) useEditor.temporal.setState({ pastStates: undo.past, futureStates: undo.future });
        lastEdit = { key: undefined, at: 0 };
      },
      select(selection) {
        set({ selection });
      },
      undo() {
        lastEdit = { key: undefined, at: 0 };
        useEditor.temporal.getState().undo();
        set({ revision: get().revision + 1 });
      },
      redo() {
        lastEdit = { key: undefined, at: 0 };
        useEditor.temporal.getState().redo();
        set({ revision: get().revision + 1 });
      },
      setMode(mode) {
        set({ mode });
      },
      setOverlay(overlay) {
        set({ overlay });
      },
      setBottomTab(bottomTab) {
        set({ bottomTab });
      },
    }),
    {
      partialize: (s): Tracked => ({ doc: s.doc, docLabel: s.docLabel }),
      // only document changes make history entries (selection, mode, flags do not)
      equality: (a, b) => a.doc === b.doc,
      limit: 200,
    },
  ),
);

// canUndo / canRedo mirror the temporal store so components subscribe to plain booleans.
useEditor.temporal.subscribe((t) => {
  const canUndo = t.pastStates.length > 0;
  const canRedo = t.futureStates.length > 0;
  const s = useEditor.getState();
  if (s.canUndo !== canUndo || s.canRedo !== canRedo) useEditor.setState({ canUndo, canRedo });
});

/** Label of the step that undo would revert, for menus ("Undo Move state"). */
export function undoLabel(): string | null {
  const s = useEditor.getState();
  return s.canUndo ? s.docLabel : null;
}

/** Label of the step that redo would re-apply. */
export function redoLabel(): string | null {
  const future = useEditor.temporal.getState().futureStates;
  const next = future[future.length - 1];
  return next?.docLabel ?? null;
}

/* Module-level selectors (stable identities: components subscribe narrowly). */
