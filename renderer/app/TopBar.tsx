/** Top bar: app mark, editable graph name, Design/Simulate/Operate switch, file actions, undo/redo. */
import { useState } from 'react';
import { formatShortcut } from '../ui/formatShortcut';
import { runCommand, shortcutOf } from './commands';
import { useEditor, type EditorState } from './store';
import { IconButton } from '../ui/IconButton';

const selectName = (s: EditorState) => s.doc.name;
const selectMode = (s: EditorState) => s.mode;

function GraphName() {
  const name = useEditor(selectName);
  const [text, setText] = useState(name);
  const [shown, setShown] = useState(name);
  if (name !== shown) {
    setShown(name);
    setText(name);
  }
  const commit = () => {
    const v = text.trim();
    if (v && v !== name) useEditor.getState().edit('Rename graph', (d) => ({ ...d, name: v }));
    else setText(name);
  };
  return (
    <input
      className="graph-name nokey"
      aria-label="Graph name"
      data-testid="graph-name"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') setText(name);
      }}
    />
  );
}

export function TopBar(props: { onNew(): void; onExport(): void; onHelp(): void }) {
  const mode = useEditor(selectMode);
  const setMode = useEditor((s) => s.setMode);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__mark" aria-hidden>
          ◇
        </span>
        <span className="brand__name">SOP Studio</span>
      </div>
      <span className="topbar__divider" />
      <GraphName />
      <div className="mode-switch" role="tablist" aria-label="Mode">
        <button
          role="tab"
          aria-selected={mode === 'design'}
          data-testid="mode-design"
          onClick={() => setMode('design')}
        >
          Design
        </button>
        <button
          role="tab"
          aria-selected={mode === 'simulate'}
          data-testid="mode-simulate"
          onClick={() => setMode('simulate')}
        >
          Simulate
        </button>
        <button
          role="tab"
          aria-selected={mode === 'operate'}
          data-testid="mode-operate"
          onClick={() => setMode('operate')}
        >
          Operate
        </button>
      </div>
      <span className="topbar__spacer" />
      <IconButton
        label="Undo"
        shortcut={shortcutOf('edit.undo')}
        disabled={!canUndo}
        onClick={() => runCommand('edit.undo')}
        icon="↶"
      />
      <IconButton
        label="Redo"
        shortcut={shortcutOf('edit.redo')}
        disabled={!canRedo}
        onClick={() => runCommand('edit.redo')}
        icon="↷"
      />
      <span className="topbar__divider" />
      <IconButton
        label="Help: keyboard shortcuts"
        shortcut={shortcutOf('help.shortcuts')}
        testId="help"
        onClick={props.onHelp}
        text="?"
      />
      <IconButton label="New graph" testId="new-graph" onClick={props.onNew} text="New" />
      <IconButton
        label="Open .sop.json"
        shortcut={shortcutOf('file.open')}
        testId="open-file"
        onClick={() => runCommand('file.open')}
        text="Open"
      />
      <IconButton
        label="Save version and file"
        shortcut={shortcutOf('file.save')}
        testId="save-file"
        onClick={() => runCommand('file.save')}
        text="Save"
      />
      <button
        className="primary-button"
        data-testid="export"
        onClick={props.onExport}
        title={`Export (${formatShortcut(shortcutOf('file.export'))})`}
      >
        Export
      </button>
    </header>
  );
}
