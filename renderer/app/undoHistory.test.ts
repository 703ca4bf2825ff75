import { describe, expect, it } from 'vitest';
import { addState } from '../../shared/model/edits';
import { emptyDoc } from '../../shared/model/edits/empty';
import { createProject, deleteProject, StudioDb } from './db';
import { openProject } from './projects';
import { redoLabel, undoLabel, useEditor } from './store';
import { loadUndo, PERSISTED_UNDO_STEPS, saveWorkingCopyWithUndo, undoSnapshot } from './undoHistory';

let n = 0;
const freshDb = () => new StudioDb(`undo-test-${Date.now()}-${n++}`);
const stateNames = () => Object.keys(useEditor.getState().doc.machine.states ?? {});

/** What autosave does after an edit: write the working copy with the undo stack. */
async function autosave(db: StudioDb) {
  const { projectId, doc } = useEditor.getState();
  await saveWorkingCopyWithUndo(db, projectId!, doc, undoSnapshot());
}

describe('undo history across reloads', () => {
  it('given edits saved with the working copy, when the project is opened again, then undo and redo continue where they were', async () => {
    const db = freshDb();
    const p = await createProject(db, emptyDoc('A'), 'Created');
    await openProject(p.id, db);
    const { edit } = useEditor.getState();
    edit('Add state a', (d) => addState(d, { name: 'a' }));
    edit('Add state b', (d) => addState(d, { name: 'b' }));
    edit('Add state c', (d) => addState(d, { name: 'c' }));
    useEditor.getState().undo();
    await autosave(db);

    // a "reload": another project in between, so nothing is left in memory
    const other = await createProject(db, emptyDoc('B'), 'Created');
    await openProject(other.id, db);
    expect(useEditor.getState().canUndo).toBe(false);

    await openProject(p.id, db);
    expect(stateNames()).toEqual(['a', 'b']);
    expect(undoLabel()).toBe('Add state b');
    expect(redoLabel()).toBe('Add state c');
    useEditor.getState().undo();
    expect(stateNames()).toEqual(['a']);
    useEditor.getState().redo();
    useEditor.getState().redo();
    expect(stateNames()).toEqual(['a', 'b', 'c']);
  });

  it(`keeps only the last ${PERSISTED_UNDO_STEPS} steps`, async () => {
    const db = freshDb();
    const p = await createProject(db, emptyDoc('A'), 'Created');
    await openProject(p.id, db);
    for (let i = 0; i < PERSISTED_UNDO_STEPS + 30; i++)
      useEditor.getState().edit(`Add s${i}`, (d) => addState(d, { name: `s${i}` }));
    await autosave(db);
    const saved = (await db.undo.get(p.id))!;
    expect(saved.past).toHaveLength(PERSISTED_UNDO_STEPS);
    // the oldest kept step is the document before edit 30 (states s0..s29)
    expect(Object.keys(saved.past[0]!.doc.machine.states ?? {})).toHaveLength(30);
    await openProject(p.id, db);
    for (let i = 0; i < PERSISTED_UNDO_STEPS; i++) useEditor.getState().undo();
    expect(stateNames()).toHaveLength(30);
    expect(useEditor.getState().canUndo).toBe(false);
  });

  it('drops a stack saved for another document than the working copy, and deletes it with the project', async () => {
    const db = freshDb();
    const p = await createProject(db, emptyDoc('A'), 'Created');
    await openProject(p.id, db);
    useEditor.getState().edit('Add state a', (d) => addState(d, { name: 'a' }));
    await autosave(db);
    // the working copy replaced by another path (no undo stack written with it)
    const replaced = addState(emptyDoc('A'), { name: 'z' });
    await db.projects.update(p.id, { doc: replaced });
    expect(await loadUndo(db, p.id, replaced)).toBeNull();
    expect(await db.undo.get(p.id)).toBeUndefined();

    useEditor.getState().edit('Add state b', (d) => addState(d, { name: 'b' }));
    await autosave(db);
    expect(await db.undo.get(p.id)).toBeDefined();
    await deleteProject(db, p.id);
    expect(await db.undo.get(p.id)).toBeUndefined();
  });
});
