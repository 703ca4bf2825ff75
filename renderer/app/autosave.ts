/**
 * Autosave: the working copy is written within a second of an edit (debounced, with a maximum
 * wait so continuous typing still saves), and flushed when the page is hidden or unloaded, so a
 * reload or a killed window loses at most the last ~second of edits. The undo stack is written
 * with it (undoHistory.ts).
 */
import { db, type StudioDb } from './db';
import { useEditor } from './store';
import { saveWorkingCopyWithUndo, undoSnapshot } from './undoHistory';

const AUTOSAVE_DEBOUNCE_MS = 400;
const AUTOSAVE_MAX_WAIT_MS = 1000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

type Listener = (s: SaveState) => void;
const listeners = new Set<Listener>();
let state: SaveState = 'saved';

function setState(s: SaveState) {
  state = s;
  for (const l of listeners) l(s);
}

export function getSaveState(): SaveState {
  return state;
}

export function onSaveState(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Start autosaving the editor's document into `store`; returns stop + flush. */
export function startAutosave(store: StudioDb = db): { stop(): void; flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt = 0;
  let lastWritten = useEditor.getState().doc;
  let writing: Promise<void> = Promise.resolve();

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPendingAt = 0;
    const { doc, projectId } = useEditor.getState();
    if (!projectId || doc === lastWritten) {
      if (state === 'pending') setState('saved');
      return;
    }
    lastWritten = doc;
    // the undo stack as it stands with this document, taken now, written with it
    const undo = undoSnapshot();
    setState('saving');
    writing = writing
      .then(() => saveWorkingCopyWithUndo(store, projectId, doc, undo))
      .then(
        () => setState(useEditor.getState().doc === lastWritten ? 'saved' : 'pending'),
        (e: unknown) => {
          console.error('autosave failed', e);
          setState('error');
        },
      );
    await writing;
  };

  const schedule = () => {
    const now = Date.now();
    if (!firstPendingAt) firstPendingAt = now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(AUTOSAVE_DEBOUNCE_MS, firstPendingAt + AUTOSAVE_MAX_WAIT_MS - now));
    timer = setTimeout(() => void flush(), wait);
    setState('pending');
  };

  const unsub = useEditor.subscribe((s, prev) => {
    if (s.projectId !== prev.projectId) {
      // a project switch: the new doc came from the database
      lastWritten = s.doc;
      return;
    }
    if (s.doc !== prev.doc) schedule();
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  const onPageHide = () => void flush();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);
  return {
    stop() {
      unsub();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
    },
    flush,
  };
}
