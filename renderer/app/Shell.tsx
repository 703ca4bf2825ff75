/**
 * The window: top bar (app, graph name, mode, file actions), the project/history sidebar, the
 * canvas with the bottom panel (validation, code), the inspector — or the simulator workspace in
 * 'simulate' mode — and the status bar.
 */
import { useEffect, useMemo, useState } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';
import { CodeView } from '../features/code/LazyCodeView';
import { Canvas } from '../features/canvas/Canvas';
import { ExportDialog } from '../features/export/ExportDialog';
import { NewGraphDialog } from '../features/files/NewGraphDialog';
import { ShortcutSheet } from './ShortcutSheet';
import { Welcome, welcomeAtStart } from './Welcome';
import { useGraphDrop } from '../features/files/useGraphDrop';
import { Sidebar } from '../features/files/Sidebar';
import { Inspector } from '../features/inspector/Inspector';
import { OperateWorkspace } from '../features/operate/OperateWorkspace';
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
import { ConfirmHost } from '../ui/confirm';

/** A graph file dropped on the app (anywhere but a drop zone of its own) opens as a project. */
const openDroppedGraph = (file: PickedFile) => void openFileAsProject(file);

const selectMode = (s: EditorState) => s.mode;
const selectTab = (s: EditorState) => s.bottomTab;

/** Panel sizes are remembered per browser profile (localStorage), like any desktop editor's. */
const layoutStorage = typeof localStorage === 'undefined' ? undefined : localStorage;
const TABS_HEIGHT = 35;

function BottomPanelTabs({ collapsed, onToggle, onShow }: { collapsed: boolean; onToggle(): void; onShow(): void }) {
  const tab = useEditor(selectTab);
  const setTab = useEditor((s) => s.setBottomTab);
  const tabs = [
    { id: 'validation', label: 'Problems' },
    { id: 'code', label: 'Code' },
  ];
  return (
    <nav className="tabs" role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          role="tab"
          aria-selected={tab === t.id && !collapsed}
          data-testid={`tab-${t.id}`}
          onClick={() => {
            setTab(t.id);
            onShow();
          }}
        >
          {t.label}
        </button>
      ))}
      <span className="tabs__spacer" />
      <button className="link-button" aria-label={collapsed ? 'Expand panel' : 'Collapse panel'} onClick={onToggle}>
        {collapsed ? '▴' : '▾'}
      </button>
    </nav>
  );
}

/** The canvas above the Problems/Code panel, with a splitter between them. */
function CenterColumn({ design }: { design: boolean }) {
  const tab = useEditor(selectTab);
  const bottom = usePanelRef();
  const [collapsed, setCollapsed] = useState(false);
  const layout = useDefaultLayout({ id: 'sop-center', storage: layoutStorage });
  if (!design) return <Canvas />;
  return (
    <Group
      orientation="vertical"
      className="center-group"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      <Panel id="shell-canvas" minSize={160} className="shell-panel">
        <Canvas />
      </Panel>
      <Separator className="splitter splitter--h" />
      <Panel
        id="shell-bottom"
        panelRef={bottom}
        defaultSize={220}
        minSize={90}
        collapsible
        collapsedSize={TABS_HEIGHT}
        onResize={() => setCollapsed(bottom.current?.isCollapsed() ?? false)}
        className="shell-panel"
      >
        <section className={`bottom-panel${collapsed ? ' is-collapsed' : ''}`} data-testid="bottom-panel">
          <BottomPanelTabs
            collapsed={collapsed}
            onToggle={() => (collapsed ? bottom.current?.expand() : bottom.current?.collapse())}
            onShow={() => bottom.current?.expand()}
          />
          {!collapsed && (
            <div className="bottom-panel__body">{tab === 'code' ? <CodeView /> : <ValidationPanel />}</div>
          )}
        </section>
      </Panel>
    </Group>
  );
}

export function Shell() {
  const mode = useEditor(selectMode);
  const [newOpen, setNewOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [welcomeOpen, setWelcomeOpen] = useState(welcomeAtStart);
  const actions = useMemo(
    () => ({
      openNew: () => setNewOpen(true),
      openExport: () => setExportOpen(true),
      openShortcuts: () => setShortcutsOpen(true),
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
      <TopBar onNew={actions.openNew} onExport={actions.openExport} onHelp={actions.openShortcuts} />
      <Workspace mode={mode} onNew={actions.openNew} />
      <StatusBar />
      <NewGraphDialog open={newOpen} onClose={() => setNewOpen(false)} />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <ShortcutSheet
        open={shortcutsOpen}
        onClose={() => setShortcutsOpen(false)}
        onWelcome={() => {
          setShortcutsOpen(false);
          setWelcomeOpen(true);
        }}
      />
      <Welcome open={welcomeOpen} onClose={() => setWelcomeOpen(false)} onNew={actions.openNew} />
      <ConfirmHost />
      <Toasts />
    </div>
  );
}

/** Sidebar | centre | right pane, with splitters; the simulator's wider right pane has its own sizes. */
function Workspace({ mode, onNew }: { mode: EditorState['mode']; onNew(): void }) {
  const design = mode === 'design';
  // operate shares the simulator's wide right pane and its remembered sizes
  const id = design ? 'sop-workspace-design' : 'sop-workspace-simulate';
  const layout = useDefaultLayout({ id, storage: layoutStorage });
  return (
    <Group
      key={id}
      id={id}
      orientation="horizontal"
      className="workspace"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      <Panel id="shell-sidebar" defaultSize={212} minSize={160} maxSize={420} className="shell-panel">
        <Sidebar onNew={onNew} />
      </Panel>
      <Separator className="splitter splitter--v" />
      <Panel id="shell-center" minSize={320} className="shell-panel">
        <main className="center">
          <CenterColumn design={design} />
        </main>
      </Panel>
      <Separator className="splitter splitter--v" />
      <Panel id="shell-right" defaultSize={design ? 340 : 480} minSize={260} maxSize={820} className="shell-panel">
        <aside className={design ? 'right-pane' : 'right-pane is-wide'}>
          {design ? <Inspector /> : mode === 'operate' ? <OperateWorkspace /> : <SimulatorWorkspace />}
        </aside>
      </Panel>
    </Group>
  );
}
