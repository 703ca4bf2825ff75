/** Floating canvas toolbar: add, undo/redo, auto-layout, fit, find. Buttons run registry commands. */
import { runCommand, shortcutOf } from '../../app/commands';
import { useEditor } from '../../app/store';
import { IconButton } from '../../ui/IconButton';

export function CanvasToolbar({ onFind }: { onFind: () => void }) {
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
      <IconButton
        label="Add state"
        shortcut={shortcutOf('canvas.addState')}
        testId="add-state"
        onClick={() => runCommand('canvas.addState')}
        text="+ State"
      />
      <span className="toolbar-sep" />
      <IconButton
        label="Undo"
        shortcut={shortcutOf('edit.undo')}
        testId="undo"
        disabled={!canUndo}
        onClick={() => runCommand('edit.undo')}
        icon="↶"
      />
      <IconButton
        label="Redo"
        shortcut={shortcutOf('edit.redo')}
        testId="redo"
        disabled={!canRedo}
        onClick={() => runCommand('edit.redo')}
        icon="↷"
      />
      <span className="toolbar-sep" />
      <IconButton
        label="Auto layout"
        shortcut={shortcutOf('view.autoLayout')}
        testId="auto-layout"
        onClick={() => runCommand('view.autoLayout')}
        icon="⇅"
        text="Layout"
      />
      <IconButton
        label="Zoom to fit"
        shortcut={shortcutOf('view.fitView')}
        testId="fit-view"
        onClick={() => runCommand('view.fitView')}
        icon="⤢"
      />
      <IconButton label="Find state" shortcut={shortcutOf('view.find')} testId="find" onClick={onFind} icon="⌕" />
    </div>
  );
}
