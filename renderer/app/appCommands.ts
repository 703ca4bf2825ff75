/**
 * App-level commands (file, history, undo/redo, modes) in the shared registry, and the bridge from
 * the Electron menu (window.desktop.onMenuCommand) to the registry.
 */
import { useEffect } from 'react';
import { registerCommands, runCommand } from './commands';
import { onMenuCommand } from './desktop';
import { checkpointCommand, importIntoCurrent, openFileCommand, saveCommand } from './projects';
import { useEditor } from './store';

export function useAppCommands(actions: { openNew(): void; openExport(): void; toggleCode(): void }): void {
  useEffect(() => {
    const unregister = registerCommands([
      { id: 'file.new', label: 'New graph…', group: 'File', run: actions.openNew },
      { id: 'file.open', label: 'Open…', group: 'File', shortcut: 'Mod+O', global: true, run: openFileCommand },
      { id: 'file.importMachine', label: 'Import XState machine into this graph…', group: 'File', run: importIntoCurrent },
      { id: 'file.save', label: 'Save', group: 'File', shortcut: 'Mod+S', global: true, run: () => saveCommand() },
      { id: 'file.saveAs', label: 'Save as…', group: 'File', shortcut: 'Mod+Shift+S', global: true, run: () => saveCommand({ saveAs: true }) },
      { id: 'file.checkpoint', label: 'Save checkpoint', group: 'File', run: () => checkpointCommand() },
      { id: 'file.export', label: 'Export…', group: 'File', shortcut: 'Mod+E', global: true, run: actions.openExport },
      { id: 'edit.undo', label: 'Undo', group: 'Edit', shortcut: 'Mod+Z', enabled: () => useEditor.getState().canUndo, run: () => useEditor.getState().undo() },
      { id: 'edit.redo', label: 'Redo', group: 'Edit', shortcut: ['Mod+Shift+Z', 'Mod+Y'], enabled: () => useEditor.getState().canRedo, run: () => useEditor.getState().redo() },
      { id: 'view.toggleCode', label: 'Toggle code view', group: 'View', shortcut: 'Mod+J', global: true, run: actions.toggleCode },
      { id: 'mode.design', label: 'Design mode', group: 'View', shortcut: 'Mod+1', global: true, run: () => useEditor.getState().setMode('design') },
      { id: 'mode.simulate', label: 'Simulate mode', group: 'View', shortcut: 'Mod+2', global: true, run: () => useEditor.getState().setMode('simulate') },
    ]);
    const unmenu = onMenuCommand((id) => runCommand(id));
    return () => {
      unregister();
      unmenu();
    };
  }, [actions]);
}
