import { afterEach, describe, expect, it, vi } from 'vitest';
import { addState, setLayout } from '../../shared/model/edits';
import { emptyDoc } from '../../shared/model/edits/empty';
import { redoLabel, undoLabel, useEditor } from './store';

afterEach(() => vi.useRealTimers());

function fresh() {
  useEditor.getState().openProject('p1', emptyDoc());
}

describe('editor store: one history for every document edit', () => {
  it('undoes and redoes edits in order, with labels', () => {
    fresh();
    const { edit } = useEditor.getState();
    edit('Add state', (d) => addState(d, { name: 'a' }));
    edit('Add state b', (d) => addState(d, { name: 'b' }));
    expect(useEditor.getState().canUndo).toBe(true);
    expect(undoLabel()).toBe('Add state b');
    useEditor.getState().undo();
    expect(Object.keys(useEditor.getState().doc.machine.states!)).toEqual(['a']);
    expect(redoLabel()).toBe('Add state b');
    useEditor.getState().redo();
    expect(Object.keys(useEditor.getState().doc.machine.states!)).toEqual(['a', 'b']);
    expect(useEditor.getState().canRedo).toBe(false);
  });

  it('coalesces edits with the same key close together into one step', () => {
    vi.useFakeTimers();
    fresh();
    const { edit } = useEditor.getState();
    edit('Add state', (d) => addState(d, { name: 'a' }));
    for (let x = 1; x <= 5; x++) {
      vi.advanceTimersByTime(100);
      edit('Move state', (d) => setLayout(d, { a: { x, y: 0 } }), { coalesce: 'drag' });
    }
    vi.advanceTimersByTime(5000);
    edit('Move state', (d) => setLayout(d, { a: { x: 99, y: 0 } }), { coalesce: 'drag' });
    useEditor.getState().undo();
    expect(useEditor.getState().doc.layout.a).toEqual({ x: 5, y: 0 });
    useEditor.getState().undo();
    expect(useEditor.getState().doc.layout.a).toBeUndefined();
    expect(Object.keys(useEditor.getState().doc.machine.states!)).toEqual(['a']);
  });

  it('a recipe that returns the same document records nothing; selection is not history', () => {
    fresh();
    useEditor.getState().edit('Nothing', (d) => d);
    useEditor.getState().select({ kind: 'state', key: 'x' });
    expect(useEditor.getState().canUndo).toBe(false);
  });

  it('opening a project clears the history; replacing the document is undoable', () => {
    fresh();
    useEditor.getState().edit('Add state', (d) => addState(d, { name: 'a' }));
    useEditor.getState().openProject('p2', emptyDoc('Other'));
    expect(useEditor.getState().canUndo).toBe(false);
    useEditor.getState().replaceDoc(emptyDoc('Imported'), 'Import');
    expect(useEditor.getState().doc.name).toBe('Imported');
    useEditor.getState().undo();
    expect(useEditor.getState().doc.name).toBe('Other');
  });
});
