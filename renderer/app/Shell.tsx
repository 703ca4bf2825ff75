/**
 * The window: top bar (app, graph name, mode, file actions), the project/history sidebar, the
 * canvas with the bottom panel (validation, code), the inspector — or the simulator workspace in
 * 'simulate' mode — and the status bar.
 */
import { useEffect, useMemo, useState } from 'react';
import { CodeView } from '../features/code/CodeView';
import { Canvas } from '../features/canvas/Canvas';
import { ExportDialog } from '../features/export/ExportDialog';
import { NewGraphDialog } from '../features/files/NewGraphDialog';
import { useGraphDrop } from '../features/files/useGraphDrop';
import { Sidebar } from '../features/files/Sidebar';
import { Inspector } from '../features/inspector/Inspector';
import { SimulatorWorkspace } from '../features/simulation/SimulatorWorkspace';
import { ValidationPanel } from '../features/validation/ValidationPanel';
import { useAppCommands } from './appCommands';
import { installShortcuts } from './commands';
import { installFilePicker, type PickedFile } from './desktop';
import { openFileAsProject } from './projects';
import { StatusBar } from './StatusBar';
import { useEditor, type EditorState } from './store';
import { TopBar } from './TopBar';
import { Toasts } from '../ui/toast';

/** A graph file dropped on the app (anywhere but a drop zone of its own) opens as a project. */
const openDroppedGraph = (file: PickedFile) => void openFileAsProject(file);

const selectMode = (s: EditorState) => s.mode;
const selectTab = (s: EditorState) => s.bottomTab;

function BottomPanel() {
  const tab = useEditor(selectTab);
  const setTab = useEditor((s) => s.setBottomTab);
  const [collapsed, setCollapsed] = useState(false);
  const tabs = [
    { id: 'validation', label: 'Problems' },
    { id: 'code', label: 'Code' },
  ];
  return (
    <section className={`bottom-panel${collapsed ? ' is-collapsed' : ''}`} data-testid="bottom-panel">
      <nav className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id && !collapsed} data-testid={`tab-${t.id}`} onClick={() => { setTab(t.id); setCollapsed(false); }}>
            {t.label}
          </button>
        ))}
        <span className="tabs__spacer" />
        <button className="link-button" aria-label={collapsed ? 'Expand panel' : 'Collapse panel'} onClick={() => setCollapsed((c) => !c)}>
          {collapsed ? '▴' : '▾'}
        </button>
      </nav>
      {!collapsed && <div className="bottom-panel__body">{tab === 'code' ? <CodeView /> : <ValidationPanel />}</div>}
    </section>
  );
}

export function Shell() {
  const mode = useEditor(selectMode);
  const [newOpen, setNewOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const actions = useMemo(
    () => ({
      openNew: () => setNewOpen(true),
      openExport: () => setExportOpen(true),
      toggleCode: () => {
        const s = useEditor.getState();
        s.setBottomTab(s.bottomTab === 'code' ? 'validation' : 'code');
      },
    }),
    [],
  );
  useAppCommands(actions);
  useEffect(() => installShortcuts(), []);
  // files set on the hidden input without an open request (drag-in, tests) open as projects
  useEffect(() => installFilePicker((file) => void openFileAsProject(file)), []);
  useGraphDrop(openDroppedGraph);

  return (
    <div className={`shell mode-${mode}`}>
      <TopBar onNew={actions.openNew} onExport={actions.openExport} />
      <div className="workspace">
        <Sidebar onNew={actions.openNew} />
        <main className="center">
          <Canvas />
          {mode === 'design' && <BottomPanel />}
        </main>
        <aside className={mode === 'design' ? 'right-pane' : 'right-pane is-wide'}>{mode === 'design' ? <Inspector /> : <SimulatorWorkspace />}</aside>
      </div>
      <StatusBar />
      <NewGraphDialog open={newOpen} onClose={() => setNewOpen(false)} />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <Toasts />
    </div>
  );
}
